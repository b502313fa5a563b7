package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import io.keyuan.pricing.CatalogueService;
import io.keyuan.pricing.CategoryRow;
import io.keyuan.pricing.domain.Product;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.shared.ui.NumberFields;
import java.util.List;
import java.util.Map;

/** Edit one product (Enter saves, Esc closes). Read-only for staff. */
class ProductDialog extends Dialog {
    private final CatalogueService catalogue;
    private final Product product;
    private final Runnable onChange;
    final TextField code = new TextField();
    final TextField name = new TextField();
    final ComboBox<CategoryRow> category = new ComboBox<>();
    final TextField unit = new TextField();
    final BigDecimalField listPrice = new BigDecimalField();
    final BigDecimalField cost = new BigDecimalField();
    final Checkbox active = new Checkbox();
    final TextField description = new TextField();
    final Button save = new Button();
    final Button archive = new Button();
    final Button delete = new Button();
    private final BeanValidationBinder<Product> binder = new BeanValidationBinder<>(Product.class);

    ProductDialog(CatalogueService catalogue, Product product, boolean manager, Runnable onChange) {
        this.catalogue = catalogue;
        this.product = product;
        this.onChange = onChange;
        setId("product-dialog");
        setWidth("min(44rem, 95vw)");
        setHeaderTitle(
                product.isNew()
                        ? getTranslation("pricing.catalogue.product.new")
                        : product.getCode() + " · " + product.getName());
        List<CategoryRow> categories = catalogue.categories();

        code.setLabel(getTranslation("pricing.catalogue.field.code"));
        code.setId("product-code");
        code.setMaxLength(Product.CODE_LENGTH);
        name.setLabel(getTranslation("pricing.catalogue.field.name"));
        name.setId("product-name");
        name.setMaxLength(Product.NAME_LENGTH);
        category.setLabel(getTranslation("pricing.catalogue.field.category"));
        category.setId("product-category");
        category.setItems(categories);
        category.setItemLabelGenerator(CategoryRow::path);
        unit.setLabel(getTranslation("pricing.catalogue.field.unit"));
        unit.setId("product-unit");
        unit.setMaxLength(Product.UNIT_LENGTH);
        listPrice.setLabel(getTranslation("pricing.catalogue.field.list-price"));
        listPrice.setId("product-list-price");
        listPrice.setPrefixComponent(new Span("¥"));
        NumberFields.explained(listPrice);
        cost.setLabel(getTranslation("pricing.catalogue.field.cost"));
        cost.setId("product-cost");
        cost.setPrefixComponent(new Span("¥"));
        NumberFields.explained(cost);
        active.setLabel(getTranslation("pricing.catalogue.field.active"));
        active.setId("product-active");
        description.setLabel(getTranslation("pricing.catalogue.field.description"));
        description.setMaxLength(Product.DESCRIPTION_LENGTH);

        String required = getTranslation("validation.required");
        binder.forField(code).asRequired(required).bind("code");
        binder.forField(name).asRequired(required).bind("name");
        binder.forField(category)
                .asRequired(required)
                .withConverter(
                        (CategoryRow row) -> row == null ? null : row.id(),
                        (Long id) -> id == null
                                ? null
                                : categories.stream()
                                        .filter(r -> r.id() == id)
                                        .findFirst()
                                        .orElse(null))
                .bind("categoryId");
        binder.forField(unit).asRequired(required).bind("unit");
        binder.forField(listPrice)
                .asRequired(required)
                .withValidator(v -> v == null || v.signum() >= 0, getTranslation("validation.not-negative"))
                .withValidator(
                        v -> v == null || v.stripTrailingZeros().scale() <= 2,
                        getTranslation("pricing.catalogue.error.two-decimals"))
                .bind("listPrice");
        binder.forField(cost)
                .asRequired(required)
                .withValidator(v -> v == null || v.signum() >= 0, getTranslation("validation.not-negative"))
                .withValidator(
                        v -> v == null || v.stripTrailingZeros().scale() <= 2,
                        getTranslation("pricing.catalogue.error.two-decimals"))
                .bind("cost");
        binder.forField(active).bind("active");
        binder.forField(description).bind("description");
        binder.readBean(product);
        binder.setReadOnly(!manager);

        FormLayout form = new FormLayout(code, name, category, unit, listPrice, cost, active, description);
        form.setColspan(description, 2);
        add(form);

        Button close = new Button(getTranslation(manager ? "action.cancel" : "action.close"), e -> close());
        close.setId("product-close");
        if (manager) {
            save.setText(getTranslation("action.save"));
            save.setId("product-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            save.addClickShortcut(Key.ENTER).listenOn(this);
            if (!product.isNew()) {
                delete.setText(getTranslation("action.delete"));
                delete.setId("product-delete");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                delete.getStyle().set("margin-inline-end", "auto");
                delete.addClickListener(e -> confirmDelete());
                archive.setText(getTranslation("pricing.catalogue.product.archive"));
                archive.setId("product-archive");
                archive.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                archive.setVisible(product.isActive());
                archive.addClickListener(e -> archive());
                getFooter().add(delete, archive);
            }
            getFooter().add(close, save);
        } else {
            getFooter().add(close);
        }
    }

    void save() {
        if (!binder.writeBeanIfValid(product)) {
            Notifications.fixErrors(this, List.of(code, name, category, unit, listPrice, cost));
            return;
        }
        try {
            catalogue.save(product);
            Notifications.success(this, "pricing.catalogue.product.saved", product.getCode());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this,
                    Map.of(
                            "code", code,
                            "name", name,
                            "categoryId", category,
                            "unit", unit,
                            "listPrice", listPrice,
                            "cost", cost,
                            "description", description),
                    e);
        }
    }

    void archive() {
        if (Notifications.attempt(this, () -> catalogue.archive(product.getId()))) {
            Notifications.success(this, "pricing.catalogue.product.archived", product.getCode());
            close();
            onChange.run();
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("pricing.catalogue.product.delete-title"),
                getTranslation("pricing.catalogue.product.delete-text", product.getCode()),
                getTranslation("action.delete"),
                e -> delete());
        d.setId("product-delete-confirm");
        d.setConfirmButtonTheme("error primary");
        d.setCancelable(true);
        d.setCancelText(getTranslation("action.cancel"));
        d.open();
    }

    /** Deletes, or — when saved quotes or rules name the product — says so and offers to archive it instead. */
    void delete() {
        try {
            catalogue.delete(product.getId(), product.getVersion());
            Notifications.success(this, "pricing.catalogue.product.deleted", product.getCode());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            ConfirmDialog offer = new ConfirmDialog(
                    getTranslation("pricing.catalogue.product.cannot-delete"),
                    Notifications.describe(this, e) + " " + getTranslation("pricing.catalogue.product.archive-offer"),
                    getTranslation("pricing.catalogue.product.archive"),
                    ok -> archive());
            offer.setId("product-archive-offer");
            offer.setCancelable(true);
            offer.setCancelText(getTranslation("action.cancel"));
            offer.open();
        }
    }
}
