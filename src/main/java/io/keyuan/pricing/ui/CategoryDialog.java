package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.pricing.CatalogueService;
import io.keyuan.pricing.CategoryRow;
import io.keyuan.pricing.domain.ProductCategory;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.ui.Notifications;
import java.util.List;
import java.util.Map;

/**
 * The category tree: staff see it; managers add a category (under the chosen parent), rename or move the selected
 * one, or delete it when it holds no products and no sub-categories. Enter adds (or saves the selected), Esc closes.
 */
class CategoryDialog extends Dialog {
    private final CatalogueService catalogue;
    private final Runnable onChange;
    final Grid<CategoryRow> grid = new Grid<>();
    final TextField code = new TextField();
    final TextField name = new TextField();
    final ComboBox<CategoryRow> parent = new ComboBox<>();
    final Button add = new Button();
    final Button update = new Button();
    final Button remove = new Button();

    CategoryDialog(CatalogueService catalogue, boolean manager, Runnable onChange) {
        this.catalogue = catalogue;
        this.onChange = onChange;
        setId("category-dialog");
        setWidth("min(48rem, 95vw)");
        setHeaderTitle(getTranslation("pricing.catalogue.categories"));

        grid.setId("category-grid");
        grid.setHeight("18rem");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("pricing.catalogue.categories.empty"));
        grid.addColumn(r -> "\u2003".repeat(r.depth()) + r.name())
                .setHeader(getTranslation("pricing.catalogue.field.name"))
                .setFlexGrow(1);
        grid.addColumn(CategoryRow::code)
                .setHeader(getTranslation("pricing.catalogue.field.code"))
                .setAutoWidth(true);
        grid.addColumn(CategoryRow::products)
                .setHeader(getTranslation("pricing.catalogue.categories.products"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        VerticalLayout body = new VerticalLayout(grid);
        body.setPadding(false);

        if (manager) {
            code.setLabel(getTranslation("pricing.catalogue.field.code"));
            code.setId("category-code");
            code.setMaxLength(ProductCategory.CODE_LENGTH);
            name.setLabel(getTranslation("pricing.catalogue.field.name"));
            name.setId("category-name");
            name.setMaxLength(ProductCategory.NAME_LENGTH);
            parent.setLabel(getTranslation("pricing.catalogue.categories.parent"));
            parent.setId("category-parent");
            parent.setItemLabelGenerator(CategoryRow::path);
            parent.setClearButtonVisible(true);
            add.setText(getTranslation("pricing.catalogue.categories.add"));
            add.setId("category-add");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add.addClickListener(e -> add());
            update.setText(getTranslation("action.save"));
            update.setId("category-save");
            update.addClickListener(e -> update());
            remove.setText(getTranslation("action.delete"));
            remove.setId("category-delete");
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            remove.addClickListener(e -> delete());
            grid.asSingleSelect().addValueChangeListener(e -> selected(e.getValue()));
            selected(null);
            HorizontalLayout fields = new HorizontalLayout(code, name, parent);
            fields.setAlignItems(FlexComponent.Alignment.BASELINE);
            HorizontalLayout actions = new HorizontalLayout(add, update, remove);
            body.add(fields, actions);
            com.vaadin.flow.component.Shortcuts.addShortcutListener(
                            this, () -> (grid.asSingleSelect().isEmpty() ? add : update).click(), Key.ENTER)
                    .listenOn(this);
        }
        add(body);
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("category-close");
        getFooter().add(close);
        load();
    }

    private void load() {
        List<CategoryRow> rows = catalogue.categories();
        grid.setItems(rows);
        parent.setItems(rows);
    }

    private void selected(CategoryRow row) {
        update.setEnabled(row != null);
        remove.setEnabled(row != null);
        code.setReadOnly(row != null);
        if (row == null) {
            code.clear();
            name.clear();
            parent.clear();
        } else {
            code.setValue(row.code());
            name.setValue(row.name());
            parent.setValue(
                    row.parentId() == null
                            ? null
                            : catalogue.categories().stream()
                                    .filter(r -> r.id() == row.parentId())
                                    .findFirst()
                                    .orElse(null));
        }
    }

    void add() {
        try {
            CategoryRow parentRow = parent.getValue();
            catalogue.createCategory(code.getValue(), name.getValue(), parentRow == null ? null : parentRow.id());
            Notifications.success(this, "pricing.catalogue.categories.saved", name.getValue());
            grid.asSingleSelect().clear();
            changed();
        } catch (KeyuanException e) {
            showOnField(e);
        }
    }

    void update() {
        CategoryRow row = grid.asSingleSelect().getValue();
        if (row == null) {
            return;
        }
        try {
            CategoryRow renamed = row.name().equals(name.getValue().strip())
                    ? row
                    : catalogue.renameCategory(row.id(), row.version(), name.getValue());
            Long newParent =
                    parent.getValue() == null ? null : parent.getValue().id();
            if (!java.util.Objects.equals(newParent, row.parentId())) {
                catalogue.moveCategory(row.id(), renamed.version(), newParent);
            }
            Notifications.success(this, "pricing.catalogue.categories.saved", name.getValue());
            grid.asSingleSelect().clear();
            changed();
        } catch (KeyuanException e) {
            showOnField(e);
        }
    }

    void delete() {
        CategoryRow row = grid.asSingleSelect().getValue();
        if (row != null && Notifications.attempt(this, () -> catalogue.deleteCategory(row.id(), row.version()))) {
            grid.asSingleSelect().clear();
            changed();
        }
    }

    private void changed() {
        load();
        onChange.run();
    }

    private void showOnField(KeyuanException e) {
        Notifications.showOnField(this, Map.of("code", code, "name", name, "parentId", parent), e);
    }
}
