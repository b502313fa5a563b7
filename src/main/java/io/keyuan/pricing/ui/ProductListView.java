package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
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
import io.keyuan.pricing.CatalogueService;
import io.keyuan.pricing.CategoryRow;
import io.keyuan.pricing.Margins;
import io.keyuan.pricing.ProductFilter;
import io.keyuan.pricing.domain.Product;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalogue: products with their category, unit, list price, cost and margin. Managers edit; staff read. */
@Route("products")
@Menu(title = "pricing.catalogue.nav", order = 50, icon = "vaadin:package")
@RolesAllowed(Roles.STAFF)
public class ProductListView extends VerticalLayout implements HasDynamicTitle {
    private final CatalogueService catalogue;
    private final boolean manager;
    final Grid<Product> grid = new Grid<>();
    final TextField text = new TextField();
    final ComboBox<CategoryRow> category = new ComboBox<>();
    final Select<Boolean> active = new Select<>();
    final Button create = new Button();
    final Button categories = new Button();
    private Map<Long, String> categoryPaths = new HashMap<>();

    final Button exportProducts = new Button();
    final Button matrix = new Button();

    public ProductListView(
            CatalogueService catalogue, AuthenticationContext auth, io.keyuan.shared.jobs.JobService jobs) {
        this.catalogue = catalogue;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("pricing.catalogue.product.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("product-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickListener(e -> edit(new Product()));
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        categories.setText(getTranslation("pricing.catalogue.categories"));
        categories.setIcon(VaadinIcon.FOLDER_OPEN.create());
        categories.setId("product-categories");
        categories.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        categories.addClickListener(e -> new CategoryDialog(catalogue, manager, this::reloadCategories).open());

        text.setId("product-filter-text");
        text.setPlaceholder(getTranslation("pricing.catalogue.filter.text"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> refresh());
        category.setId("product-filter-category");
        category.setPlaceholder(getTranslation("pricing.catalogue.filter.category"));
        category.setItemLabelGenerator(CategoryRow::path);
        category.setClearButtonVisible(true);
        category.addValueChangeListener(e -> refresh());
        active.setId("product-filter-active");
        active.setItems(Boolean.TRUE, Boolean.FALSE);
        active.setEmptySelectionAllowed(true);
        active.setEmptySelectionCaption(getTranslation("filter.all"));
        active.setItemLabelGenerator(b -> b == null
                ? getTranslation("filter.all")
                : getTranslation(b ? "pricing.catalogue.active" : "pricing.catalogue.archived"));
        active.addValueChangeListener(e -> refresh());
        exportProducts.setText(getTranslation("pricing.export.products"));
        exportProducts.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        exportProducts.setId("product-export");
        exportProducts.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        exportProducts.addClickListener(e -> io.keyuan.shared.ui.ExportDialog.start(
                this,
                jobs,
                io.keyuan.pricing.PricingExportJobs.sheet(
                        io.keyuan.pricing.PricingExportJobs.Sheet.PRODUCTS, getLocale())));
        matrix.setText(getTranslation("pricing.matrix.open"));
        matrix.setIcon(VaadinIcon.TABLE.create());
        matrix.setId("product-price-matrix");
        matrix.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        matrix.addClickListener(e -> new PriceMatrixDialog(jobs, this).open());
        HorizontalLayout toolbar =
                new HorizontalLayout(create, text, category, active, categories, exportProducts, matrix);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("product-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation(manager ? "pricing.catalogue.empty.manager" : "pricing.catalogue.empty"));
        grid.addColumn(Product::getCode)
                .setHeader(getTranslation("pricing.catalogue.field.code"))
                .setKey("code")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(Product::getName)
                .setHeader(getTranslation("pricing.catalogue.field.name"))
                .setKey("name")
                .setSortable(true)
                .setFlexGrow(1);
        grid.addColumn(p -> categoryPaths.getOrDefault(p.getCategoryId(), "#" + p.getCategoryId()))
                .setHeader(getTranslation("pricing.catalogue.field.category"))
                .setAutoWidth(true);
        grid.addColumn(Product::getUnit)
                .setHeader(getTranslation("pricing.catalogue.field.unit"))
                .setAutoWidth(true);
        grid.addColumn(p -> Formats.money(p.getListPrice(), getLocale()))
                .setHeader(getTranslation("pricing.catalogue.field.list-price"))
                .setKey("listPrice")
                .setSortable(true)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(p -> Formats.money(p.getCost(), getLocale()))
                .setHeader(getTranslation("pricing.catalogue.field.cost"))
                .setKey("cost")
                .setSortable(true)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(p -> margin(p.getListPrice(), p.getCost()))
                .setHeader(getTranslation("pricing.catalogue.field.margin"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(p -> getTranslation(p.isActive() ? "pricing.catalogue.active" : "pricing.catalogue.archived"))
                .setHeader(getTranslation("pricing.catalogue.field.active"))
                .setKey("active")
                .setSortable(true)
                .setAutoWidth(true);
        grid.setItems(q -> catalogue.page(filter(), VaadinSpringDataHelpers.toSpringPageRequest(q)).stream(), q ->
                (int) catalogue.count(filter()));
        grid.addItemClickListener(e -> edit(catalogue.get(e.getItem().getId())));
        reloadCategories();
        add(toolbar, grid);
    }

    private static String margin(BigDecimal price, BigDecimal cost) {
        BigDecimal m = Margins.percent(price, cost);
        return m == null ? "—" : m.toPlainString() + " %";
    }

    ProductFilter filter() {
        CategoryRow c = category.getValue();
        return new ProductFilter(text.getValue(), c == null ? null : c.id(), active.getValue());
    }

    void reloadCategories() {
        List<CategoryRow> rows = catalogue.categories();
        Map<Long, String> paths = new HashMap<>();
        rows.forEach(r -> paths.put(r.id(), r.path()));
        categoryPaths = paths;
        CategoryRow chosen = category.getValue();
        category.setItems(rows);
        if (chosen != null) {
            rows.stream().filter(r -> r.id() == chosen.id()).findFirst().ifPresent(category::setValue);
        }
        refresh();
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
        // auto widths are measured on the first rows the grid got; a filter or a new row brings longer codes
        grid.recalculateColumnWidths();
    }

    void edit(Product product) {
        new ProductDialog(catalogue, product, manager, this::refresh).open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.catalogue.nav");
    }
}
