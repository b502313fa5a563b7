package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import io.keyuan.TestData;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.pricing.PricingRows;
import io.keyuan.pricing.RuleFilter;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.pricing.engine.Precedence;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class RuleListViewTest extends KeyuanViewTest {
    @Autowired
    PriceRuleService rules;

    @Autowired
    JdbcTemplate jdbc;

    private RuleListView view() {
        return $(RuleListView.class).single();
    }

    private PriceRule existing() {
        PriceRule r = new PriceRule();
        r.setCode("V-" + TestData.unique());
        r.setName("视图规则 " + unique());
        r.setScope(RuleScope.ALL);
        r.setKind(RuleKind.PERCENT_OFF);
        r.setValue(new BigDecimal("15"));
        return SystemActor.call(() -> rules.save(r));
    }

    @Test
    @AsStaff
    void the_precedence_is_shown_next_to_the_rules_in_seven_steps() {
        navigate(RuleListView.class);
        assertThat(view().precedence.isVisible()).isTrue();
        assertThat(view().precedence.getChildren().anyMatch(c -> c.getParent().isPresent()))
                .isTrue();
        for (Precedence.Step step : Precedence.STEPS) {
            ListItem item = $(ListItem.class).id("rule-precedence-" + step.name());
            assertThat(item.getText()).isEqualTo(t("pricing.precedence.step." + step.name()));
        }
        assertThat(Precedence.STEPS).hasSize(7);
    }

    @Test
    @AsStaff
    void staff_sees_rules_read_only_without_a_new_button() {
        PriceRule rule = existing();
        navigate(RuleListView.class);
        assertThat(view().create.isVisible()).isFalse();
        test(view().text).setValue(rule.getCode());
        assertThat(test(view().grid).size()).isEqualTo(1);
        test(view().grid).clickRow(0);
        RuleDialog dialog = $(RuleDialog.class).single();
        assertThat(dialog.code.isReadOnly()).isTrue();
        assertThat(dialog.value.isReadOnly()).isTrue();
        assertThat($(Button.class).withId("rule-save").exists()).isFalse();
        assertThat($(Button.class).withId("rule-delete").exists()).isFalse();
    }

    @Test
    @AsManager
    void manager_creates_a_product_rule_with_the_picker() {
        String u = TestData.unique();
        long category = PricingRows.category(jdbc, "C-" + u);
        long product = PricingRows.product(jdbc, "P-" + u, category, "10.00", "5.00");
        navigate(RuleListView.class);
        test(view().create).click();
        RuleDialog dialog = $(RuleDialog.class).single();
        String code = "NEW-" + u;
        test(dialog.code).setValue(code);
        test(dialog.name).setValue("新规则");
        test(dialog.scope).selectItem(t("pricing.rule.scope.PRODUCT"));
        assertThat(dialog.product.isVisible()).isTrue();
        assertThat(dialog.category.isVisible()).isFalse();
        dialog.product.setValue(SystemActor.call(() -> rules.product(product)).orElseThrow());
        test(dialog.kind).selectItem(t("pricing.rule.kind.FIXED_PRICE"));
        assertThat(dialog.value.getLabel()).isEqualTo(t("pricing.rule.value-label.FIXED_PRICE"));
        test(dialog.value).setValue(new BigDecimal("8.80"));
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        PriceRule saved = SystemActor.call(
                        () -> rules.page(RuleFilter.text(code), org.springframework.data.domain.Pageable.ofSize(5)))
                .getFirst()
                .rule();
        assertThat(saved.getProductId()).isEqualTo(product);
        assertThat(saved.getValue()).isEqualByComparingTo("8.80");
    }

    @Test
    @AsManager
    void a_refusal_appears_on_its_field() {
        navigate(RuleListView.class);
        test(view().create).click();
        RuleDialog dialog = $(RuleDialog.class).single();
        test(dialog.code).setValue("BAD-" + TestData.unique());
        test(dialog.name).setValue("坏日期");
        dialog.validFrom.setValue(LocalDate.of(2026, 6, 2));
        dialog.validTo.setValue(LocalDate.of(2026, 6, 1));
        test(dialog.value).setValue(new BigDecimal("5"));
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.validTo.isInvalid()).isTrue();
        assertThat(dialog.validTo.getErrorMessage())
                .isEqualTo(t("pricing.rule.error.dates", LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 1)));

        dialog.validTo.setValue(null);
        test(dialog.value).setValue(new BigDecimal("120"));
        test(dialog.save).click();
        assertThat(dialog.value.isInvalid()).isTrue();
        assertThat(dialog.value.getErrorMessage()).isEqualTo(t("pricing.rule.error.percent-over-100"));
    }

    @Test
    @AsManager
    void rules_slash_id_opens_that_rule_for_editing() {
        PriceRule rule = existing();
        navigate("rules/" + rule.getId(), RuleListView.class);
        RuleDialog dialog = $(RuleDialog.class).single();
        assertThat(dialog.code.getValue()).isEqualTo(rule.getCode());
        assertThat(dialog.code.isReadOnly()).isFalse();
        test(dialog.name).setValue("改过的名字");
        test(dialog.save).click();
        assertThat(SystemActor.call(() -> rules.get(rule.getId())).getName()).isEqualTo("改过的名字");
    }
}
