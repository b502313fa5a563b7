package io.keyuan.pricing.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.pricing.BundleDraft;
import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.BundleRow;
import io.keyuan.pricing.BundleService;
import io.keyuan.pricing.PickItem;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Notifications;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One bundle with its items editor (product and quantity); read-only for staff. */
class BundleDialog extends Dialog {
    private final BundleService bundles;
    private final BundleRow row;
    private final Runnable onChange;
    final TextField code = new TextField();
    final TextField name = new TextField();
    final ComboBox<PickItem> tier = new ComboBox<>();
    final Select<BundleKind> kind = new Select<>();
    final BigDecimalField value = new BigDecimalField();
    final DatePicker validFrom = new DatePicker();
    final DatePicker validTo = new DatePicker();
    final Checkbox active = new Checkbox();
    final Items items = new Items();
    final Grid<BundleRow.Line> itemGrid = new Grid<>();
    final ComboBox<PickItem> itemProduct = new ComboBox<>();
    final IntegerField itemQuantity = new IntegerField();
    final Button addItem = new Button();
    final Button save = new Button();
    final List<BundleRow.Line> lines = new ArrayList<>();

    /** The items as one field, so that a refusal on "items" shows under the list. */
    static class Items extends CustomField<String> {
        @Override
        protected String generateModelValue() {
            return "";
        }

        @Override
        protected void setPresentationValue(String v) {}

        void setContent(com.vaadin.flow.component.Component content) {
            add(content);
        }
    }

