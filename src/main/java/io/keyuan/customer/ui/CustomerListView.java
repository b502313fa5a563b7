package io.keyuan.customer.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerExport;
import io.keyuan.customer.CustomerExportJob;
import io.keyuan.customer.CustomerFilter;
import io.keyuan.customer.CustomerKind;
import io.keyuan.customer.CustomerRow;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.CustomerSort;
import io.keyuan.customer.Lifecycle;
import io.keyuan.customer.Occupation;
import io.keyuan.customer.ValueLevel;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** All customers in a lazy grid: quick search, a filter per column, sortable columns, click to open. */
@Route("customers")
@Menu(title = "nav.customers", order = 10, icon = "vaadin:users")
@RolesAllowed(Roles.STAFF)
public class CustomerListView extends VerticalLayout implements HasDynamicTitle {
    private final CustomerService customers;
    private final Grid<CustomerRow> grid = new Grid<>();
    private final Span total = new Span();
    private final Map<Long, String> channelNames;
    private final Map<Long, String> ownerNames;

    private final TextField quick = new TextField();
    private final TextField code = filterText();
    private final TextField name = filterText();
    private final Select<CustomerKind> kind = filterSelect(CustomerKind.values());
    private final TextField city = filterText();
    private final TextField phone = filterText();
    private final Select<Occupation> occupation = filterSelect(Occupation.values());
    private final BigDecimalField incomeMin = new BigDecimalField();
    private final BigDecimalField incomeMax = new BigDecimalField();
    private final ComboBox<ChannelSummary> channel = new ComboBox<>();
    private final Select<Lifecycle> lifecycle = filterSelect(Lifecycle.values());
    private final Select<ValueLevel> value = filterSelect(ValueLevel.values());
    private final ComboBox<UserRef> owner = new ComboBox<>();

    public CustomerListView(
            CustomerService customers,
            CustomerExport export,
            ChannelService channels,
            UserDirectory users,
            JobService jobs) {
        this.customers = customers;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);
        List<ChannelSummary> channelList = channels.summaries();
        List<UserRef> userList = users.allUsers();
        channelNames = channelList.stream().collect(Collectors.toMap(ChannelSummary::id, ChannelSummary::name));
        ownerNames = userList.stream().collect(Collectors.toMap(UserRef::id, UserRef::displayName));

        configureGrid(channelList, userList);
        quick.setId("customer-quick-search");
        quick.setPlaceholder(getTranslation("customer.list.quick-search"));
        quick.setTooltipText(getTranslation("customer.list.quick-search.help"));
        quick.setPrefixComponent(VaadinIcon.SEARCH.create());
        quick.setClearButtonVisible(true);
        quick.setValueChangeMode(ValueChangeMode.LAZY);
        quick.setValueChangeTimeout(350);
        quick.setWidth("22rem");
        quick.addValueChangeListener(e -> refresh());

