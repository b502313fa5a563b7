package io.keyuan.pricing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.pricing.PickItem;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.pricing.RuleFilter;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleRow;
import io.keyuan.pricing.RuleScope;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.pricing.engine.Precedence;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * The price rules with, next to them, the precedence the quote engine applies (Precedence.STEPS). Managers edit
 * rules in a dialog; {@code rules/<id>} opens that rule.
 */
@Route("rules")
@Menu(title = "pricing.nav.rules", order = 52, icon = "vaadin:list-ol")
@RolesAllowed(Roles.STAFF)
public class RuleListView extends VerticalLayout implements HasDynamicTitle, HasUrlParameter<Long> {
    /** The pseudo tier of the filter that means the rules for everyone. */
    static final PickItem EVERYONE = new PickItem(-1, "", "");

    private final PriceRuleService rules;
    private final boolean manager;
    final Grid<RuleRow> grid = new Grid<>();
    final TextField text = new TextField();
    final ComboBox<PickItem> tier = new ComboBox<>();
    final Select<RuleScope> scope = new Select<>();
    final Select<RuleKind> kind = new Select<>();
    final Checkbox promotionOnly = new Checkbox();
    final Select<Boolean> active = new Select<>();
    final DatePicker validOn = new DatePicker();
    final Div precedence = new Div();
    final Button create = new Button();

