package io.keyuan.pricing.engine;

import static io.keyuan.pricing.engine.Fixtures.DAY;
import static io.keyuan.pricing.engine.Fixtures.EVERYONE_NATIONAL;
import static io.keyuan.pricing.engine.Fixtures.book;
import static io.keyuan.pricing.engine.Fixtures.one;
import static io.keyuan.pricing.engine.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteEngineTests {

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    // ---- kinds ----

    @Test
    void fixed_price_is_the_value() {
        LineQuote line = one(book(rule(1).fixed("88.88").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("88.88"));
        assertThat(line.winner().id()).isEqualTo(1);
        assertThat(line.guardApplied()).isFalse();
    }

    @Test
    void percent_off_takes_the_percentage_off_list() {
        LineQuote line = one(book(rule(1).price(RuleKind.PERCENT_OFF, "15").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("85.00"));
        // 50.00 x (1 - 12.5 / 100) = 43.75
        LineQuote other =
                one(book(rule(1).product(11).price(RuleKind.PERCENT_OFF, "12.5").build()), EVERYONE_NATIONAL, 11, 1);
        assertThat(other.unitPrice()).isEqualTo(money("43.75"));
    }

    @Test
    void percent_off_rounds_half_up_to_the_cent() {
        // 30.00 x (1 - 33.35 / 100) = 19.995 -> 20.00
        LineQuote line = one(
                book(rule(1).product(12).price(RuleKind.PERCENT_OFF, "33.35").build()), EVERYONE_NATIONAL, 12, 1);
        assertThat(line.unitPrice()).isEqualTo(money("20.00"));
    }

    @Test
    void amount_off_takes_yuan_off_list() {
        LineQuote line = one(book(rule(1).price(RuleKind.AMOUNT_OFF, "30").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("70.00"));
    }

    @Test
    void amount_off_beyond_the_list_price_stops_at_zero() {
        LineQuote line = one(book(rule(1).price(RuleKind.AMOUNT_OFF, "150").build()), EVERYONE_NATIONAL, 10, 2);
        assertThat(line.unitPrice()).isEqualTo(money("0.00"));
        assertThat(line.lineTotal()).isEqualTo(money("0.00"));
        assertThat(line.marginPercent()).isNull();
        assertThat(line.warnings()).contains(Warning.of(QuoteEngine.BELOW_COST, "P10", "0.00", "60.00"));
    }

    @Test
    void markup_on_cost_adds_the_percentage_to_cost() {
        LineQuote line = one(book(rule(1).price(RuleKind.MARKUP_ON_COST, "25").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("75.00"));
        assertThat(line.marginPercent()).isEqualTo(money("20.00"));
    }

    @Test
    void no_applicable_rule_gives_the_list_price() {
        LineQuote line = one(book(rule(1).minQuantity(5).build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.winner()).isNull();
        assertThat(line.unitPrice()).isEqualTo(money("100.00"));
        assertThat(line.marginPercent()).isEqualTo(money("40.00"));
    }

    // ---- rounding ----

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "CENT, 12.345, 12.35",
        "CENT, 12.344, 12.34",
        "DIME, 12.35, 12.40",
        "DIME, 12.34, 12.30",
        "YUAN, 12.50, 13.00",
        "YUAN, 12.49, 12.00",
        "END_9, 12.34, 11.90",
        "END_9, 12.40, 12.90",
        "END_9, 12.39, 11.90",
        "END_9, 12.95, 12.90",
        "END_9, 0.30, 0.90",
        "END_9, 0.00, 0.00",
        "END_99, 12.34, 11.99",
        "END_99, 12.49, 12.99",
        "END_99, 12.48, 11.99",
        "END_99, 0.01, 0.99",
    })
    void rounding_is_half_up_to_its_step(Rounding rounding, String fixed, String expected) {
        LineQuote line = one(book(rule(1).fixed(fixed).rounding(rounding).build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money(expected));
    }

    // ---- guard ----

    @Test
    void the_margin_guard_raises_a_price_below_its_floor() {
        // floor = 60.00 / (1 - 25 / 100) = 80.00
        LineQuote line = one(book(rule(1).fixed("70.00").guard("25").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("80.00"));
        assertThat(line.guardApplied()).isTrue();
        assertThat(line.warnings()).containsExactly(Warning.of(QuoteEngine.GUARD_APPLIED, "P10", "R1", "80.00"));
        assertThat(line.marginPercent()).isEqualTo(money("25.00"));
    }

    @Test
    void the_guard_floor_rounds_up_to_the_cent() {
        // 60.00 / 0.70 = 85.714... -> 85.72
        LineQuote line = one(book(rule(1).fixed("70.00").guard("30").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("85.72"));
    }

    @Test
    void the_guard_wins_over_rounding() {
        // 85.30 rounds to 85.00 (YUAN), under the floor 85.72: the line keeps 85.72, not a whole yuan
        LineQuote line = one(
                book(rule(1).fixed("85.30").rounding(Rounding.YUAN).guard("30").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("85.72"));
        assertThat(line.guardApplied()).isTrue();
    }

    @Test
    void a_price_above_the_floor_is_left_alone() {
        LineQuote line = one(book(rule(1).fixed("90.00").guard("30").build()), EVERYONE_NATIONAL, 10, 1);
        assertThat(line.unitPrice()).isEqualTo(money("90.00"));
        assertThat(line.guardApplied()).isFalse();
        assertThat(line.warnings()).isEmpty();
    }

    // ---- warnings and bad input ----

    @Test
    void an_inactive_product_is_warned_about() {
        LineQuote line = one(book(), EVERYONE_NATIONAL, 13, 1);
        assertThat(line.warnings()).containsExactly(Warning.of(QuoteEngine.INACTIVE_PRODUCT, "P13"));
    }

    @Test
    void an_unknown_product_or_a_quantity_below_one_is_refused() {
        PriceBook book = book();
        assertThatThrownBy(() -> QuoteEngine.quote(book, EVERYONE_NATIONAL, List.of(new LineRequest(99, 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuoteEngine.quote(book, EVERYONE_NATIONAL, List.of(new LineRequest(10, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- totals ----

    @Test
    void totals_add_up_the_lines_and_the_margin_is_over_the_total() {
        PriceBook book = book(rule(1).product(11).fixed("40.00").build());
        QuoteResult quote =
                QuoteEngine.quote(book, EVERYONE_NATIONAL, List.of(new LineRequest(10, 2), new LineRequest(11, 1)));
        assertThat(quote.lines()).extracting(LineQuote::lineNo).containsExactly(1, 2);
        assertThat(quote.lines().get(0).lineTotal()).isEqualTo(money("200.00"));
        assertThat(quote.lines().get(1).marginPercent()).isEqualTo(money("50.00"));
        assertThat(quote.listTotal()).isEqualTo(money("250.00"));
        assertThat(quote.linesTotal()).isEqualTo(money("240.00"));
        assertThat(quote.bundleDiscount()).isEqualTo(money("0.00"));
        assertThat(quote.total()).isEqualTo(money("240.00"));
        assertThat(quote.costTotal()).isEqualTo(money("140.00"));
        // (240 - 140) / 240 = 41.666...
        assertThat(quote.marginPercent()).isEqualTo(money("41.67"));
        assertThat(quote.warnings()).isEmpty();
    }

    @Test
    void a_quote_of_nothing_has_zero_totals_and_no_margin() {
        QuoteResult quote = QuoteEngine.quote(book(), new QuoteContext(null, null, null, DAY), List.of());
        assertThat(quote.total()).isEqualTo(money("0.00"));
        assertThat(quote.marginPercent()).isNull();
    }

    @Test
    void the_worked_example_of_the_docs_holds() {
        RuleSpec r1 = rule(1).category(1)
                .price(RuleKind.PERCENT_OFF, "10")
                .rounding(Rounding.END_9)
                .build();
        RuleSpec r2 =
                rule(2).tier(7L).minQuantity(10).fixed("78.00").guard("30").build();
        RuleSpec r3 = rule(3).region("江苏", null).fixed("70.00").build();
        RuleSpec r4 =
                rule(4).dates(null, "2026-05-31").promotion().fixed("60.00").build();
        RuleSpec r5 = rule(5).minQuantity(20).fixed("75.00").build();
        LineQuote line = one(book(r5, r4, r3, r2, r1), new QuoteContext(7L, "浙江", "杭州", DAY), 10, 12);
        assertThat(line.winner()).isEqualTo(r2);
        assertThat(line.unitPrice()).isEqualTo(money("85.72"));
        assertThat(line.guardApplied()).isTrue();
        assertThat(line.marginPercent()).isEqualTo(money("30.00"));
        assertThat(line.lineTotal()).isEqualTo(money("1028.64"));
        assertThat(line.beaten())
                .containsExactly(
                        new BeatenRule(r4, BeatenRule.Reason.EXPIRED, "2026-05-31"),
                        new BeatenRule(r5, BeatenRule.Reason.MIN_QUANTITY, "20"),
                        new BeatenRule(r3, BeatenRule.Reason.OUTSIDE_REGION, "江苏"),
                        new BeatenRule(r1, BeatenRule.Reason.LOWER_PRECEDENCE, "SCOPE"));
    }
}
