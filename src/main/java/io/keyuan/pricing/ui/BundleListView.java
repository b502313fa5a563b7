package io.keyuan.pricing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.pricing.BundleRow;
import io.keyuan.pricing.BundleService;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/** Bundles (捆绑定价) with their items; managers edit them. */
@Route("bundles")
@Menu(title = "pricing.nav.bundles", order = 53, icon = "vaadin:cubes")
@RolesAllowed(Roles.STAFF)
public class BundleListView extends VerticalLayout implements HasDynamicTitle {
    private final BundleService bundles;
    private final PriceRuleService rules;
    private final boolean manager;
    final Grid<BundleRow> grid = new Grid<>();
    final TextField text = new TextField();
    final Select<Boolean> active = new Select<>();
    final Button create = new Button();

    public BundleListView(BundleService bundles, PriceRuleService rules, AuthenticationContext auth) {
        this.bundles = bundles;
        this.rules = rules;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("pricing.bundle.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("bundle-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickListener(e -> edit(null));
        text.setId("bundle-filter-text");
        text.setPlaceholder(getTranslation("pricing.rule.filter.text"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> refresh());
        active.setId("bundle-filter-active");
        active.setItems(Boolean.TRUE, Boolean.FALSE);
        active.setEmptySelectionAllowed(true);
        active.setEmptySelectionCaption(getTranslation("filter.all"));
        active.setItemLabelGenerator(b -> b == null
                ? getTranslation("filter.all")
                : getTranslation(b ? "pricing.rule.active" : "pricing.rule.inactive"));
        active.addValueChangeListener(e -> refresh());
        HorizontalLayout toolbar = new HorizontalLayout(create, text, active);
        toolbar.addClassName("keyuan-toolbar");

        grid.setId("bundle-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("pricing.bundle.empty"));
        grid.addColumn(BundleRow::code)
                .setHeader(getTranslation("pricing.rule.field.code"))
                .setKey("code")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(BundleRow::name)
                .setHeader(getTranslation("pricing.rule.field.name"))
                .setKey("name")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(b -> b.tier() == null
                        ? getTranslation("pricing.rule.everyone")
                        : b.tier().name())
                .setHeader(getTranslation("pricing.rule.field.tier"))
                .setAutoWidth(true);
        grid.addColumn(b -> b.items().stream()
                        .map(l -> l.product().name() + " × " + l.quantity())
                        .collect(Collectors.joining("、")))
                .setHeader(getTranslation("pricing.bundle.field.items"))
                .setFlexGrow(1);
        grid.addColumn(b -> getTranslation(
                        "pricing.bundle.value." + b.kind().name(),
                        b.value().stripTrailingZeros().toPlainString()))
                .setHeader(getTranslation("pricing.rule.field.value"))
                .setAutoWidth(true);
        grid.addColumn(b -> (b.validFrom() == null ? "…" : Formats.date(b.validFrom())) + " – "
                        + (b.validTo() == null ? "…" : Formats.date(b.validTo())))
                .setHeader(getTranslation("pricing.rule.field.validity"))
                .setAutoWidth(true);
        grid.addColumn(b -> getTranslation(b.active() ? "pricing.rule.active" : "pricing.rule.inactive"))
                .setHeader(getTranslation("pricing.rule.field.active"))
                .setKey("active")
                .setSortable(true);
        grid.setItems(
                q ->
                        bundles
                                .page(
                                        text.getValue(),
                                        active.getValue(),
                                        VaadinSpringDataHelpers.toSpringPageRequest(q))
                                .stream(),
                q -> (int) bundles.count(text.getValue(), active.getValue()));
        grid.addItemClickListener(e -> edit(bundles.get(e.getItem().id())));
        add(toolbar, grid);
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
        // auto widths are measured on the first rows the grid got; a filter or a new row brings longer codes
        grid.recalculateColumnWidths();
    }

    void edit(BundleRow row) {
        new BundleDialog(bundles, rules, row, manager, this::refresh).open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.nav.bundles");
    }
}
