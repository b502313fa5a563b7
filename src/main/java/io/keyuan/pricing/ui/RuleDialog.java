package io.keyuan.pricing.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.pricing.PickItem;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleRow;
import io.keyuan.pricing.RuleScope;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Notifications;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;

/** One price rule, every field; read-only for staff. The value's label follows the kind. */
class RuleDialog extends Dialog {
    private final PriceRuleService rules;
    private final PriceRule rule;
    private final Runnable onChange;
    final TextField code = new TextField();
    final TextField name = new TextField();
    final ComboBox<PickItem> tier = new ComboBox<>();
    final Select<RuleScope> scope = new Select<>();
    final ComboBox<PickItem> product = new ComboBox<>();
    final ComboBox<PickItem> category = new ComboBox<>();
    final IntegerField minQuantity = new IntegerField();
    final TextField province = new TextField();
    final TextField city = new TextField();
    final DatePicker validFrom = new DatePicker();
    final DatePicker validTo = new DatePicker();
    final Select<RuleKind> kind = new Select<>();
    final BigDecimalField value = new BigDecimalField();
    final Select<Rounding> rounding = new Select<>();
    final BigDecimalField minMargin = new BigDecimalField();
    final Checkbox promotion = new Checkbox();
    final IntegerField priority = new IntegerField();
    final Checkbox active = new Checkbox();
    final TextArea note = new TextArea();
    final Button save = new Button();
    private final Span valueUnit = new Span();