    public RuleListView(PriceRuleService rules, AuthenticationContext auth) {
        this.rules = rules;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("pricing.rule.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("rule-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickListener(e -> edit(new RuleRow(new PriceRule(), null, null, null)));

        text.setId("rule-filter-text");
        text.setPlaceholder(getTranslation("pricing.rule.filter.text"));
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.addValueChangeListener(e -> refresh());
        tier.setId("rule-filter-tier");
        tier.setPlaceholder(getTranslation("pricing.rule.filter.tier"));
        tier.setClearButtonVisible(true);
        List<PickItem> tiers = new java.util.ArrayList<>();
        tiers.add(EVERYONE);
        tiers.addAll(rules.tiers());
        tier.setItems(tiers);
        tier.setItemLabelGenerator(this::tierLabel);
        tier.addValueChangeListener(e -> refresh());
        scope.setId("rule-filter-scope");
        scope.setItems(RuleScope.values());
        scope.setEmptySelectionAllowed(true);
        scope.setItemLabelGenerator(s -> s == null ? getTranslation("pricing.rule.filter.any-scope") : scopeLabel(s));
        scope.addValueChangeListener(e -> refresh());
        kind.setId("rule-filter-kind");
        kind.setItems(RuleKind.values());
        kind.setEmptySelectionAllowed(true);
        kind.setItemLabelGenerator(k -> k == null ? getTranslation("pricing.rule.filter.any-kind") : kindLabel(k));
        kind.addValueChangeListener(e -> refresh());
        promotionOnly.setId("rule-filter-promotion");
        promotionOnly.setLabel(getTranslation("pricing.rule.filter.promotion"));
        promotionOnly.addValueChangeListener(e -> refresh());
        active.setId("rule-filter-active");
        active.setItems(Boolean.TRUE, Boolean.FALSE);
        active.setEmptySelectionAllowed(true);
        active.setItemLabelGenerator(b -> b == null
                ? getTranslation("filter.all")
                : getTranslation(b ? "pricing.rule.active" : "pricing.rule.inactive"));
        active.addValueChangeListener(e -> refresh());
        validOn.setId("rule-filter-valid-on");
        validOn.setPlaceholder(getTranslation("pricing.rule.filter.valid-on"));
        validOn.setClearButtonVisible(true);
        validOn.addValueChangeListener(e -> refresh());
        HorizontalLayout toolbar =
                new HorizontalLayout(create, text, tier, scope, kind, active, validOn, promotionOnly);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        grid.setId("rule-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("pricing.rule.empty"));
        grid.addColumn(r -> r.rule().getCode())
                .setHeader(getTranslation("pricing.rule.field.code"))
                .setKey("code")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> r.rule().getName())
                .setHeader(getTranslation("pricing.rule.field.name"))
                .setKey("name")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(r -> r.tier() == null
                        ? getTranslation("pricing.rule.everyone")
                        : r.tier().name())
                .setHeader(getTranslation("pricing.rule.field.tier"))
                .setAutoWidth(true);
        grid.addColumn(this::scopeText)
                .setHeader(getTranslation("pricing.rule.field.scope"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.rule().getMinQuantity())
                .setHeader(getTranslation("pricing.rule.field.min-quantity"))
                .setKey("minQuantity")
                .setSortable(true);
        grid.addColumn(r -> region(r.rule()))
                .setHeader(getTranslation("pricing.rule.field.region"))
                .setAutoWidth(true);
        grid.addColumn(r -> validity(r.rule()))
                .setHeader(getTranslation("pricing.rule.field.validity"))
                .setAutoWidth(true);
        grid.addColumn(r -> valueText(r.rule()))
                .setHeader(getTranslation("pricing.rule.field.value"))
                .setAutoWidth(true);
        grid.addColumn(r -> getTranslation(
                        "pricing.rule.rounding." + r.rule().getRounding().name()))
                .setHeader(getTranslation("pricing.rule.field.rounding"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.rule().getMinMarginPercent() == null
                        ? ""
                        : r.rule().getMinMarginPercent().stripTrailingZeros().toPlainString() + " %")
                .setHeader(getTranslation("pricing.rule.field.margin"))
                .setAutoWidth(true);
        grid.addComponentColumn(r -> {
                    Span badge = new Span(r.rule().isPromotion() ? getTranslation("pricing.rule.promotion") : "");
                    if (r.rule().isPromotion()) {
                        badge.getElement().getThemeList().add("badge success");
                    }
                    return badge;
                })
                .setHeader(getTranslation("pricing.rule.field.promotion"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.rule().getPriority())
                .setHeader(getTranslation("pricing.rule.field.priority"))
                .setKey("priority")
                .setSortable(true);
        grid.addColumn(r -> getTranslation(r.rule().isActive() ? "pricing.rule.active" : "pricing.rule.inactive"))
                .setHeader(getTranslation("pricing.rule.field.active"))
                .setKey("active")
                .setSortable(true);
        grid.setItems(q -> rules.page(filter(), VaadinSpringDataHelpers.toSpringPageRequest(q)).stream(), q ->
                (int) rules.count(filter()));
        grid.addItemClickListener(e -> edit(rules.row(e.getItem().rule().getId())));

        buildPrecedence();
        HorizontalLayout body = new HorizontalLayout(grid, precedence);
        body.setSizeFull();
        body.setFlexGrow(1, grid);
        add(toolbar, body);
    }

    private void buildPrecedence() {
        precedence.setId("rule-precedence");
        precedence.setWidth("18rem");
        precedence.getStyle().set("flex-shrink", "0");
        OrderedList steps = new OrderedList();
        for (Precedence.Step step : Precedence.STEPS) {
            ListItem item = new ListItem(getTranslation("pricing.precedence.step." + step.name()));
            item.setId("rule-precedence-" + step.name());
            steps.add(item);
        }
        precedence.add(
                new H4(getTranslation("pricing.precedence.title")),
                new Span(getTranslation("pricing.precedence.intro")),
                steps);
    }

    RuleFilter filter() {
        PickItem t = tier.getValue();
        return new RuleFilter(
                text.getValue(),
                t == null || t.equals(EVERYONE) ? null : t.id(),
                EVERYONE.equals(t),
                scope.getValue(),
                kind.getValue(),
                promotionOnly.getValue() ? Boolean.TRUE : null,
                active.getValue(),
                validOn.getValue());
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
        // auto widths are measured on the first rows the grid got; a filter or a new row brings longer codes
        grid.recalculateColumnWidths();
    }

    void edit(RuleRow row) {
        new RuleDialog(rules, row, manager, this::refresh).open();
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long id) {
        if (id == null) {
            return;
        }
        rules.find(id)
                .ifPresentOrElse(
                        r -> edit(rules.row(id)),
                        () -> Notifications.error(this, getTranslation("pricing.rule.not-found", id)));
    }

    private String tierLabel(PickItem t) {
        return t.equals(EVERYONE) ? getTranslation("pricing.rule.everyone") : t.label();
    }

    String scopeLabel(RuleScope s) {
        return getTranslation("pricing.rule.scope." + s.name());
    }

    String kindLabel(RuleKind k) {
        return getTranslation("pricing.rule.kind." + k.name());
    }

    private String scopeText(RuleRow r) {
        return switch (r.rule().getScope()) {
            case ALL -> scopeLabel(RuleScope.ALL);
            case CATEGORY ->
                scopeLabel(RuleScope.CATEGORY) + " · "
                        + (r.category() == null ? "?" : r.category().name());
            case PRODUCT ->
                scopeLabel(RuleScope.PRODUCT) + " · "
                        + (r.product() == null ? "?" : r.product().name());
        };
    }

    private String region(PriceRule r) {
        if (r.getProvince() == null) {
            return getTranslation("pricing.rule.national");
        }
        return r.getCity() == null ? r.getProvince() : r.getProvince() + " " + r.getCity();
    }

    private String validity(PriceRule r) {
        if (r.getValidFrom() == null && r.getValidTo() == null) {
            return getTranslation("pricing.rule.always");
        }
        return (r.getValidFrom() == null ? "…" : Formats.date(r.getValidFrom())) + " – "
                + (r.getValidTo() == null ? "…" : Formats.date(r.getValidTo()));
    }

    String valueText(PriceRule r) {
        String v = r.getValue() == null ? "" : r.getValue().stripTrailingZeros().toPlainString();
        return getTranslation("pricing.rule.value." + r.getKind().name(), v);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.nav.rules");
    }
}