    BundleDialog(BundleService bundles, PriceRuleService rules, BundleRow row, boolean manager, Runnable onChange) {
        this.bundles = bundles;
        this.row = row;
        this.onChange = onChange;
        setId("bundle-dialog");
        setWidth("min(52rem, 95vw)");
        setHeaderTitle(row == null ? getTranslation("pricing.bundle.new") : row.code() + " · " + row.name());

        code.setLabel(getTranslation("pricing.rule.field.code"));
        code.setId("bundle-code");
        name.setLabel(getTranslation("pricing.rule.field.name"));
        name.setId("bundle-name");
        tier.setLabel(getTranslation("pricing.rule.field.tier"));
        tier.setId("bundle-tier");
        tier.setItems(rules.tiers());
        tier.setItemLabelGenerator(PickItem::label);
        tier.setPlaceholder(getTranslation("pricing.rule.everyone"));
        tier.setClearButtonVisible(true);
        kind.setLabel(getTranslation("pricing.bundle.field.kind"));
        kind.setId("bundle-kind");
        kind.setItems(BundleKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("pricing.bundle.kind." + k.name()));
        kind.addValueChangeListener(e -> value.setLabel(getTranslation(
                "pricing.bundle.value-label." + (e.getValue() == null ? BundleKind.PRICE : e.getValue()).name())));
        value.setId("bundle-value");
        validFrom.setLabel(getTranslation("pricing.rule.field.valid-from"));
        validFrom.setId("bundle-valid-from");
        validFrom.setI18n(DatePickers.i18n(this));
        validTo.setLabel(getTranslation("pricing.rule.field.valid-to"));
        validTo.setId("bundle-valid-to");
        validTo.setI18n(DatePickers.i18n(this));
        active.setLabel(getTranslation("pricing.rule.active"));
        active.setId("bundle-active");

        itemGrid.setId("bundle-items");
        itemGrid.setHeight("12rem");
        itemGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
        itemGrid.setEmptyStateText(getTranslation("pricing.bundle.items.empty"));
        itemGrid.addColumn(l -> l.product().label()).setHeader(getTranslation("pricing.rule.field.product"));
        itemGrid.addColumn(BundleRow.Line::quantity).setHeader(getTranslation("pricing.bundle.field.quantity"));
        if (manager) {
            itemGrid.addComponentColumn(l -> {
                        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
                            lines.remove(l);
                            itemGrid.setItems(lines);
                        });
                        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                        remove.setAriaLabel(getTranslation("action.delete"));
                        return remove;
                    })
                    .setFlexGrow(0)
                    .setWidth("4rem");
        }
        items.setLabel(getTranslation("pricing.bundle.field.items"));
        items.setId("bundle-items-field");
        VerticalLayout itemBox = new VerticalLayout(itemGrid);
        itemBox.setPadding(false);
        if (manager) {
            itemProduct.setLabel(getTranslation("pricing.rule.field.product"));
            itemProduct.setId("bundle-item-product");
            itemProduct.setItems(
                    q -> rules.products(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream(),
                    q -> rules.countProducts(q.getFilter().orElse("")));
            itemProduct.setItemLabelGenerator(PickItem::label);
            itemQuantity.setLabel(getTranslation("pricing.bundle.field.quantity"));
            itemQuantity.setId("bundle-item-quantity");
            itemQuantity.setMin(1);
            itemQuantity.setValue(1);
            addItem.setText(getTranslation("pricing.bundle.items.add"));
            addItem.setId("bundle-item-add");
            addItem.addClickListener(e -> addLine());
            HorizontalLayout adder = new HorizontalLayout(itemProduct, itemQuantity, addItem);
            adder.setAlignItems(FlexComponent.Alignment.BASELINE);
            itemBox.add(adder);
        }
        items.setContent(itemBox);

        if (row != null) {
            code.setValue(row.code());
            name.setValue(row.name());
            tier.setValue(row.tier());
            kind.setValue(row.kind());
            value.setValue(row.value());
            validFrom.setValue(row.validFrom());
            validTo.setValue(row.validTo());
            active.setValue(row.active());
            lines.addAll(row.items());
        } else {
            kind.setValue(BundleKind.PRICE);
            active.setValue(true);
        }
        itemGrid.setItems(lines);

        FormLayout form = new FormLayout(code, name, tier, kind, value, active, validFrom, validTo, items);
        form.setColspan(items, 2);
        add(form);
        fields().values().forEach(f -> ((com.vaadin.flow.component.HasValue<?, ?>) f).setReadOnly(!manager));

        Button close = new Button(getTranslation(manager ? "action.cancel" : "action.close"), e -> close());
        close.setId("bundle-close");
        if (manager) {
            save.setText(getTranslation("action.save"));
            save.setId("bundle-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            if (row != null) {
                Button delete = new Button(getTranslation("action.delete"), e -> confirmDelete());
                delete.setId("bundle-delete");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                delete.getStyle().set("margin-inline-end", "auto");
                getFooter().add(delete);
            }
            getFooter().add(close, save);
        } else {
            getFooter().add(close);
        }
    }

    Map<String, HasValidation> fields() {
        return Map.of(
                "code", code,
                "name", name,
                "tier", tier,
                "kind", kind,
                "value", value,
                "validFrom", validFrom,
                "validTo", validTo,
                "items", items);
    }

    void addLine() {
        PickItem p = itemProduct.getValue();
        Integer q = itemQuantity.getValue();
        if (p == null) {
            itemProduct.setErrorMessage(getTranslation("validation.required"));
            itemProduct.setInvalid(true);
            return;
        }
        itemProduct.setInvalid(false);
        lines.removeIf(l -> l.product().id() == p.id());
        lines.add(new BundleRow.Line(p, q == null ? 1 : q));
        itemGrid.setItems(lines);
        itemProduct.clear();
        itemQuantity.setValue(1);
    }

    void save() {
        fields().values().forEach(f -> f.setInvalid(false));
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        lines.forEach(l -> quantities.put(l.product().id(), l.quantity()));
        BundleDraft draft = new BundleDraft(
                row == null ? null : row.id(),
                row == null ? 0 : row.version(),
                code.getValue(),
                name.getValue(),
                tier.getValue() == null ? null : tier.getValue().id(),
                kind.getValue(),
                value.getValue(),
                validFrom.getValue(),
                validTo.getValue(),
                active.getValue(),
                quantities);
        try {
            BundleRow saved = bundles.save(draft);
            Notifications.success(this, "pricing.bundle.saved", saved.code());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(this, fields(), e);
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("pricing.bundle.delete.title"),
                getTranslation("pricing.bundle.delete.text", row.code()),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> bundles.delete(row.id(), row.version()))) {
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
