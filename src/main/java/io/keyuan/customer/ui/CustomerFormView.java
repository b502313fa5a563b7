package io.keyuan.customer.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.router.RouteParameters;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerKind;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerRules;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.Gender;
import io.keyuan.customer.Loyalty;
import io.keyuan.customer.NeedType;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.PurchaseStyle;
import io.keyuan.customer.Regions;
import io.keyuan.customer.domain.Customer;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.FieldRules;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Create or edit a customer. Field rules come from the entity's constraints; a stale save is refused. */
@Route("customers/:id(\\d{1,18})/edit")
@RouteAlias("customers/new")
@RolesAllowed(Roles.STAFF)
public class CustomerFormView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final CustomerService customers;
    private final List<ChannelSummary> channelList;
    private final List<UserRef> userList;
    private final BeanValidationBinder<Customer> binder = new BeanValidationBinder<>(Customer.class);
    private final Map<String, HasValue<?, ?>> fieldsByProperty = new HashMap<>();
    private final H3 heading = new H3();
    private final Span audit = new Span();
    private final Long currentUserId;
    private Customer customer = new Customer();

    final TextField code = new TextField();
    final TextField name = new TextField();
    final Select<CustomerKind> kind = new Select<>();
    final Select<Gender> gender = new Select<>();
    final DatePicker birthDate = new DatePicker();
    final Select<Occupation> occupation = new Select<>();
    final BigDecimalField income = new BigDecimalField();
    final ComboBox<String> province = new ComboBox<>();
    final ComboBox<String> city = new ComboBox<>();
    final TextField phone = new TextField();
    final TextField email = new TextField();
    final ComboBox<ChannelSummary> channel = new ComboBox<>();
    final Select<AcquisitionMethod> acquisitionMethod = new Select<>();
    final ComboBox<CustomerRef> referredBy = new ComboBox<>();
    final ComboBox<UserRef> owner = new ComboBox<>();
    final Select<NeedType> needType = new Select<>();
    final Select<PurchaseStyle> purchaseStyle = new Select<>();
    final Select<Loyalty> loyalty = new Select<>();
    final TextField tags = new TextField();
    final TextArea notes = new TextArea();
    final Button save = new Button();
    final Button cancel = new Button();

    public CustomerFormView(CustomerService customers, ChannelService channels, UserDirectory users) {
        this.customers = customers;
        this.channelList = channels.summaries();
        this.userList = users.activeUsers();
        this.currentUserId = users.current().map(UserRef::id).orElse(null);
        addClassName("keyuan-view");
        setMaxWidth("1100px");

        configureFields();
        bind();

        save.setText(getTranslation("action.save"));
        save.setId("customer-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL)
                .resetFocusOnActiveElement()
                .setBrowserDefaultAllowed(false);
        save.addClickShortcut(Key.ENTER, KeyModifier.CONTROL).resetFocusOnActiveElement();
        save.setTooltipText("Ctrl+S");
        cancel.setText(getTranslation("action.cancel"));
        cancel.setId("customer-cancel");
        cancel.addClickListener(e -> leave());
        cancel.addClickShortcut(Key.ESCAPE);
        audit.addClassName("keyuan-audit");
        audit.setId("customer-audit");

        add(
                heading,
                section("customer.section.basic", code, name, kind, gender, birthDate, occupation, income),
                section("customer.section.contact", province, city, phone, email),
                section("customer.section.source", channel, acquisitionMethod, referredBy, owner),
                section("customer.section.traits", needType, purchaseStyle, loyalty, tags, notes),
                actions(),
                audit);
    }

    private Component actions() {
        HorizontalLayout bar = new HorizontalLayout(save, cancel);
        bar.addClassName("keyuan-form-actions");
        bar.setWidthFull();
        return bar;
    }

    private Component section(String titleKey, Component... fields) {
        FormLayout form = new FormLayout(fields);
        form.setResponsiveSteps(
                new FormLayout.ResponsiveStep("0", 1),
                new FormLayout.ResponsiveStep("32em", 2),
                new FormLayout.ResponsiveStep("60em", 3));
        VerticalLayout box = new VerticalLayout(new H3(getTranslation(titleKey)), form);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    private void configureFields() {
        label(code, "customer.field.code", "code");
        code.setMaxLength(Customer.CODE_LENGTH);
        code.setHelperText(getTranslation("customer.help.code"));
        label(name, "customer.field.name", "name");
        name.setMaxLength(Customer.NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        enumSelect(kind, CustomerKind.values(), "customer.field.kind", "kind", false);
        enumSelect(gender, Gender.values(), "customer.field.gender", "gender", true);
        label(birthDate, "customer.field.birth-date", "birthDate");
        birthDate.setMin(CustomerService.MIN_BIRTH_DATE);
        birthDate.setMax(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
        birthDate.setI18n(io.keyuan.shared.ui.DatePickers.i18n(this));
        enumSelect(occupation, Occupation.values(), "customer.field.occupation", "occupation", true);
        label(income, "customer.field.income", "income");
        income.setPrefixComponent(new Span("¥"));
        io.keyuan.shared.ui.NumberFields.explained(income);
        label(province, "customer.field.province", "province");
        province.setItems(Regions.provinces());
        province.setAllowCustomValue(true);
        province.addCustomValueSetListener(e -> province.setValue(e.getDetail()));
        province.addValueChangeListener(e -> {
            List<String> cities = Regions.cities(e.getValue());
            city.setItems(cities.isEmpty() ? Regions.allCities() : cities);
        });
        label(city, "customer.field.city", "city");
        city.setItems(Regions.allCities());
        city.setAllowCustomValue(true);
        city.addCustomValueSetListener(e -> city.setValue(e.getDetail()));
        label(phone, "customer.field.phone", "phone");
        phone.setMaxLength(Customer.PHONE_LENGTH);
        label(email, "customer.field.email", "email");
        email.setMaxLength(Customer.EMAIL_LENGTH);
        // a plain text field: the browser's own e-mail check would turn it red without saying why
        email.getElement().setAttribute("inputmode", "email");
        email.getElement().setAttribute("autocomplete", "email");
        label(channel, "customer.field.channel", "sourceChannelId");
        channel.setItems(channelList.stream().filter(ChannelSummary::active).toList());
        channel.setItemLabelGenerator(c -> c.name() + " · " + EnumLabels.label(this, c.category()));
        channel.setClearButtonVisible(true);
        channel.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && acquisitionMethod.isEmpty()) {
                acquisitionMethod.setValue(e.getValue().method());
            }
        });
        enumSelect(
                acquisitionMethod,
                AcquisitionMethod.values(),
                "customer.field.acquisition-method",
                "acquisitionMethod",
                true);
        label(referredBy, "customer.field.referred-by", "referredById");
        referredBy.setItemsWithFilterConverter(
                q -> customers.findRefs(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream(), f -> f);
        referredBy.setItemLabelGenerator(CustomerRef::label);
        referredBy.setClearButtonVisible(true);
        referredBy.setPlaceholder(getTranslation("customer.help.referred-by"));
        label(owner, "customer.field.owner", "ownerId");
        owner.setItems(userList);
        owner.setItemLabelGenerator(u -> u.displayName() + " (" + u.username() + ")");
        owner.setClearButtonVisible(true);
        enumSelect(needType, NeedType.values(), "customer.field.need-type", "needType", true);
        enumSelect(purchaseStyle, PurchaseStyle.values(), "customer.field.purchase-style", "purchaseStyle", true);
        enumSelect(loyalty, Loyalty.values(), "customer.field.loyalty", "loyalty", true);
        label(tags, "customer.field.tags", "tags");
        tags.setMaxLength(Customer.TAGS_LENGTH);
        tags.setHelperText(getTranslation("customer.help.tags"));
        label(notes, "customer.field.notes", "notes");
        notes.setMaxLength(Customer.NOTES_LENGTH);
        notes.setMinHeight("6em");
    }

    private void label(Component field, String key, String property) {
        field.getElement().setProperty("label", getTranslation(key));
        field.setId("customer-" + property);
        fieldsByProperty.put(property, (HasValue<?, ?>) field);
    }

    private <E extends Enum<E>> void enumSelect(
            Select<E> select, E[] values, String key, String property, boolean optional) {
        select.setItems(values);
        select.setItemLabelGenerator(v -> v == null ? getTranslation("form.none") : EnumLabels.label(this, v));
        if (optional) {
            select.setEmptySelectionAllowed(true);
            select.setEmptySelectionCaption(getTranslation("form.none"));
        }
        label(select, key, property);
    }

    private void bind() {
        binder.forField(code).withNullRepresentation("").bind("code");
        binder.forField(name).asRequired(getTranslation("validation.required")).bind("name");
        binder.forField(kind).asRequired(getTranslation("validation.required")).bind("kind");
        binder.forField(gender).bind("gender");
        binder.forField(birthDate)
                .withValidator(
                        d -> d == null || !d.isBefore(CustomerService.MIN_BIRTH_DATE),
                        getTranslation("customer.error.birth-date-too-early"))
                .withValidator(
                        d -> d == null || d.isBefore(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE)),
                        getTranslation("validation.past"))
                .bind("birthDate");
        binder.forField(occupation).bind("occupation");
        binder.forField(income)
                .withValidator(FieldRules.check(this, io.keyuan.shared.Amounts::money))
                .bind("income");
        binder.forField(province).bind("province");
        binder.forField(city).bind("city");
        // the sheet's rules (CustomerRules): a number typed any way is stored in one form, and a refusal says why
        binder.forField(phone)
                .withConverter(FieldRules.text(this, CustomerRules::phone, () -> customer.getPhone()))
                .bind("phone");
        binder.forField(email)
                .withConverter(FieldRules.text(this, CustomerRules::email, () -> customer.getEmail()))
                .bind("email");
        binder.forField(channel)
                .withConverter(
                        c -> c == null ? null : c.id(),
                        id -> id == null
                                ? null
                                : channelList.stream()
                                        .filter(c -> c.id() == id)
                                        .findFirst()
                                        .orElse(null))
                .bind("sourceChannelId");
        binder.forField(acquisitionMethod).bind("acquisitionMethod");
        binder.forField(referredBy)
                .withConverter(
                        r -> r == null ? null : r.id(),
                        id -> id == null ? null : customers.ref(id).orElse(null))
                .bind("referredById");
        binder.forField(owner)
                .withConverter(
                        u -> u == null ? null : u.id(),
                        id -> id == null
                                ? null
                                : userList.stream()
                                        .filter(u -> u.id() == id)
                                        .findFirst()
                                        .orElse(null))
                .bind("ownerId");
        binder.forField(needType).bind("needType");
        binder.forField(purchaseStyle).bind("purchaseStyle");
        binder.forField(loyalty).bind("loyalty");
        binder.forField(tags).withNullRepresentation("").bind("tags");
        binder.forField(notes).withNullRepresentation("").bind("notes");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> id = event.getRouteParameters().getLong("id");
        if (id.isPresent()) {
            customer = customers.get(id.get());
            heading.setText(getTranslation("customer.form.edit-title", customer.getName()));
            audit.setText(getTranslation(
                    "audit.line",
                    customer.getCreatedBy(),
                    Formats.dateTime(customer.getCreatedAt()),
                    customer.getUpdatedBy(),
                    Formats.dateTime(customer.getUpdatedAt())));
        } else {
            customer = new Customer();
            customer.setOwnerId(currentUserId);
            heading.setText(getTranslation("customer.form.new-title"));
            audit.setText("");
        }
        binder.readBean(customer);
        name.focus();
    }

    void save() {
        if (!binder.writeBeanIfValid(customer)) {
            // in the order the form shows them, so the cursor goes to the first red field
            Notifications.fixErrors(this, binder.getFields().toList());
            return;
        }
        try {
            Customer saved = customers.save(customer);
            Notifications.success(this, "customer.saved", saved.getName());
            getUI().ifPresent(ui ->
                    ui.navigate(CustomerDetailView.class, new RouteParameters("id", String.valueOf(saved.getId()))));
        } catch (StaleEditException e) {
            ConfirmDialog dialog = new ConfirmDialog();
            dialog.setId("stale-dialog");
            dialog.setHeader(getTranslation("error.stale.title"));
            dialog.setText(Notifications.describe(this, e));
            dialog.setConfirmText(getTranslation("error.stale.reload"));
            dialog.addConfirmListener(c -> reload());
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("action.cancel"));
            dialog.open();
        } catch (KeyuanException e) {
            showFieldError(e);
        }
    }

    private void showFieldError(KeyuanException e) {
        String text = Notifications.describe(this, e);
        HasValue<?, ?> field = e.field() == null ? null : fieldsByProperty.get(e.field());
        if (field instanceof com.vaadin.flow.component.HasValidation v) {
            v.setErrorMessage(text);
            v.setInvalid(true);
        }
        Notifications.error(this, text);
    }

    private void reload() {
        if (customer.getId() != null) {
            customer = customers.get(customer.getId());
            binder.readBean(customer);
        }
    }

    private void leave() {
        if (customer.getId() != null) {
            getUI().ifPresent(ui ->
                    ui.navigate(CustomerDetailView.class, new RouteParameters("id", String.valueOf(customer.getId()))));
        } else {
            getUI().ifPresent(ui -> ui.navigate(CustomerListView.class));
        }
    }

    Binder<Customer> binder() {
        return binder;
    }

    @Override
    public String getPageTitle() {
        return getTranslation(customer.getId() == null ? "customer.form.new-title" : "customer.form.edit-page-title");
    }
}
