package io.keyuan.survey.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.SurveyForm;
import java.util.Locale;

/**
 * The public answer page a recipient opens through their link: no sign-in, outside the portal's frame, in the
 * browser's language (switchable). It shows a greeting and the survey, nothing about the customer; any refusal of
 * the link reads the same. Laid out for a phone first: one column, at most 40rem wide.
 */
@Route(value = "a/:token", autoLayout = false)
@AnonymousAllowed
public class PublicAnswerView extends Div implements BeforeEnterObserver, HasDynamicTitle {
    private final PublicAnswerService answers;
    private final Div body = new Div();
    private String token;
    SurveyFormPanel panel;
    final Button submit = new Button();

    public PublicAnswerView(PublicAnswerService answers) {
        this.answers = answers;
        setId("public-answer");
        getStyle()
                .set("box-sizing", "border-box")
                .set("width", "100%")
                .set("max-width", "40rem")
                .set("margin", "0 auto")
                .set("padding", "var(--lumo-space-m)");
        submit.setId("answer-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setWidthFull();
        submit.addClickListener(e -> send());
        add(body);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get("token").orElse("");
        UI ui = event.getUI();
        ui.setLocale(browserLocale());
        show();
    }

    private static Locale browserLocale() {
        VaadinSession session = VaadinSession.getCurrent();
        Locale l = session != null && session.getBrowser() != null
                ? session.getBrowser().getLocale()
                : null;
        if (l == null && VaadinRequest.getCurrent() != null) {
            l = VaadinRequest.getCurrent().getLocale();
        }
        return KeyuanI18NProvider.supported(l == null ? KeyuanI18NProvider.ZH_CN : l);
    }

    static String clientAddress() {
        VaadinSession session = VaadinSession.getCurrent();
        String address = session == null || session.getBrowser() == null
                ? null
                : session.getBrowser().getAddress();
        return address == null ? "unknown" : address;
    }

    private void show() {
        body.removeAll();
        Locale locale = getLocale();
        body.add(languages());
        SurveyForm form;
        try {
            form = answers.open(token, clientAddress());
        } catch (KeyuanException e) {
            message("survey.public.refused.title", e);
            return;
        }
        H1 greeting = new H1(getTranslation("survey.public.greeting"));
        greeting.setId("public-greeting");
        greeting.getStyle().set("font-size", "var(--lumo-font-size-xxl)");
        Paragraph intro = new Paragraph(getTranslation("survey.public.intro", form.name()));
        panel = new SurveyFormPanel(form, locale, false);
        submit.setText(getTranslation("survey.public.submit"));
        body.add(greeting, intro, panel, submit);
    }

    private Div languages() {
        Div bar = new Div();
        bar.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("justify-content", "flex-end");
        for (Locale l : KeyuanI18NProvider.LOCALES) {
            Button b = new Button(KeyuanI18NProvider.NATIVE_NAMES.get(l), e -> {
                UI.getCurrent().setLocale(l);
                show();
            });
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            bar.add(b);
        }
        return bar;
    }

    private void send() {
        try {
            answers.submit(token, clientAddress(), panel.answers());
        } catch (KeyuanException e) {
            String text = getTranslation(e.messageKey(), e.args());
            if (!panel.showOnQuestion(e, text)) {
                message("survey.public.refused.title", e);
            }
            return;
        }
        body.removeAll();
        H1 thanks = new H1(getTranslation("survey.public.thanks.title"));
        thanks.setId("public-thanks");
        body.add(thanks, new Paragraph(getTranslation("survey.public.thanks.text")));
    }

    /** The one message for a refused link (or the rate limit's), and nothing else of the page. */
    private void message(String titleKey, KeyuanException e) {
        body.removeAll();
        body.add(languages());
        H1 title = new H1(getTranslation(titleKey));
        title.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        Span text = new Span(getTranslation(e.messageKey(), e.args()));
        text.setId("public-refusal");
        body.add(title, text);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("survey.public.title");
    }
}