    RuleDialog(PriceRuleService rules, RuleRow row, boolean manager, Runnable onChange) {
        this.rules = rules;
        this.rule = row.rule();
        this.onChange = onChange;
        setId("rule-dialog");
        setWidth("min(60rem, 95vw)");
        setHeaderTitle(rule.isNew() ? getTranslation("pricing.rule.new") : rule.getCode() + " · " + rule.getName());

        code.setLabel(getTranslation("pricing.rule.field.code"));
        code.setId("rule-code");
        code.setMaxLength(PriceRule.CODE_LENGTH);
        code.setRequiredIndicatorVisible(true);
        name.setLabel(getTranslation("pricing.rule.field.name"));
        name.setId("rule-name");
        name.setMaxLength(PriceRule.NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        tier.setLabel(getTranslation("pricing.rule.field.tier"));
        tier.setId("rule-tier");
        tier.setItems(rules.tiers());
        tier.setItemLabelGenerator(PickItem::label);
        tier.setPlaceholder(getTranslation("pricing.rule.everyone"));
        tier.setClearButtonVisible(true);
        scope.setLabel(getTranslation("pricing.rule.field.scope"));
        scope.setId("rule-scope");
        scope.setItems(RuleScope.values());
        scope.setItemLabelGenerator(s -> getTranslation("pricing.rule.scope." + s.name()));
        product.setLabel(getTranslation("pricing.rule.field.product"));
        product.setId("rule-product");
        product.setItems(
                q -> rules.products(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream(),
                q -> rules.countProducts(q.getFilter().orElse("")));
        product.setItemLabelGenerator(PickItem::label);
        category.setLabel(getTranslation("pricing.rule.field.category"));
        category.setId("rule-category");
        category.setItems(
                q -> rules.categories(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream(),
                q -> rules.countCategories(q.getFilter().orElse("")));
        category.setItemLabelGenerator(PickItem::label);
        minQuantity.setLabel(getTranslation("pricing.rule.field.min-quantity"));
        minQuantity.setId("rule-min-quantity");
        minQuantity.setMin(1);
        minQuantity.setStepButtonsVisible(true);
        province.setLabel(getTranslation("pricing.rule.field.province"));
        province.setId("rule-province");
        province.setMaxLength(PriceRule.REGION_LENGTH);
        city.setLabel(getTranslation("pricing.rule.field.city"));
        city.setId("rule-city");
        city.setMaxLength(PriceRule.REGION_LENGTH);
        validFrom.setLabel(getTranslation("pricing.rule.field.valid-from"));
        validFrom.setId("rule-valid-from");
        validFrom.setI18n(DatePickers.i18n(this));
        validTo.setLabel(getTranslation("pricing.rule.field.valid-to"));
        validTo.setId("rule-valid-to");
        validTo.setI18n(DatePickers.i18n(this));
        kind.setLabel(getTranslation("pricing.rule.field.kind"));
        kind.setId("rule-kind");
        kind.setItems(RuleKind.values());
        kind.setItemLabelGenerator(k -> getTranslation("pricing.rule.kind." + k.name()));
        value.setId("rule-value");
        value.setSuffixComponent(valueUnit);
        rounding.setLabel(getTranslation("pricing.rule.field.rounding"));
        rounding.setId("rule-rounding");
        rounding.setItems(Rounding.values());
        rounding.setItemLabelGenerator(r -> getTranslation("pricing.rule.rounding." + r.name()));
        minMargin.setLabel(getTranslation("pricing.rule.field.margin"));
        minMargin.setId("rule-margin");
        minMargin.setSuffixComponent(new Span("%"));
        promotion.setLabel(getTranslation("pricing.rule.field.promotion"));
        promotion.setId("rule-promotion");
        priority.setLabel(getTranslation("pricing.rule.field.priority"));
        priority.setId("rule-priority");
        priority.setHelperText(getTranslation("pricing.rule.priority-help"));
        active.setLabel(getTranslation("pricing.rule.active"));
        active.setId("rule-active");
        note.setLabel(getTranslation("pricing.rule.field.note"));
        note.setId("rule-note");
        note.setMaxLength(PriceRule.NOTE_LENGTH);

        read(row);
        scope.addValueChangeListener(e -> scopeChanged());
        kind.addValueChangeListener(e -> kindChanged());
        scopeChanged();
        kindChanged();

        // Two columns of pairs (product or category, whichever the scope shows, beside the minimum quantity); the
        // two switches share the last slot so that no pair is split.
        HorizontalLayout flags = new HorizontalLayout(promotion, active);
        flags.setAlignItems(FlexComponent.Alignment.CENTER);
        flags.getStyle().set("align-self", "end");
        FormLayout form = new FormLayout(
                code,
                name,
                tier,
                scope,
                product,
                category,
                minQuantity,
                province,
                city,
                validFrom,
                validTo,
                kind,
                value,
                rounding,
                minMargin,
                priority,
                flags,
                note);
        form.setColspan(note, 2);
        add(form);
        fields().values().forEach(f -> ((com.vaadin.flow.component.HasValue<?, ?>) f).setReadOnly(!manager));

        Button close = new Button(getTranslation(manager ? "action.cancel" : "action.close"), e -> close());
        close.setId("rule-close");
        if (manager) {
            save.setText(getTranslation("action.save"));
            save.setId("rule-save");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(e -> save());
            if (!rule.isNew()) {
                Button delete = new Button(getTranslation("action.delete"), e -> confirmDelete());
                delete.setId("rule-delete");
                delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                delete.getStyle().set("margin-inline-end", "auto");
                getFooter().add(delete);
            }
            getFooter().add(close, save);
        } else {
            getFooter().add(close);
        }
    }

    /** The form's fields by the names the service refuses them with. */
    Map<String, HasValidation> fields() {
        return Map.ofEntries(
                Map.entry("code", code),
                Map.entry("name", name),
                Map.entry("tier", tier),
                Map.entry("scope", scope),
                Map.entry("product", product),
                Map.entry("category", category),
                Map.entry("minQuantity", minQuantity),
                Map.entry("province", province),
                Map.entry("city", city),
                Map.entry("validFrom", validFrom),
                Map.entry("validTo", validTo),
                Map.entry("kind", kind),
                Map.entry("value", value),
                Map.entry("rounding", rounding),
                Map.entry("minMarginPercent", minMargin),
                Map.entry("priority", priority),
                Map.entry("note", note));
    }

    private void read(RuleRow row) {
        PriceRule r = row.rule();
        code.setValue(r.getCode() == null ? "" : r.getCode());
        name.setValue(r.getName() == null ? "" : r.getName());
        tier.setValue(row.tier());
        scope.setValue(r.getScope() == null ? RuleScope.ALL : r.getScope());
        product.setValue(row.product());
        category.setValue(row.category());
        minQuantity.setValue(r.getMinQuantity());
        province.setValue(r.getProvince() == null ? "" : r.getProvince());
        city.setValue(r.getCity() == null ? "" : r.getCity());
        validFrom.setValue(r.getValidFrom());
        validTo.setValue(r.getValidTo());
        kind.setValue(r.getKind() == null ? RuleKind.PERCENT_OFF : r.getKind());
        value.setValue(r.getValue());
        rounding.setValue(r.getRounding() == null ? Rounding.CENT : r.getRounding());
        minMargin.setValue(r.getMinMarginPercent());
        promotion.setValue(r.isPromotion());
        priority.setValue(r.getPriority());
        active.setValue(r.isActive());
        note.setValue(r.getNote() == null ? "" : r.getNote());
    }

    private void write() {
        rule.setCode(code.getValue());
        rule.setName(name.getValue());
        rule.setTierId(tier.getValue() == null ? null : tier.getValue().id());
        rule.setScope(scope.getValue());
        rule.setProductId(product.getValue() == null ? null : product.getValue().id());
        rule.setCategoryId(
                category.getValue() == null ? null : category.getValue().id());
        rule.setMinQuantity(minQuantity.getValue() == null ? 0 : minQuantity.getValue());
        rule.setProvince(province.getValue());
        rule.setCity(city.getValue());
        rule.setValidFrom(validFrom.getValue());
        rule.setValidTo(validTo.getValue());
        rule.setKind(kind.getValue());
        rule.setValue(value.getValue());
        rule.setRounding(rounding.getValue());
        rule.setMinMarginPercent(minMargin.getValue());
        rule.setPromotion(promotion.getValue());
        rule.setPriority(priority.getValue() == null ? 100 : priority.getValue());
        rule.setActive(active.getValue());
        rule.setNote(note.getValue());
    }

    private void scopeChanged() {
        product.setVisible(scope.getValue() == RuleScope.PRODUCT);
        category.setVisible(scope.getValue() == RuleScope.CATEGORY);
    }

    private void kindChanged() {
        RuleKind k = kind.getValue() == null ? RuleKind.PERCENT_OFF : kind.getValue();
        value.setLabel(getTranslation("pricing.rule.value-label." + k.name()));
        valueUnit.setText(getTranslation("pricing.rule.value-unit." + k.name()));
    }

    void save() {
        fields().values().forEach(f -> f.setInvalid(false));
        write();
        try {
            rules.save(rule);
            Notifications.success(this, "pricing.rule.saved", rule.getCode());
            close();
            onChange.run();
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } catch (KeyuanException e) {
            Notifications.showOnField(this, fields(), e);
        } catch (AccessDeniedException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }

    private void confirmDelete() {
        ConfirmDialog d = new ConfirmDialog(
                getTranslation("pricing.rule.delete.title"),
                getTranslation("pricing.rule.delete.text", rule.getCode()),
                getTranslation("action.delete"),
                e -> {
                    if (Notifications.attempt(this, () -> rules.delete(rule.getId(), rule.getVersion()))) {
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
