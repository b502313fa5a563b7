package io.keyuan.customer.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerMetrics;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.DeletionImpact;
import io.keyuan.customer.PurchaseReturnRow;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.ReturnedTotals;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.shared.ui.RecordSection;
import jakarta.annotation.security.RolesAllowed;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;

/** One customer: derived figures (lifecycle, value, RFM), every field, purchases, referrals, who changed it. */
@Route("customers/:id(\\d{1,18})")
@RolesAllowed(Roles.STAFF)
public class CustomerDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerDetailView.class);
    private final CustomerService customers;
    private final CustomerMetricsService metricsService;
    private final ChannelService channels;
    private final Map<Long, String> userNames;
    private final boolean manager;
    private final List<RecordSection> sections;
    private final PurchaseReturns returns;
    private final Grid<Purchase> purchases = new Grid<>();
    /** What is returned of the purchases on the grid's current page, read with the page. */
    private final Map<Long, ReturnedTotals> returned = new java.util.HashMap<>();

    private Customer customer;

    public CustomerDetailView(
            CustomerService customers,
            CustomerMetricsService metricsService,
            ChannelService channels,
            UserDirectory users,
            AuthenticationContext auth,
            ObjectProvider<RecordSection> sections,
            PurchaseReturns returns) {
        this.customers = customers;
        this.returns = returns;
        this.metricsService = metricsService;
        this.channels = channels;
        this.userNames = users.allUsers().stream().collect(Collectors.toMap(UserRef::id, UserRef::displayName));
        this.manager = auth.hasRole(Roles.MANAGER);
        this.sections = sections.stream()
                .filter(s -> RecordSection.CUSTOMER.equals(s.page()))
                .sorted(Comparator.comparingInt(RecordSection::order))
                .toList();
        addClassName("keyuan-view");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElseThrow();
        customer = customers.get(id);
        render();
    }

    private void render() {
        removeAll();
        CustomerMetrics m = metricsService.metrics(customer.getId());

        H2 title = new H2(customer.getName());
        title.getStyle().set("margin", "0");
        Span code = new Span(customer.getCode());
        code.addClassName("keyuan-audit");
        code.setId("detail-code");
        HorizontalLayout badges =
                new HorizontalLayout(Badges.lifecycle(this, m.lifecycle()), Badges.value(this, m.valueLevel()));
        badges.setSpacing(true);
        Button edit = new Button(
                getTranslation("action.edit"),
                VaadinIcon.EDIT.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(
                        CustomerFormView.class, new RouteParameters("id", String.valueOf(customer.getId())))));
        edit.setId("customer-edit");
        edit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(edit);
        if (manager) {
            Button delete =
                    new Button(getTranslation("action.delete"), VaadinIcon.TRASH.create(), e -> confirmDelete());
            delete.setId("customer-delete");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(delete);
        }
        HorizontalLayout header = new HorizontalLayout(title, code, badges);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout top = new HorizontalLayout(header, actions);
        top.setWidthFull();
        top.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        top.setAlignItems(FlexComponent.Alignment.CENTER);

        Div figures = new Div();
        figures.addClassName("keyuan-figures");
        figures.setId("customer-figures");
        figures.add(
                figure(
                        "customer.metric.recency",
                        m.recencyDays() == null ? "—" : getTranslation("customer.metric.days", m.recencyDays())),
                figure("customer.metric.frequency", String.valueOf(m.frequency())),
                figure("customer.metric.monetary", Formats.money(m.monetary(), getLocale())),
                figure("customer.metric.recent-spend", Formats.money(m.recentSpend(), getLocale())),
                figure("customer.metric.aov", Formats.money(m.averageOrderValue(), getLocale())),
                figure(
                        "customer.metric.first-purchase",
                        m.firstPurchase() == null ? "—" : Formats.date(m.firstPurchase())),
                figure(
                        "customer.metric.last-purchase",
                        m.lastPurchase() == null ? "—" : Formats.date(m.lastPurchase())),
                figure("customer.metric.referrals", String.valueOf(customers.referralCount(customer.getId()))),
                figure("customer.metric.r-score", score(m.rScore())),
                figure("customer.metric.f-score", score(m.fScore())),
                figure("customer.metric.m-score", score(m.mScore())),
                figure("purchase.return.rate", returnRate()));

        add(top, figures, details(), purchasesSection());
        sections.stream()
                .map(s -> s.create(customer.getId()))
                .filter(Objects::nonNull)
                .forEach(this::add);
        add(audit());
    }

    /** Returned over purchased amount, as a percentage with one decimal; a dash when nothing was bought. */
    private String returnRate() {
        java.math.BigDecimal rate = returns.returnRate(customer.getId()).rate();
        if (rate == null) {
            return "—";
        }
        java.text.NumberFormat percent = java.text.NumberFormat.getPercentInstance(getLocale());
        percent.setMaximumFractionDigits(1);
        return percent.format(rate);
    }

    private static String score(Integer score) {
        return score == null ? "—" : String.valueOf(score);
    }

    /** Another module's section; its failure is shown in its place rather than taking the whole page down. */
    private Component section(RecordSection section) {
        try {
            return section.create(customer.getId());
        } catch (RuntimeException e) {
            log.warn("Section {} failed for customer {}", section.getClass().getSimpleName(), customer.getId(), e);
            Span failed = new Span(getTranslation("customer.detail.section-failed"));
            failed.addClassName("keyuan-audit");
            return failed;
        }
    }

    private Component figure(String labelKey, String value) {
        Div box = new Div();
        box.addClassName("keyuan-figure");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        box.add(label, v);
        return box;
    }

    private Component details() {
        Div grid = new Div();
        grid.addClassName("keyuan-details");
        grid.setId("customer-details");
        String channelName = customer.getSourceChannelId() == null
                ? ""
                : channels.summary(customer.getSourceChannelId())
                        .map(c -> c.name() + " · " + EnumLabels.label(this, c.category()))
                        .orElse("");
        item(grid, "customer.field.kind", EnumLabels.label(this, customer.getKind()));
        item(grid, "customer.field.gender", EnumLabels.label(this, customer.getGender()));
        item(grid, "customer.field.birth-date", Formats.date(customer.getBirthDate()));
        item(grid, "customer.field.occupation", EnumLabels.label(this, customer.getOccupation()));
        item(grid, "customer.field.income", Formats.money(customer.getIncome(), getLocale()));
        item(grid, "customer.field.province", customer.getProvince());
        item(grid, "customer.field.city", customer.getCity());
        item(grid, "customer.field.phone", customer.getPhone());
        item(grid, "customer.field.email", customer.getEmail());
        item(grid, "customer.field.channel", channelName);
        item(grid, "customer.field.acquisition-method", EnumLabels.label(this, customer.getAcquisitionMethod()));
        Div referred = item(grid, "customer.field.referred-by", "");
        if (customer.getReferredById() != null) {
            customers
                    .ref(customer.getReferredById())
                    .ifPresent(r -> referred.add(new Anchor("customers/" + r.id(), r.label())));
        }
        item(
                grid,
                "customer.field.owner",
                customer.getOwnerId() == null ? "" : userNames.getOrDefault(customer.getOwnerId(), ""));
        item(grid, "customer.field.need-type", EnumLabels.label(this, customer.getNeedType()));
        item(grid, "customer.field.purchase-style", EnumLabels.label(this, customer.getPurchaseStyle()));
        item(grid, "customer.field.loyalty", EnumLabels.label(this, customer.getLoyalty()));
        item(grid, "customer.field.tags", customer.getTags());
        item(grid, "customer.field.notes", customer.getNotes());
        return grid;
    }

    private Div item(Div parent, String labelKey, String value) {
        Div box = new Div();
        box.addClassName("keyuan-detail");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("label");
        Div v = new Div();
        v.addClassName("value");
        v.setText(value == null || value.isEmpty() ? "—" : value);
        box.add(label, v);
        parent.add(box);
        return v;
    }

    private Component purchasesSection() {
        H3 title = new H3(getTranslation("purchase.title"));
        Button add = new Button(
                getTranslation("purchase.add"),
                VaadinIcon.PLUS.create(),
                e -> new PurchaseDialog(customers, customer.getId(), this::render).open());
        add.setId("purchase-add");
        HorizontalLayout head = new HorizontalLayout(title, add);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);

        // The page renders again after every change: the grid gets its columns afresh, not once more.
        purchases.removeAllColumns();
        purchases.setId("purchase-grid");
        purchases.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        purchases.setEmptyStateText(getTranslation("purchase.empty"));
        purchases
                .addColumn(p -> Formats.date(p.getPurchaseDate()))
                .setHeader(getTranslation("purchase.field.date"))
                .setAutoWidth(true);
        purchases
                .addColumn(Purchase::getProduct)
                .setHeader(getTranslation("purchase.field.product"))
                .setAutoWidth(true);
        purchases
                .addColumn(Purchase::getQuantity)
                .setHeader(getTranslation("purchase.field.quantity"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        purchases
                .addColumn(p -> Formats.money(p.getAmount(), getLocale()))
                .setHeader(getTranslation("purchase.field.amount"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        purchases
                .addColumn(p -> EnumLabels.label(this, p.getChannel()))
                .setHeader(getTranslation("purchase.field.channel"))
                .setAutoWidth(true);
        purchases
                .addColumn(this::returnedText)
                .setHeader(getTranslation("purchase.return.column"))
                .setKey("returned")
                .setAutoWidth(true);
        purchases
                .addColumn(Purchase::getCreatedBy)
                .setHeader(getTranslation("audit.created-by"))
                .setAutoWidth(true);
        purchases
                .addComponentColumn(p -> {
                    Button giveBack = new Button(
                            VaadinIcon.ARROW_BACKWARD.create(), e -> new ReturnDialog(returns, p, this::render).open());
                    giveBack.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    giveBack.addClassName("purchase-return-add");
                    giveBack.setAriaLabel(getTranslation("purchase.return.add"));
                    giveBack.setTooltipText(getTranslation("purchase.return.add"));
                    return giveBack;
                })
                .setKey("return")
                .setFlexGrow(0)
                .setWidth("4rem");
        purchases
                .addComponentColumn(p -> {
                    Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDeletePurchase(p));
                    delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                    delete.setAriaLabel(getTranslation("action.delete"));
                    delete.setTooltipText(getTranslation("action.delete"));
                    return delete;
                })
                .setFlexGrow(0)
                .setWidth("4rem");
        long id = customer.getId();
        // A few purchases (or none) show whole; a long history scrolls in a fixed height.
        boolean few = customers.purchaseCount(id) <= 8;
        purchases.setAllRowsVisible(few);
        purchases.setHeight(few ? null : "22rem");
        purchases.setItems(
                q -> {
                    List<Purchase> page = customers.purchases(id, q.getOffset(), q.getLimit());
                    returned.putAll(
                            returns.totals(page.stream().map(Purchase::getId).toList()));
                    return page.stream();
                },
                q -> (int) customers.purchaseCount(id));
        // A purchase with returns opens to list them (date, what, why, who).
        purchases.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(this::returnsOf));
        purchases.setDetailsVisibleOnClick(true);
        VerticalLayout box = new VerticalLayout(head, purchases);
        box.setPadding(false);
        return box;
    }

    private String returnedText(Purchase p) {
        ReturnedTotals t = returned.get(p.getId());
        if (t == null || !t.anyReturned()) {
            return "";
        }
        return getTranslation(
                "purchase.return.summary", t.returnedQuantity(), Formats.money(t.returnedAmount(), getLocale()));
    }

    /** The returns listed under a purchase when its row opens. */
    Component returnsOf(Purchase p) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.setSpacing(false);
        box.addClassName("purchase-returns");
        List<PurchaseReturnRow> rows = returns.ofPurchase(p.getId());
        if (rows.isEmpty()) {
            Span none = new Span(getTranslation("purchase.return.none"));
            none.addClassName("keyuan-audit");
            box.add(none);
        }
        for (PurchaseReturnRow r : rows) {
            Span line = new Span(getTranslation(
                    "purchase.return.line",
                    Formats.date(r.date()),
                    r.quantity(),
                    Formats.money(r.amount(), getLocale()),
                    r.reason(),
                    r.recordedBy()));
            line.addClassName("purchase-return-line");
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> confirmDeleteReturn(r));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.addClassName("purchase-return-delete");
            remove.setAriaLabel(getTranslation("purchase.return.delete"));
            remove.setTooltipText(getTranslation("purchase.return.delete"));
            HorizontalLayout row = new HorizontalLayout(line, remove);
            row.setAlignItems(FlexComponent.Alignment.CENTER);
            box.add(row);
        }
        return box;
    }

    private void confirmDeleteReturn(PurchaseReturnRow r) {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("purchase.return.delete"),
                getTranslation(
                        "purchase.return.delete.text",
                        Formats.date(r.date()),
                        r.quantity(),
                        Formats.money(r.amount(), getLocale())),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> returns.delete(r.id()))) {
                        render();
                    }
                });
        d.setId("return-delete-dialog");
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }

    private void confirmDeletePurchase(Purchase p) {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("purchase.delete.title"),
                getTranslation("purchase.delete.text", p.getProduct(), Formats.date(p.getPurchaseDate())),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> customers.deletePurchase(p.getId()))) {
                        render();
                    }
                });
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }

    private void confirmDelete() {
        DeletionImpact[] impact = {null};
        if (!Notifications.attempt(this, () -> impact[0] = customers.deletionImpact(customer.getId()))) {
            return;
        }
        ConfirmDialog d;
        if (impact[0].blocked()) {
            String what = impact[0].blockers().stream()
                    .map(b -> getTranslation(b.countKey(), Formats.number(b.count(), getLocale())))
                    .collect(java.util.stream.Collectors.joining(getTranslation("list.separator")));
            d = new ConfirmDialog();
            d.setHeader(getTranslation("customer.delete.title"));
            d.setText(getTranslation("customer.delete.blocked", customer.getName(), what));
            d.setConfirmText(getTranslation("action.close"));
        } else {
            long purchases = impact[0].purchases();
            String text = getTranslation(
                    "customer.delete.text",
                    customer.getName(),
                    Formats.number(purchases, getLocale()),
                    Formats.number(impact[0].referrals(), getLocale()));
            d = new ConfirmDialog(getTranslation("customer.delete.title"), text, getTranslation("action.delete"), e -> {
                if (Notifications.attempt(
                        this, () -> customers.delete(customer.getId(), customer.getVersion(), purchases))) {
                    Notifications.success(this, "customer.deleted", customer.getName());
                    getUI().ifPresent(ui -> ui.navigate(CustomerListView.class));
                }
            });
            d.setConfirmButtonTheme("error primary");
            d.setCancelable(true);
            d.setCancelText(getTranslation("action.cancel"));
        }
        d.setId("customer-delete-dialog");
        d.open();
    }

    private Component audit() {
        Span s = new Span(getTranslation(
                "audit.line",
                customer.getCreatedBy(),
                Formats.dateTime(customer.getCreatedAt()),
                customer.getUpdatedBy(),
                Formats.dateTime(customer.getUpdatedAt())));
        s.addClassName("keyuan-audit");
        s.setId("customer-audit");
        return s;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("customer.detail.title");
    }
}
