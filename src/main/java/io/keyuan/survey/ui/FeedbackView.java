package io.keyuan.survey.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.keyuan.customer.CustomerService;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.AnswerView;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackChange;
import io.keyuan.survey.FeedbackDetail;
import io.keyuan.survey.FeedbackEdit;
import io.keyuan.survey.FeedbackHistoryEntry;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackSeverity;
import io.keyuan.survey.FeedbackStatus;
import io.keyuan.survey.ResponseService;
import io.keyuan.survey.ResponseSummary;
import io.keyuan.survey.domain.Feedback;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One complaint or suggestion: its fields (editable over the version loaded), the moves its status allows as
 * buttons (reopening asks for a reason in the note), a comment box, and its history as a timeline. Everything a
 * person typed is shown as text.
 */
@Route("feedback/:id(\\d{1,18})")
@RolesAllowed(Roles.STAFF)
public class FeedbackView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final FeedbackService feedback;
    private final CustomerService customers;
    private final ResponseService responses;
    private final List<UserRef> activeUsers;
    private final Map<Long, String> userNames;
    private FeedbackDetail item;

    final H2 heading = new H2();
    final Span statusBadge = new Span();
    final Span overdueBadge = new Span();
    final Div description = new Div();
    final Div facts = new Div();
    final Select<FeedbackCategory> category = new Select<>();
    final Select<FeedbackSeverity> severity = new Select<>();
    final ComboBox<UserRef> owner = new ComboBox<>();
    final DatePicker dueDate = new DatePicker();
    final TextField title = new TextField();
    final TextArea descriptionField = new TextArea();
    final Button save = new Button();
    final HorizontalLayout moves = new HorizontalLayout();
    final TextField note = new TextField();
    final TextArea comment = new TextArea();
    final Button addComment = new Button();
    final VerticalLayout timeline = new VerticalLayout();

    public FeedbackView(
            FeedbackService feedback, CustomerService customers, ResponseService responses, UserDirectory users) {
        this.feedback = feedback;
        this.customers = customers;
        this.responses = responses;
        this.activeUsers = users.activeUsers();
        this.userNames = users.allUsers().stream().collect(Collectors.toMap(UserRef::id, UserRef::displayName));
        addClassName("keyuan-view");
        setId("feedback-view");

        heading.setId("feedback-heading");
        heading.getStyle().set("margin", "0");
        statusBadge.setId("feedback-status");
        statusBadge.addClassName("keyuan-badge");
        overdueBadge.setId("feedback-overdue");
        overdueBadge.addClassNames("keyuan-badge", "feedback-overdue");
        overdueBadge.setText(getTranslation("feedback.overdue"));
        description.setId("feedback-description");
        description.addClassName("feedback-text");
        facts.setId("feedback-facts");
        facts.addClassName("keyuan-details");

        category.setId("feedback-category");
        category.setLabel(getTranslation("feedback.field.category"));
        category.setItems(FeedbackCategory.values());
        category.setItemLabelGenerator(EnumLabels.generator(this));
        severity.setId("feedback-severity");
        severity.setLabel(getTranslation("feedback.field.severity"));
        severity.setItems(FeedbackSeverity.values());
        severity.setItemLabelGenerator(EnumLabels.generator(this));
        owner.setId("feedback-owner");
        owner.setLabel(getTranslation("feedback.field.owner"));
        owner.setItemLabelGenerator(UserRef::displayName);
        owner.setClearButtonVisible(true);
        dueDate.setId("feedback-due");
        dueDate.setLabel(getTranslation("feedback.field.due-date"));
        dueDate.setI18n(DatePickers.i18n(this));
        title.setId("feedback-title");
        title.setLabel(getTranslation("feedback.field.title"));
        title.setMaxLength(Feedback.TITLE_LENGTH);
        descriptionField.setId("feedback-description-field");
        descriptionField.setLabel(getTranslation("feedback.field.description"));
        descriptionField.setMaxLength(Feedback.TEXT_LENGTH);
        save.setId("feedback-save");
        save.setText(getTranslation("action.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());

        moves.setId("feedback-moves");
        moves.setAlignItems(FlexComponent.Alignment.BASELINE);
        note.setId("feedback-note");
        note.setLabel(getTranslation("feedback.move.note"));
        note.setHelperText(getTranslation("feedback.move.note-help"));
        note.setMaxLength(Feedback.TEXT_LENGTH);
        note.setWidth("24rem");

        comment.setId("feedback-comment");
        comment.setLabel(getTranslation("feedback.comment.label"));
        comment.setMaxLength(Feedback.TEXT_LENGTH);
        comment.setWidthFull();
        addComment.setId("feedback-comment-add");
        addComment.setText(getTranslation("feedback.comment.add"));
        addComment.setTooltipText(getTranslation("feedback.new.save-shortcut"));
        addComment.addClickListener(e -> addComment());
        addComment.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).listenOn(comment);
        timeline.setId("feedback-timeline");
        timeline.setPadding(false);
        timeline.setSpacing(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElseThrow();
        item = feedback.get(id);
        render();
    }

    private void render() {
        removeAll();
        heading.setText(item.title());
        statusBadge.setText(EnumLabels.label(this, item.status()));
        statusBadge.getElement().setAttribute("data-status", item.status().name());
        overdueBadge.setVisible(item.overdue());
        HorizontalLayout top = new HorizontalLayout(heading, statusBadge, overdueBadge);
        top.setAlignItems(FlexComponent.Alignment.BASELINE);
        Anchor back = new Anchor("feedback", getTranslation("feedback.back"));
        back.setId("feedback-back");

        description.setText(item.description() == null ? "" : item.description());
        description.setVisible(item.description() != null);
        renderFacts();

        category.setValue(item.category());
        severity.setValue(item.severity());
        // A disabled owner still shows as the owner; only active users can be chosen anew.
        List<UserRef> choices = new java.util.ArrayList<>(activeUsers);
        if (item.ownerId() != null && choices.stream().noneMatch(u -> u.id() == item.ownerId())) {
            choices.add(new UserRef(item.ownerId(), "", userNames.getOrDefault(item.ownerId(), "#" + item.ownerId())));
        }
        owner.setItems(choices);
        owner.setValue(choices.stream()
                .filter(u -> item.ownerId() != null && u.id() == item.ownerId())
                .findFirst()
                .orElse(null));
        dueDate.setValue(item.dueDate());
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        dueDate.setMin(item.dueDate() != null && item.dueDate().isBefore(today) ? item.dueDate() : today);
        title.setValue(item.title());
        descriptionField.setValue(item.description() == null ? "" : item.description());
        clearInvalid();
        FormLayout form = new FormLayout(category, severity, owner, dueDate, title);
        form.add(descriptionField, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 4));
        form.setColspan(title, 4);
        form.setColspan(descriptionField, 4);

        moves.removeAll();
        for (FeedbackStatus target : item.transitions()) {
            Button move = new Button(getTranslation(
                    item.status().reopensTo(target) ? "feedback.move.reopen" : "feedback.move.to", label(target)));
            move.setId("feedback-move-" + target.name());
            if (!item.status().reopensTo(target)) {
                move.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            }
            move.addClickListener(e -> move(target));
            moves.add(move);
        }
        note.clear();
        note.setInvalid(false);
        moves.add(note);

        comment.clear();
        comment.setInvalid(false);
        renderTimeline();

        add(
                back,
                top,
                description,
                facts,
                new H3(getTranslation("feedback.section.work")),
                moves,
                form,
                save,
                new H3(getTranslation("feedback.section.history")),
                comment,
                addComment,
                timeline);
    }

    private void renderFacts() {
        facts.removeAll();
        fact("feedback.field.kind", new Span(EnumLabels.label(this, item.kind())));
        Div customer = new Div();
        customers
                .ref(item.customerId())
                .ifPresentOrElse(
                        r -> {
                            Anchor a = new Anchor("customers/" + r.id(), r.label());
                            a.setId("feedback-customer");
                            customer.add(a);
                        },
                        () -> customer.setText("#" + item.customerId()));
        fact("feedback.field.customer", customer);
        fact("feedback.field.owner", new Span(ownerName(item.ownerId())));
        fact("feedback.field.due-date", new Span(item.dueDate() == null ? "—" : Formats.date(item.dueDate())));
        if (item.purchaseId() != null) {
            fact(
                    "feedback.field.purchase",
                    new Span(customers
                            .purchaseRef(item.purchaseId())
                            .map(p -> Formats.date(p.date()) + " · " + p.product())
                            .orElse("#" + item.purchaseId())));
        }
        if (item.responseId() != null) {
            fact("feedback.field.response", response(responses.summary(item.responseId())));
        }
        fact(
                "feedback.field.opened",
                new Span(getTranslation("feedback.opened-by", item.createdBy(), Formats.dateTime(item.createdAt()))));
    }

    /** The response that opened the item: survey, campaign (a link), channel and time, then each answer. */
    private Component response(ResponseSummary r) {
        Div box = new Div();
        box.setId("feedback-response");
        Anchor campaign = new Anchor("campaigns/" + r.campaignId(), r.campaignName());
        campaign.setId("feedback-response-campaign");
        Span about = new Span(getTranslation(
                "feedback.response.about",
                r.surveyName(),
                EnumLabels.label(this, r.channel()),
                Formats.dateTime(r.answeredAt())));
        box.add(new Div(about), new Div(campaign));
        for (AnswerView a : r.answers()) {
            Div line = new Div();
            line.addClassName("feedback-answer");
            // setText: whatever the respondent typed is shown as text, never interpreted as HTML
            Span v = new Span(
                    getTranslation("feedback.response.answer", a.question().in(getLocale()), answerText(a)));
            v.getStyle().set("white-space", "pre-wrap");
            line.add(v);
            box.add(line);
        }
        return box;
    }

    private String answerText(AnswerView a) {
        if (a.score() != null) {
            return String.valueOf(a.score());
        }
        if (!a.options().isEmpty()) {
            return a.options().stream()
                    .map(o -> o.in(getLocale()))
                    .collect(Collectors.joining(getTranslation("feedback.response.option-separator")));
        }
        return a.text() == null ? getTranslation("feedback.response.unanswered") : a.text();
    }

    private void fact(String labelKey, Component value) {
        Div box = new Div();
        box.addClassName("keyuan-detail");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("label");
        Div v = new Div(value);
        v.addClassName("value");
        box.add(label, v);
        facts.add(box);
    }

    private void renderTimeline() {
        timeline.removeAll();
        List<FeedbackHistoryEntry> entries = feedback.history(item.id());
        // Newest first: the latest word is what the next person needs.
        for (int i = entries.size() - 1; i >= 0; i--) {
            timeline.add(entry(entries.get(i)));
        }
    }

    private Component entry(FeedbackHistoryEntry e) {
        Div box = new Div();
        box.addClassName("feedback-entry");
        box.getElement().setAttribute("data-change", e.change().name());
        Span who = new Span(getTranslation("feedback.history.who", e.actor(), Formats.dateTime(e.at())));
        who.addClassName("keyuan-audit");
        Span what = new Span(describe(e));
        what.addClassName("feedback-entry-what");
        box.add(who, new Div(what));
        if (e.note() != null) {
            Div text = new Div();
            text.setText(e.note());
            text.addClassName("feedback-text");
            box.add(text);
        }
        return box;
    }

    /** One change in words, with the values as the user reads them (labels, names, dates). */
    String describe(FeedbackHistoryEntry e) {
        FeedbackChange c = e.change();
        return switch (c) {
            case CREATED, DETAILS, COMMENT -> getTranslation("feedback.history." + c.name());
            case STATUS, REOPENED ->
                getTranslation(
                        "feedback.history." + c.name(),
                        label(FeedbackStatus.valueOf(e.oldValue())),
                        label(FeedbackStatus.valueOf(e.newValue())));
            case SEVERITY ->
                getTranslation(
                        "feedback.history.SEVERITY",
                        EnumLabels.label(this, FeedbackSeverity.valueOf(e.oldValue())),
                        EnumLabels.label(this, FeedbackSeverity.valueOf(e.newValue())));
            case CATEGORY ->
                getTranslation(
                        "feedback.history.CATEGORY",
                        EnumLabels.label(this, FeedbackCategory.valueOf(e.oldValue())),
                        EnumLabels.label(this, FeedbackCategory.valueOf(e.newValue())));
            case OWNER ->
                getTranslation("feedback.history.OWNER", ownerName(id(e.oldValue())), ownerName(id(e.newValue())));
            case DUE_DATE -> getTranslation("feedback.history.DUE_DATE", date(e.oldValue()), date(e.newValue()));
        };
    }

    private static Long id(String value) {
        return value == null ? null : Long.valueOf(value);
    }

    private String date(String value) {
        return value == null ? getTranslation("feedback.due.none") : Formats.date(LocalDate.parse(value));
    }

    private String label(FeedbackStatus s) {
        return EnumLabels.label(this, s);
    }

    private String ownerName(Long ownerId) {
        return ownerId == null ? getTranslation("feedback.owner.none") : userNames.getOrDefault(ownerId, "#" + ownerId);
    }

    private void clearInvalid() {
        for (HasValidation f :
                List.<HasValidation>of(category, severity, owner, dueDate, title, descriptionField, note, comment)) {
            f.setInvalid(false);
        }
    }

    void save() {
        clearInvalid();
        try {
            item = feedback.update(
                    item.id(),
                    new FeedbackEdit(
                            item.version(),
                            category.getValue(),
                            severity.getValue(),
                            owner.getValue() == null ? null : owner.getValue().id(),
                            dueDate.getValue(),
                            title.getValue(),
                            descriptionField.getValue()));
            Notifications.success(this, "feedback.saved");
            render();
        } catch (KeyuanException e) {
            showRefusal(e);
        }
    }

    void move(FeedbackStatus target) {
        clearInvalid();
        try {
            item = feedback.move(item.id(), item.version(), target, note.getValue());
            Notifications.success(this, "feedback.moved", label(target));
            render();
        } catch (KeyuanException e) {
            showRefusal(e);
        }
    }

    void addComment() {
        comment.setInvalid(false);
        try {
            feedback.comment(item.id(), comment.getValue());
            comment.clear();
            renderTimeline();
        } catch (KeyuanException e) {
            showRefusal(e);
        }
    }

    private void showRefusal(KeyuanException e) {
        Notifications.showOnField(
                this,
                Map.of(
                        "category", category,
                        "severity", severity,
                        "ownerId", owner,
                        "dueDate", dueDate,
                        "title", title,
                        "description", descriptionField,
                        "note", note,
                        "comment", comment),
                e);
    }

    @Override
    public String getPageTitle() {
        return item == null ? getTranslation("feedback.nav") : getTranslation("feedback.view.title", item.title());
    }
}
