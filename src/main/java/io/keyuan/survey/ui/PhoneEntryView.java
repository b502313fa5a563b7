package io.keyuan.survey.ui;

import com.vaadin.flow.component.Focusable;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.PhoneCall;
import io.keyuan.survey.RecipientStatus;
import io.keyuan.survey.ResponseService;
import io.keyuan.survey.SurveyForm;
import jakarta.annotation.security.RolesAllowed;
import java.util.Optional;

/**
 * Phone entry (staff), keyboard only: shows the next recipient not yet called with their phone number and the
 * survey's questions — scores are typed as digits, Tab moves on — Enter saves the answers and shows the next
 * recipient, Alt+N marks "no answer", Alt+R "refused", Alt+S skips to the next without marking.
 */
@Route("campaigns/:id(\\d{1,18})/phone")
@RolesAllowed(Roles.STAFF)
public class PhoneEntryView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final ResponseService responses;
    final H2 title = new H2();
    final Span who = new Span();
    final Span number = new Span();
    final Span remaining = new Span();
    final Div formHolder = new Div();
    final Button save = new Button();
    final Button noAnswer = new Button();
    final Button refused = new Button();
    final Button skip = new Button();
    final Span done = new Span();
    SurveyFormPanel panel;
    private long campaignId;
    private PhoneCall current;

    public PhoneEntryView(ResponseService responses) {
        this.responses = responses;
        addClassName("keyuan-view");
        setPadding(false);
        who.setId("phone-name");
        who.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
        number.setId("phone-number");
        number.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        remaining.setId("phone-remaining");
        remaining.addClassName("keyuan-audit");
        formHolder.setWidthFull();
        formHolder.getStyle().set("max-width", "48rem");
        save.setText(getTranslation("survey.phone.save"));
        save.setId("phone-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        noAnswer.setText(getTranslation("survey.phone.no-answer"));
        noAnswer.setId("phone-no-answer");
        noAnswer.addClickListener(e -> mark(RecipientStatus.NO_ANSWER));
        refused.setText(getTranslation("survey.phone.refused"));
        refused.setId("phone-refused");
        refused.addClickListener(e -> mark(RecipientStatus.REFUSED));
        skip.setText(getTranslation("survey.phone.skip"));
        skip.setId("phone-skip");
        skip.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        skip.addClickListener(e -> next(current == null ? 0 : current.recipientId()));
        // on the whole page while this view is shown, wherever the cursor is
        Shortcuts.addShortcutListener(this, this::save, Key.ENTER);
        Shortcuts.addShortcutListener(this, () -> mark(RecipientStatus.NO_ANSWER), Key.KEY_N, KeyModifier.ALT);
        Shortcuts.addShortcutListener(this, () -> mark(RecipientStatus.REFUSED), Key.KEY_R, KeyModifier.ALT);
        Shortcuts.addShortcutListener(
                this, () -> next(current == null ? 0 : current.recipientId()), Key.KEY_S, KeyModifier.ALT);
        Span keys = new Span(getTranslation("survey.phone.keys"));
        keys.addClassName("keyuan-audit");
        done.setId("phone-done");
        done.setText(getTranslation("survey.phone.done"));
        done.setVisible(false);
        HorizontalLayout actions = new HorizontalLayout(save, noAnswer, refused, skip);
        actions.getStyle().set("flex-wrap", "wrap");
        Button back = new Button(
                getTranslation("survey.phone.back"),
                e -> getUI().ifPresent(ui -> ui.navigate("campaigns/" + campaignId)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(back, title, new HorizontalLayout(who, number), remaining, formHolder, actions, keys, done);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        campaignId = event.getRouteParameters().getLong("id").orElseThrow();
        SurveyForm form = responses.campaignForm(campaignId);
        title.setText(getTranslation("survey.phone.title", form.name()));
        panel = new SurveyFormPanel(form, getLocale(), true);
        formHolder.removeAll();
        formHolder.add(panel);
        next(0);
    }

    void next(long after) {
        Optional<PhoneCall> call;
        try {
            call = responses.nextCall(campaignId, after);
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
            call = Optional.empty();
        }
        current = call.orElse(null);
        boolean any = current != null;
        who.setText(any ? nameOf(current) : "");
        boolean hasPhone = any && current.phone() != null;
        number.setText(hasPhone ? current.phone() : any ? getTranslation("survey.phone.no-number") : "");
        // Digits read best in a fixed-width face; the "no phone" words do not.
        number.getStyle().set("font-family", hasPhone ? "monospace" : null);
        remaining.setText(any ? getTranslation("survey.phone.remaining", current.remaining()) : "");
        formHolder.setVisible(any);
        save.setEnabled(any);
        noAnswer.setEnabled(any);
        refused.setEnabled(any);
        skip.setEnabled(any);
        done.setVisible(!any);
        if (panel != null) {
            panel.clear();
            if (any && panel.firstInput() instanceof Focusable<?> f) {
                f.focus();
            }
        }
    }

    private static String nameOf(PhoneCall c) {
        return c.name() == null ? "#" + c.customerId() : c.name() + (c.code() == null ? "" : " (" + c.code() + ")");
    }

    void save() {
        if (current == null) {
            return;
        }
        try {
            responses.recordPhone(current.recipientId(), panel.answers());
        } catch (KeyuanException e) {
            String text = Notifications.describe(this, e);
            if (!panel.showOnQuestion(e, text)) {
                Notifications.error(this, text);
            }
            return;
        }
        Notifications.success(this, "survey.phone.saved", nameOf(current));
        next(current.recipientId());
    }

    void mark(RecipientStatus outcome) {
        if (current == null) {
            return;
        }
        if (Notifications.attempt(this, () -> responses.markCall(current.recipientId(), outcome))) {
            next(current.recipientId());
        }
    }

    PhoneCall current() {
        return current;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("survey.phone.nav");
    }
}
