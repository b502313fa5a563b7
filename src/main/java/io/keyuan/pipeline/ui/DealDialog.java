package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.pipeline.ContactRole;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.StageChange;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.pipeline.domain.DealContact;
import io.keyuan.security.UserRef;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens a deal or edits one: its fields, its contacts with their roles, and — for an existing deal — its stage
 * (moved here as on the board, for keyboard users) and stage history. Ctrl+S saves, Esc closes.
 */
class DealDialog extends Dialog {
    private final DealService deals;
    private final PipelineDetail pipeline;
    private final Deal deal;
    private final Runnable onChange;
    final TextField title = new TextField();
    final ComboBox<CustomerRef> customer = new ComboBox<>();
    final BigDecimalField value = new BigDecimalField();
    final ComboBox<UserRef> owner = new ComboBox<>();
    final DatePicker expectedClose = new DatePicker();
    final ComboBox<ChannelSummary> channel = new ComboBox<>();
    final Select<AcquisitionMethod> method = new Select<>();
    final TextArea notes = new TextArea();
    final VerticalLayout contactRows = new VerticalLayout();
    final Select<StageRow> moveTo = new Select<>();
    final Button save = new Button();
    private final List<ContactRow> contacts = new ArrayList<>();
    private final BeanValidationBinder<Deal> binder = new BeanValidationBinder<>(Deal.class);

