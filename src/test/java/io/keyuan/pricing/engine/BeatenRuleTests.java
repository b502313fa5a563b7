package io.keyuan.pricing.engine;

import static io.keyuan.pricing.engine.Fixtures.DAY;
import static io.keyuan.pricing.engine.Fixtures.book;
import static io.keyuan.pricing.engine.Fixtures.one;
import static io.keyuan.pricing.engine.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each reason a rule on the line's product did not apply, with the detail it names. */
class BeatenRuleTests {
    private static final QuoteContext TIER_7_HANGZHOU = new QuoteContext(7L, "浙江", "杭州", DAY);

    private static BeatenRule onlyBeaten(RuleSpec rule, int quantity) {
        LineQuote line = one(book(rule), TIER_7_HANGZHOU, 10, quantity);
        assertThat(line.winner()).isNull();
        assertThat(line.beaten()).hasSize(1);
        return line.beaten().getFirst();
    }

    @Test
    void a_rule_for_another_tier_names_that_tier() {
        RuleSpec rule = rule(1).tier(8L).build();
        assertThat(onlyBeaten(rule, 1)).isEqualTo(new BeatenRule(rule, BeatenRule.Reason.OTHER_TIER, "8"));
    }

    @Test
    void a_tier_rule_does_not_apply_to_a_quote_without_tier() {
        RuleSpec rule = rule(1).tier(8L).build();
        LineQuote line = one(book(rule), new QuoteContext(null, null, null, DAY), 10, 1);
        assertThat(line.beaten()).containsExactly(new BeatenRule(rule, BeatenRule.Reason.OTHER_TIER, "8"));
    }

    @Test
    void a_minimum_quantity_not_reached_names_the_minimum() {
        RuleSpec rule = rule(1).minQuantity(10).build();
        assertThat(onlyBeaten(rule, 9)).isEqualTo(new BeatenRule(rule, BeatenRule.Reason.MIN_QUANTITY, "10"));
        assertThat(one(book(rule), TIER_7_HANGZHOU, 10, 10).winner()).isEqualTo(rule);
    }

    @Test
    void a_rule_not_yet_valid_names_its_first_day() {
        RuleSpec rule = rule(1).dates("2026-07-01", null).build();
        assertThat(onlyBeaten(rule, 1)).isEqualTo(new BeatenRule(rule, BeatenRule.Reason.NOT_YET_VALID, "2026-07-01"));
    }

    @Test
    void an_expired_rule_names_its_last_day() {
        RuleSpec rule = rule(1).dates(null, "2026-05-31").build();
        assertThat(onlyBeaten(rule, 1)).isEqualTo(new BeatenRule(rule, BeatenRule.Reason.EXPIRED, "2026-05-31"));
    }

    @Test
    void the_first_and_last_days_are_inclusive() {
        RuleSpec rule = rule(1).dates("2026-06-15", "2026-06-15").build();
        assertThat(one(book(rule), TIER_7_HANGZHOU, 10, 1).winner()).isEqualTo(rule);
    }

    @Test
    void a_rule_for_another_city_or_province_names_it() {
        RuleSpec ningbo = rule(1).region("浙江", "宁波").build();
        assertThat(onlyBeaten(ningbo, 1)).isEqualTo(new BeatenRule(ningbo, BeatenRule.Reason.OUTSIDE_REGION, "宁波"));
        RuleSpec jiangsu = rule(2).region("江苏", null).build();
        assertThat(onlyBeaten(jiangsu, 1)).isEqualTo(new BeatenRule(jiangsu, BeatenRule.Reason.OUTSIDE_REGION, "江苏"));
    }

    @Test
    void the_first_failing_reason_is_taken_in_the_order_tier_region_date_quantity() {
        RuleSpec all = rule(1).tier(8L)
                .region("江苏", null)
                .dates(null, "2026-01-01")
                .minQuantity(99)
                .build();
        assertThat(onlyBeaten(all, 1).reason()).isEqualTo(BeatenRule.Reason.OTHER_TIER);
        RuleSpec noTier = rule(2).region("江苏", null)
                .dates(null, "2026-01-01")
                .minQuantity(99)
                .build();
        assertThat(onlyBeaten(noTier, 1).reason()).isEqualTo(BeatenRule.Reason.OUTSIDE_REGION);
        RuleSpec dated = rule(3).dates(null, "2026-01-01").minQuantity(99).build();
        assertThat(onlyBeaten(dated, 1).reason()).isEqualTo(BeatenRule.Reason.EXPIRED);
    }

    @Test
    void only_rules_whose_scope_covers_the_product_are_listed_best_first() {
        RuleSpec winner = rule(1).fixed("70.00").build();
        RuleSpec onCategory = rule(2).category(1).fixed("75.00").build();
        RuleSpec otherProduct = rule(3).product(11).build();
        RuleSpec otherCategory = rule(4).category(4).build();
        RuleSpec expiredProduct = rule(5).dates(null, "2026-01-31").build();
        LineQuote line =
                one(book(otherCategory, onCategory, otherProduct, expiredProduct, winner), TIER_7_HANGZHOU, 10, 1);
        assertThat(line.winner()).isEqualTo(winner);
        assertThat(line.beaten())
                .containsExactly(
                        new BeatenRule(expiredProduct, BeatenRule.Reason.EXPIRED, "2026-01-31"),
                        new BeatenRule(onCategory, BeatenRule.Reason.LOWER_PRECEDENCE, "SCOPE"));
    }
}
