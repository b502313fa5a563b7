package io.keyuan.survey.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.PurchaseRef;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackDetail;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackSeverity;
import io.keyuan.survey.NewFeedback;
import io.keyuan.survey.domain.Feedback;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens a complaint or suggestion, all from the keyboard: the cursor starts in the title, Tab walks the fields,
 * Ctrl+Enter saves (Enter alone is a new line in the description), Esc closes. Opened from a customer's page the
 * customer is fixed.
 */
class FeedbackDialog extends Dialog {
    /** A customer's purchases offered to link, newest first. */
    static final int PURCHASES_OFFERED = 50;

    private final FeedbackService feedback;
    private final CustomerService customers;
    private final Consumer<FeedbackDetail> onSaved;
    final Select<FeedbackKind> kind = new Select<>();
    final Select<FeedbackCategory> category = new Select<>();
    final Select<FeedbackSeverity> severity = new Select<>();
    final TextField title = new TextField();
    final TextArea description = new TextArea();
    final ComboBox<CustomerRef> customer = new ComboBox<>();
    final ComboBox<UserRef> owner = new ComboBox<>();
    final DatePicker dueDate = new DatePicker();
    final Select<PurchaseRef> purchase = new Select<>();
    final Button save = new Button();

    FeedbackDialog(
            FeedbackService feedback,
            CustomerService customers,
            List<UserRef> activeUsers,
            CustomerRef fixedCustomer,
            FeedbackKind initialKind,
            Consumer<FeedbackDetail> onSaved) {
        this.feedback = feedback;
        this.customers = customers;
        this.onSaved = onSaved;
        setId("feedback-dialog");
        setHeaderTitle(getTranslation("feedback.new.title"));
        setWidth("min(48rem, 95vw)");

        kind.setId("feedback-new-kind");
        kind.setLabel(getTranslation("feedback.field.kind"));
        kind.setItems(FeedbackKind.values());
        kind.setItemLabelGenerator(EnumLabels.generator(this));
        kind.setValue(initialKind == null ? FeedbackKind.COMPLAINT : initialKind);
        category.setId("feedback-new-category");
        category.setLabel(getTranslation("feedback.field.category"));
        category.setItems(FeedbackCategory.values());
        category.setItemLabelGenerator(EnumLabels.generator(this));
        category.setRequiredIndicatorVisible(true);
        severity.setId("feedback-new-severity");
        severity.setLabel(getTranslation("feedback.field.severity"));
        severity.setItems(FeedbackSeverity.values());
        severity.setItemLabelGenerator(EnumLabels.generator(this));
        severity.setValue(FeedbackSeverity.MEDIUM);
        title.setId("feedback-new-title");
        title.setLabel(getTranslation("feedback.field.title"));
        title.setMaxLength(Feedback.TITLE_LENGTH);
        title.setRequiredIndicatorVisible(true);
        description.setId("feedback-new-description");
        description.setLabel(getTranslation("feedback.field.description"));
        description.setMaxLength(Feedback.TEXT_LENGTH);
        customer.setId("feedback-new-customer");
        customer.setLabel(getTranslation("feedback.field.customer"));
        customer.setRequiredIndicatorVisible(true);
        customer.setItemLabelGenerator(CustomerRef::label);
        if (fixedCustomer != null) {
            customer.setItems(List.of(fixedCustomer));
            customer.setValue(fixedCustomer);
            customer.setReadOnly(true);
        } else {
            customer.setItems(q -> customers.findRefs(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        }
        owner.setId("feedback-new-owner");
        owner.setLabel(getTranslation("feedback.field.owner"));
        owner.setItems(activeUsers);
        owner.setItemLabelGenerator(UserRef::displayName);
        owner.setClearButtonVisible(true);
        dueDate.setId("feedback-new-due");
        dueDate.setLabel(getTranslation("feedback.field.due-date"));
        dueDate.setI18n(DatePickers.i18n(this));
        dueDate.setMin(LocalDate.now(BusinessTime.ZONE));
        purchase.setId("feedback-new-purchase");
        purchase.setLabel(getTranslation("feedback.field.purchase"));
        purchase.setEmptySelectionAllowed(true);
        purchase.setEmptySelectionCaption(getTranslation("feedback.field.purchase-none"));
        purchase.setItemLabelGenerator(p -> p == null ? getTranslation("feedback.field.purchase-none") : label(p));
        customer.addValueChangeListener(e -> purchasesOf(e.getValue()));
        purchasesOf(customer.getValue());

        FormLayout form = new FormLayout(kind, category, severity, title, customer, owner, dueDate, purchase);
        form.add(description, 2);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        form.setColspan(title, 2);
        add(form);

        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("feedback-new-cancel");
        save.setText(getTranslation("action.save"));
        save.setId("feedback-new-save");
        save.setTooltipText(getTranslation("feedback.new.save-shortcut"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).listenOn(this);
        getFooter().add(cancel, save);
        title.focus();
    }

    private String label(PurchaseRef p) {
        return Formats.date(p.date()) + " · " + p.product() + " · " + Formats.money(p.amount(), getLocale());
    }

    private void purchasesOf(CustomerRef c) {
        purchase.setItems(c == null ? List.of() : customers.purchaseRefs(c.id(), 0, PURCHASES_OFFERED));
        purchase.setEnabled(c != null);
    }

    void save() {
        for (HasValidation field : List.<HasValidation>of(
                kind, category, severity, title, description, customer, owner, dueDate, purchase)) {
            field.setInvalid(false);
        }
        try {
            FeedbackDetail saved = feedback.create(new NewFeedback(
                    kind.getValue(),
                    category.getValue(),
                    severity.getValue(),
                    title.getValue(),
                    description.getValue(),
                    customer.getValue() == null ? null : customer.getValue().id(),
                    owner.getValue() == null ? null : owner.getValue().id(),
                    dueDate.getValue(),
                    purchase.getValue() == null ? null : purchase.getValue().id(),
                    null));
            Notifications.success(this, "feedback.new.saved");
            close();
            onSaved.accept(saved);
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this,
                    Map.of(
                            "kind", kind,
                            "category", category,
                            "severity", severity,
                            "title", title,
                            "description", description,
                            "customerId", customer,
                            "ownerId", owner,
                            "dueDate", dueDate,
                            "purchaseId", purchase),
                    e);
        }
    }
}