        Button create = new Button(
                getTranslation("customer.list.new"),
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(CustomerFormView.class)));
        create.setId("customer-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, com.vaadin.flow.component.KeyModifier.ALT);
        Button reset = new Button(
                getTranslation("customer.list.reset-filters"), VaadinIcon.ERASER.create(), e -> resetFilters());
        reset.setId("customer-reset-filters");
        reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        total.setId("customer-total");
        total.addClassName("keyuan-audit");

        Button columns = new Button(getTranslation("grid.columns"), VaadinIcon.GRID_H.create());
        columns.setId("customer-columns");
        columns.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        com.vaadin.flow.component.contextmenu.ContextMenu chooser =
                new com.vaadin.flow.component.contextmenu.ContextMenu(columns);
        chooser.setOpenOnClick(true);
        for (var column : grid.getColumns()) {
            var header = column.getHeaderText();
            if (header == null || header.isEmpty()) {
                continue;
            }
            var item =
                    chooser.addItem(header, e -> column.setVisible(e.getSource().isChecked()));
            item.setCheckable(true);
            item.setChecked(column.isVisible());
            item.setKeepOpen(true);
        }
        Button exportButton = new Button(getTranslation("customer.list.export"), VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.setId("customer-export");
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        exportButton.setTooltipText(getTranslation("customer.list.export-hint"));
        // the export is a job: it goes on when the dialog or the tab closes, and waits in "my jobs"
        exportButton.addClickListener(e -> ExportDialog.start(
                this,
                jobs,
                ExportJob.request(
                        CustomerExportJob.KIND,
                        new CustomerExportJob.Parameters(
                                filter(),
                                currentSort(),
                                getLocale().toLanguageTag(),
                                CustomerExport.fileName(java.time.LocalDate.now(Formats.ZONE))),
                        filtersInWords())));
        Anchor template = new Anchor(
                (DownloadHandler) event -> {
                    java.util.Locale[] locale = new java.util.Locale[1];
                    event.getUI().accessSynchronously(() -> locale[0] = getLocale());
                    event.setFileName(CustomerExport.templateFileName());
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    export.template(locale[0], event.getOutputStream());
                },
                "");
        template.setId("customer-template");
        Button templateButton = new Button(getTranslation("customer.list.template"), VaadinIcon.FILE_TABLE.create());
        templateButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        templateButton.setTooltipText(getTranslation("customer.list.template-hint"));
        template.add(templateButton);
        HorizontalLayout toolbar = new HorizontalLayout(quick, create, reset, columns, exportButton, template, total);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setWidthFull();

        add(toolbar, grid);
        refresh();
    }

    private void configureGrid(List<ChannelSummary> channelList, List<UserRef> userList) {
        grid.setId("customer-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setMultiSort(false);
        grid.setEmptyStateText(getTranslation("customer.list.empty"));

        var codeCol = grid.addColumn(CustomerRow::code)
                .setHeader(getTranslation("customer.field.code"))
                .setKey("CODE")
                .setSortable(true)
                .setWidth("8.5rem")
                .setFlexGrow(0);
        var nameCol = grid.addColumn(CustomerRow::name)
                .setHeader(getTranslation("customer.field.name"))
                .setKey("NAME")
                .setSortable(true)
                .setWidth("10rem")
                .setFlexGrow(1);
        var kindCol = grid.addColumn(r -> EnumLabels.label(this, r.kind()))
                .setHeader(getTranslation("customer.field.kind"))
                .setKey("kind")
                .setWidth("6.5rem")
                .setFlexGrow(0);
        var cityCol = grid.addColumn(r -> join(r.province(), r.city()))
                .setHeader(getTranslation("customer.field.city"))
                .setKey("CITY")
                .setSortable(true)
                .setWidth("8rem")
                .setFlexGrow(0);
        var phoneCol = grid.addColumn(CustomerRow::phone)
                .setHeader(getTranslation("customer.field.phone"))
                .setKey("phone")
                .setWidth("9rem")
                .setFlexGrow(0);
        var occupationCol = grid.addColumn(r -> EnumLabels.label(this, r.occupation()))
                .setHeader(getTranslation("customer.field.occupation"))
                .setKey("occupation")
                .setWidth("8rem")
                .setFlexGrow(0);
        var incomeCol = grid.addColumn(r -> Formats.money(r.income(), getLocale()))
                .setHeader(getTranslation("customer.field.income"))
                .setKey("INCOME")
                .setSortable(true)
                .setTextAlign(ColumnTextAlign.END)
                .setWidth("11rem")
                .setFlexGrow(0);
        var channelCol = grid.addColumn(r -> r.sourceChannelId() == null
                        ? ""
                        : channelNames.getOrDefault(r.sourceChannelId(), "#" + r.sourceChannelId()))
                .setHeader(getTranslation("customer.field.channel"))
                .setKey("channel")
                .setWidth("9rem")
                .setFlexGrow(0);
        var lifecycleCol = grid.addComponentColumn(r -> badge(r.lifecycle()))
                .setHeader(getTranslation("customer.field.lifecycle"))
                .setKey("lifecycle")
                .setWidth("7rem")
                .setFlexGrow(0);
        var valueCol = grid.addColumn(r -> EnumLabels.label(this, r.valueLevel()))
                .setHeader(getTranslation("customer.field.value"))
                .setKey("value")
                .setWidth("7rem")
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.date(r.lastPurchase()))
                .setHeader(getTranslation("customer.field.last-purchase"))
                .setKey("LAST_PURCHASE")
                .setSortable(true)
                .setWidth("8rem")
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.money(r.monetary(), getLocale()))
                .setHeader(getTranslation("customer.field.monetary"))
                .setKey("MONETARY")
                .setSortable(true)
                .setTextAlign(ColumnTextAlign.END)
                .setWidth("8rem")
                .setFlexGrow(0);
        var ownerCol = grid.addColumn(r -> r.ownerId() == null ? "" : ownerNames.getOrDefault(r.ownerId(), ""))
                .setHeader(getTranslation("customer.field.owner"))
                .setKey("owner")
                .setWidth("7rem")
                .setFlexGrow(0);

        HeaderRow filters = grid.appendHeaderRow();
        code.setId("filter-code");
        name.setId("filter-name");
        city.setId("filter-city");
        filters.getCell(codeCol).setComponent(code);
        filters.getCell(nameCol).setComponent(name);
        filters.getCell(kindCol).setComponent(kind);
        filters.getCell(cityCol).setComponent(city);
        phone.setId("filter-phone");
        filters.getCell(phoneCol).setComponent(phone);
        filters.getCell(occupationCol).setComponent(occupation);
        incomeMin.setPlaceholder(getTranslation("filter.min"));
        incomeMax.setPlaceholder(getTranslation("filter.max"));
        incomeMin.setId("filter-income-min");
        incomeMax.setId("filter-income-max");
        for (BigDecimalField f : List.of(incomeMin, incomeMax)) {
            f.addThemeName("small");
            f.setWidth("6rem");
            f.setValueChangeMode(ValueChangeMode.LAZY);
            f.addValueChangeListener(e -> refresh());
        }
        filters.getCell(incomeCol).setComponent(new HorizontalLayout(incomeMin, incomeMax));
        channel.setItems(channelList);
        channel.setItemLabelGenerator(ChannelSummary::name);
        channel.setClearButtonVisible(true);
        channel.setPlaceholder(getTranslation("filter.all"));
        channel.addThemeName("small");
        channel.setWidthFull();
        channel.addValueChangeListener(e -> refresh());
        filters.getCell(channelCol).setComponent(channel);
        filters.getCell(lifecycleCol).setComponent(lifecycle);
        filters.getCell(valueCol).setComponent(value);
        owner.setItems(userList);
        owner.setItemLabelGenerator(UserRef::displayName);
        owner.setClearButtonVisible(true);
        owner.setPlaceholder(getTranslation("filter.all"));
        owner.addThemeName("small");
        owner.setWidthFull();
        owner.addValueChangeListener(e -> refresh());
        filters.getCell(ownerCol).setComponent(owner);

        for (String hidden : List.of("kind", "occupation", "value", "LAST_PURCHASE", "owner")) {
            grid.getColumnByKey(hidden).setVisible(false);
        }
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.addSortListener(e -> refresh());
        grid.setItems(
                q -> customers
                        .page(
                                filter(),
                                sort(
                                        q.getSortOrders().isEmpty()
                                                ? null
                                                : q.getSortOrders().getFirst()),
                                q.getOffset(),
                                q.getLimit())
                        .stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, customers.count(filter())));
    }

    private void open(CustomerRow row) {
        getUI().ifPresent(ui -> ui.navigate(
                CustomerDetailView.class, new com.vaadin.flow.router.RouteParameters("id", String.valueOf(row.id()))));
    }

    /** The grid's sort as the user set it by clicking headers. */
    CustomerSort currentSort() {
        if (grid.getSortOrder().isEmpty()) {
            return CustomerSort.newestFirst();
        }
        GridSortOrder<CustomerRow> o = grid.getSortOrder().getFirst();
        try {
            return new CustomerSort(
                    CustomerSort.Field.valueOf(o.getSorted().getKey()), o.getDirection() == SortDirection.ASCENDING);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CustomerSort.newestFirst();
        }
    }

    private CustomerSort sort(com.vaadin.flow.data.provider.QuerySortOrder order) {
        if (order == null) {
            return CustomerSort.newestFirst();
        }
        try {
            return new CustomerSort(
                    CustomerSort.Field.valueOf(order.getSorted()), order.getDirection() == SortDirection.ASCENDING);
        } catch (IllegalArgumentException e) {
            return CustomerSort.newestFirst();
        }
    }

    CustomerFilter filter() {
        BigDecimal min = incomeMin.getValue();
        BigDecimal max = incomeMax.getValue();
        return new CustomerFilter(
                quick.getValue(),
                code.getValue(),
                name.getValue(),
                kind.getValue(),
                null,
                city.getValue(),
                occupation.getValue(),
                channel.getValue() == null ? null : channel.getValue().id(),
                lifecycle.getValue(),
                value.getValue(),
                owner.getValue() == null ? null : owner.getValue().id(),
                min,
                max,
                phone.getValue());
    }

    /** The filters in use, in words ("城市 杭州 · 生命周期 活跃"), so that "my jobs" says what an export holds. */
    String filtersInWords() {
        List<String> parts = new java.util.ArrayList<>();
        addPart(parts, "jobs.filter.search", quick.getValue());
        addPart(parts, "customer.field.code", code.getValue());
        addPart(parts, "customer.field.name", name.getValue());
        addPart(parts, "customer.field.kind", kind.getValue() == null ? null : EnumLabels.label(this, kind.getValue()));
        addPart(parts, "customer.field.city", city.getValue());
        addPart(parts, "customer.field.phone", phone.getValue());
        addPart(
                parts,
                "customer.field.occupation",
                occupation.getValue() == null ? null : EnumLabels.label(this, occupation.getValue()));
        if (incomeMin.getValue() != null || incomeMax.getValue() != null) {
            addPart(
                    parts,
                    "customer.field.income",
                    (incomeMin.getValue() == null ? "" : Formats.money(incomeMin.getValue(), getLocale())) + "–"
                            + (incomeMax.getValue() == null ? "" : Formats.money(incomeMax.getValue(), getLocale())));
        }
        addPart(
                parts,
                "customer.field.channel",
                channel.getValue() == null ? null : channel.getValue().name());
        addPart(
                parts,
                "customer.field.lifecycle",
                lifecycle.getValue() == null ? null : EnumLabels.label(this, lifecycle.getValue()));
        addPart(
                parts,
                "customer.field.value",
                value.getValue() == null ? null : EnumLabels.label(this, value.getValue()));
        addPart(
                parts,
                "customer.field.owner",
                owner.getValue() == null ? null : owner.getValue().displayName());
        return String.join(" · ", parts);
    }

    private void addPart(List<String> parts, String labelKey, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(getTranslation(labelKey) + " " + value.strip());
        }
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        long n = customers.count(filter());
        total.setText(getTranslation("customer.list.total", Formats.number(n, getLocale())));
    }

    private void resetFilters() {
        quick.clear();
        code.clear();
        name.clear();
        kind.clear();
        city.clear();
        phone.clear();
        occupation.clear();
        incomeMin.clear();
        incomeMax.clear();
        channel.clear();
        lifecycle.clear();
        value.clear();
        owner.clear();
        grid.sort(List.<GridSortOrder<CustomerRow>>of());
        refresh();
    }

    private Component badge(Lifecycle l) {
        return Badges.lifecycle(this, l);
    }

    private TextField filterText() {
        TextField f = new TextField();
        f.addThemeName("small");
        f.setWidthFull();
        f.setClearButtonVisible(true);
        f.setPlaceholder(getTranslation("filter.starts-with"));
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.addValueChangeListener(e -> refresh());
        return f;
    }

    private <E extends Enum<E>> Select<E> filterSelect(E[] values) {
        Select<E> s = new Select<>();
        s.setItems(values);
        s.setEmptySelectionAllowed(true);
        s.setEmptySelectionCaption(getTranslation("filter.all"));
        s.setItemLabelGenerator(v -> v == null ? getTranslation("filter.all") : EnumLabels.label(this, v));
        s.addThemeName("small");
        s.setWidthFull();
        s.addValueChangeListener(e -> refresh());
        return s;
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        if (b == null || b.isEmpty() || a.equals(b)) {
            return a;
        }
        return a + " " + b;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.customers");
    }
}
