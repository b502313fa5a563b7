package io.keyuan.pricing.engine;

import static io.keyuan.pricing.engine.Fixtures.DAY;
import static io.keyuan.pricing.engine.Fixtures.EVERYONE_NATIONAL;
import static io.keyuan.pricing.engine.Fixtures.book;
import static io.keyuan.pricing.engine.Fixtures.one;
import static io.keyuan.pricing.engine.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per precedence step: the better rule wins, the other is beaten at exactly that step. */
class PrecedenceTests {

    private static void wins(
            QuoteContext context, int quantity, RuleSpec better, RuleSpec worse, Precedence.Step step) {
        for (PriceBook book : List.of(book(better, worse), book(worse, better))) {
            LineQuote line = one(book, context, 10, quantity);
            assertThat(line.winner()).isEqualTo(better);
            assertThat(line.unitPrice()).isEqualByComparingTo(better.value());
            assertThat(line.beaten())
                    .containsExactly(new BeatenRule(worse, BeatenRule.Reason.LOWER_PRECEDENCE, step.name()));
            assertThat(Precedence.decidingStep(book, better, worse)).isEqualTo(step);
            assertThat(Precedence.order(book).compare(better, worse)).isNegative();
        }
    }

    @Test
    void a_promotion_beats_a_regular_rule_even_on_a_narrower_scope() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(2).all().fixed("95.00").promotion().build(),
                rule(1).fixed("80.00").minQuantity(1).build(),
                Precedence.Step.PROMOTION);
    }

    @Test
    void a_product_rule_beats_a_category_rule() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(2).fixed("95.00").priority(9).build(),
                rule(1).category(3).fixed("80.00").build(),
                Precedence.Step.SCOPE);
    }

    @Test
    void a_deeper_category_beats_its_ancestor() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(2).category(2).fixed("95.00").build(),
                rule(1).category(1).fixed("80.00").build(),
                Precedence.Step.SCOPE);
    }

    @Test
    void a_category_rule_beats_a_rule_on_all_products() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(2).category(1).fixed("95.00").build(),
                rule(1).all().fixed("80.00").build(),
                Precedence.Step.SCOPE);
    }

    @Test
    void a_higher_minimum_quantity_beats_a_lower_one() {
        wins(
                EVERYONE_NATIONAL,
                10,
                rule(2).minQuantity(10).fixed("95.00").build(),
                rule(1).minQuantity(5).fixed("80.00").build(),
                Precedence.Step.MIN_QUANTITY);
    }

    @Test
    void a_city_beats_its_province_and_a_province_beats_national() {
        QuoteContext hangzhou = new QuoteContext(null, "浙江", "杭州", DAY);
        wins(
                hangzhou,
                1,
                rule(3).region("浙江", "杭州").fixed("95.00").build(),
                rule(1).region("浙江", null).fixed("80.00").build(),
                Precedence.Step.REGION);
        wins(
                hangzhou,
                1,
                rule(3).region("浙江", null).fixed("95.00").build(),
                rule(1).fixed("80.00").build(),
                Precedence.Step.REGION);
    }

    @Test
    void a_tier_rule_beats_a_rule_for_everyone() {
        wins(
                new QuoteContext(7L, null, null, DAY),
                1,
                rule(2).tier(7L).fixed("95.00").build(),
                rule(1).fixed("80.00").build(),
                Precedence.Step.TIER);
    }

    @Test
    void a_lower_priority_number_beats_a_higher_one() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(2).priority(1).fixed("95.00").build(),
                rule(1).priority(2).fixed("80.00").build(),
                Precedence.Step.PRIORITY);
    }

    @Test
    void only_the_id_decides_between_otherwise_equal_rules() {
        wins(
                EVERYONE_NATIONAL,
                1,
                rule(1).fixed("95.00").build(),
                rule(2).fixed("80.00").build(),
                Precedence.Step.ID);
    }

    @Test
    void an_earlier_step_decides_before_a_later_one() {
        // the category rule has the better priority, quantity, region and tier, but scope comes first
        QuoteContext context = new QuoteContext(7L, "浙江", "杭州", DAY);
        wins(
                context,
                10,
                rule(5).fixed("95.00").priority(9).build(),
                rule(1).category(3)
                        .minQuantity(10)
                        .region("浙江", "杭州")
                        .tier(7L)
                        .fixed("80.00")
                        .build(),
                Precedence.Step.SCOPE);
    }

    @Test
    void the_order_lists_every_step_in_the_documented_order() {
        assertThat(Precedence.STEPS)
                .containsExactly(
                        Precedence.Step.PROMOTION,
                        Precedence.Step.SCOPE,
                        Precedence.Step.MIN_QUANTITY,
                        Precedence.Step.REGION,
                        Precedence.Step.TIER,
                        Precedence.Step.PRIORITY,
                        Precedence.Step.ID);
    }
}