    DealDialog(
            DealService deals,
            CustomerService customers,
            List<UserRef> users,
            List<ChannelSummary> channels,
            PipelineDetail pipeline,
            Deal deal,
            Runnable onChange) {
        this.deals = deals;
        this.pipeline = pipeline;
        this.deal = deal;
        this.onChange = onChange;
        setId("deal-dialog");
        setWidth("min(56rem, 96vw)");
        setHeaderTitle(deal.isNew() ? getTranslation("deal.new") : deal.getTitle());

        title.setId("deal-title");
        title.setLabel(getTranslation("deal.field.title"));
        title.setMaxLength(Deal.TITLE_LENGTH);
        customer.setId("deal-customer");
        customer.setLabel(getTranslation("deal.field.customer"));
        customer.setItemsWithFilterConverter(
                q -> customers.findRefs(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream(), f -> f);
        customer.setItemLabelGenerator(CustomerRef::label);
        customer.setPlaceholder(getTranslation("deal.help.customer"));
        value.setId("deal-value");
        value.setLabel(getTranslation("deal.field.value"));
        value.setPrefixComponent(new Span("¥"));
        owner.setId("deal-owner");
        owner.setLabel(getTranslation("deal.field.owner"));
        owner.setItems(users);
        owner.setItemLabelGenerator(u -> u.displayName() + " (" + u.username() + ")");
        owner.setClearButtonVisible(true);
        expectedClose.setId("deal-expected-close");
        expectedClose.setLabel(getTranslation("deal.field.expected-close"));
        expectedClose.setI18n(DatePickers.i18n(this));
        channel.setId("deal-channel");
        channel.setLabel(getTranslation("deal.field.channel"));
        channel.setItems(channels);
        channel.setItemLabelGenerator(ChannelSummary::name);
        channel.setClearButtonVisible(true);
        channel.setHelperText(deal.isNew() ? getTranslation("deal.help.from-customer") : null);
        method.setId("deal-method");
        method.setLabel(getTranslation("deal.field.method"));
        method.setItems(AcquisitionMethod.values());
        method.setItemLabelGenerator(EnumLabels.generator(this));
        method.setEmptySelectionAllowed(true);
        method.setEmptySelectionCaption(getTranslation("form.none"));
        method.setHelperText(deal.isNew() ? getTranslation("deal.help.from-customer") : null);
        notes.setId("deal-notes");
        notes.setLabel(getTranslation("deal.field.notes"));
        notes.setMaxLength(Deal.NOTES_LENGTH);

        binder.forField(title).asRequired(getTranslation("validation.required")).bind("title");
        binder.forField(customer)
                .asRequired(getTranslation("validation.required"))
                .withConverter(
                        r -> r == null ? null : r.id(),
                        id -> id == null ? null : customers.ref(id).orElse(null))
                .bind("customerId");
        io.keyuan.shared.ui.NumberFields.explained(value);
        binder.forField(value)
                .asRequired(getTranslation("validation.required"))
                .withValidator(io.keyuan.shared.ui.FieldRules.check(this, io.keyuan.shared.Amounts::money))
                .bind("value");
        binder.forField(owner)
                .withConverter(
                        u -> u == null ? null : u.id(),
                        id -> id == null
                                ? null
                                : users.stream()
                                        .filter(u -> u.id() == id)
                                        .findFirst()
                                        .orElse(null))
                .bind("ownerId");
        binder.forField(expectedClose).bind("expectedClose");
        binder.forField(channel)
                .withConverter(
                        c -> c == null ? null : c.id(),
                        id -> id == null
                                ? null
                                : channels.stream()
                                        .filter(c -> c.id() == id)
                                        .findFirst()
                                        .orElse(null))
                .bind("channelId");
        binder.forField(method).bind("acquisitionMethod");
        binder.forField(notes).withNullRepresentation("").bind("notes");
        binder.readBean(deal);

        FormLayout form = new FormLayout(title, customer, value, expectedClose, owner, channel, method, notes);
        form.setColspan(title, 2);
        form.setColspan(notes, 2);
        VerticalLayout body = new VerticalLayout(form, contactSection());
        body.setPadding(false);
        if (!deal.isNew()) {
            body.add(stageSection());
        }
        add(body);

        save.setText(getTranslation("action.save"));
        save.setId("deal-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL)
                .resetFocusOnActiveElement()
                .setBrowserDefaultAllowed(false);
        Button cancel = new Button(getTranslation("action.cancel"), e -> close());
        cancel.setId("deal-cancel");
        if (!deal.isNew()) {
            Button delete = new Button(getTranslation("action.delete"), e -> confirmDelete());
            delete.setId("deal-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            delete.getStyle().set("margin-inline-end", "auto");
            getFooter().add(delete);
        }
        getFooter().add(cancel, save);
        title.focus();
    }

    private VerticalLayout contactSection() {
        H4 header = new H4(getTranslation("deal.contacts.title"));
        header.getStyle().set("margin", "0");
        contactRows.setPadding(false);
        contactRows.setSpacing(false);
        contactRows.setId("deal-contacts");
        for (DealContact c : deal.getContacts()) {
            addContact(c);
        }
        Button add = new Button(getTranslation("deal.contacts.add"), VaadinIcon.PLUS.create(), e -> addContact(null));
        add.setId("deal-contact-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        VerticalLayout box = new VerticalLayout(header, contactRows, add);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    ContactRow addContact(DealContact c) {
        ContactRow row = new ContactRow(c);
        contacts.add(row);
        contactRows.add(row);
        return row;
    }

    List<ContactRow> contactRows() {
        return contacts;
    }

    /** One contact: name, role, phone. */
    final class ContactRow extends HorizontalLayout {
        final TextField name = new TextField();
        final Select<ContactRole> role = new Select<>();
        final TextField phone = new TextField();

        ContactRow(DealContact c) {
            setAlignItems(FlexComponent.Alignment.BASELINE);
            name.setPlaceholder(getTranslation("deal.contacts.name"));
            name.setAriaLabel(getTranslation("deal.contacts.name"));
            name.setMaxLength(DealContact.NAME_LENGTH);
            role.setItems(ContactRole.values());
            role.setItemLabelGenerator(EnumLabels.generator(DealDialog.this));
            role.setAriaLabel(getTranslation("deal.contacts.role"));
            role.setValue(c == null ? ContactRole.BUYER : c.getRole());
            phone.setPlaceholder(getTranslation("deal.contacts.phone"));
            phone.setAriaLabel(getTranslation("deal.contacts.phone"));
            phone.setMaxLength(DealContact.PHONE_LENGTH);
            if (c != null) {
                name.setValue(c.getName());
                phone.setValue(c.getPhone() == null ? "" : c.getPhone());
            }
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                contacts.remove(this);
                contactRows.remove(this);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("action.delete"));
            add(name, role, phone, remove);
        }
    }

    private VerticalLayout stageSection() {
        H4 header = new H4(getTranslation("deal.stage.title"));
        header.getStyle().set("margin", "0");
        StageRow current = pipeline.stage(deal.getStageId()).orElse(null);
        Span now = new Span(getTranslation("deal.stage.current", StageLabels.stage(this, current)));
        now.setId("deal-current-stage");
        moveTo.setId("deal-move-to");
        moveTo.setLabel(getTranslation("deal.stage.move-to"));
        moveTo.setItems(pipeline.stages());
        moveTo.setItemLabelGenerator(s -> StageLabels.stage(this, s));
        moveTo.setValue(current);
        Button move = new Button(getTranslation("deal.stage.move"), e -> moveToSelected());
        move.setId("deal-move");
        HorizontalLayout moveRow = new HorizontalLayout(moveTo, move);
        moveRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        UnorderedList history = new UnorderedList();
        history.setId("deal-history");
        history.addClassName("keyuan-audit");
        for (StageChange c : deals.history(deal.getId())) {
            String to = StageLabels.stage(this, pipeline.stage(c.toStageId()).orElse(null));
            String text = c.fromStageId() == null
                    ? getTranslation("deal.history.opened", to, c.changedBy(), Formats.dateTime(c.changedAt()))
                    : getTranslation(
                            "deal.history.moved",
                            stageName(c.fromStageId()),
                            to,
                            c.changedBy(),
                            Formats.dateTime(c.changedAt()));
            history.add(new ListItem(text));
        }
        VerticalLayout box = new VerticalLayout(header, now, moveRow);
        if (current != null && current.kind() == StageKind.LOST && deal.getLostReason() != null) {
            box.add(new Span(getTranslation("deal.field.lost-reason") + ": " + deal.getLostReason()));
        }
        Span historyTitle = new Span(getTranslation("deal.history.title"));
        historyTitle.getStyle().set("font-weight", "600").set("margin-top", "var(--lumo-space-s)");
        box.add(historyTitle, history);
        box.setPadding(false);
        return box;
    }

    private String stageName(long stageId) {
        return pipeline.stage(stageId)
                .map(s -> StageLabels.stage(this, s))
                .orElse(getTranslation("deal.stage.deleted"));
    }

    void moveToSelected() {
        StageRow to = moveTo.getValue();
        if (to == null) {
            return;
        }
        DealCard card = deals.card(deal.getId());
        if (card.version() != deal.getVersion()) {
            // Someone changed the deal since this dialog opened; the service refuses and says where it is now.
            card = new DealCard(
                    card.id(),
                    deal.getVersion(),
                    card.title(),
                    card.customerId(),
                    card.customerName(),
                    card.value(),
                    card.ownerId(),
                    card.expectedClose(),
                    card.channelId(),
                    deal.getStageId(),
                    card.stageEnteredAt(),
                    card.stale(),
                    card.updatedAt());
        }
        DealMoves.move(this, deals, card, to, this::stageName, () -> {
            close();
            onChange.run();
        });
    }

    void save() {
        if (!binder.writeBeanIfValid(deal)) {
            return;
        }
        List<DealContact> list = new ArrayList<>();
        for (ContactRow r : contacts) {
            if (!r.name.getValue().isBlank()) {
                list.add(new DealContact(r.name.getValue(), r.role.getValue(), r.phone.getValue()));
            }
        }
        deal.setContacts(list);
        if (deal.getValue() == null) {
            deal.setValue(BigDecimal.ZERO);
        }
        try {
            Deal saved = deals.save(deal);
            Notifications.success(this, "deal.saved", saved.getTitle());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this,
                    Map.of(
                            "title", title,
                            "customerId", customer,
                            "value", value,
                            "channelId", channel,
                            "notes", notes),
                    e);
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("deal.delete.title"),
                getTranslation("deal.delete.text", deal.getTitle()),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> deals.delete(deal.getId(), deal.getVersion()))) {
                        close();
                        onChange.run();
                    }
                });
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }
}
