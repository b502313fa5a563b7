package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.pricing.engine.BeatenRule;
import io.keyuan.pricing.engine.CatalogueItem;
import io.keyuan.pricing.engine.LineQuote;
import io.keyuan.pricing.engine.RuleSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteExplanationTests {
    private static RuleSpec rule(long id, String code) {
        return new RuleSpec(
                id,
                code,
                "name " + code,
                null,
                RuleScope.ALL,
                null,
                null,
                1,
                null,
                null,
                null,
                null,
                RuleKind.PERCENT_OFF,
                BigDecimal.TEN,
                Rounding.CENT,
                null,
                false,
                100);
    }

    private static LineQuote line(RuleSpec winner, boolean guard, List<BeatenRule> beaten) {
        CatalogueItem item = new CatalogueItem(1, "P", "p", 1, new BigDecimal("10.00"), new BigDecimal("5.00"), true);
        return new LineQuote(
                1,
                item,
                1,
                item.listPrice(),
                item.listPrice(),
                item.listPrice(),
                item.cost(),
                null,
                winner,
                guard,
                beaten,
                List.of());
    }

    @Test
    void the_explanation_round_trips_codes_reasons_and_details_with_separators_in_them() {
        LineQuote l = line(
                rule(1, "WIN;1"),
                true,
                List.of(
                        new BeatenRule(rule(2, "A=B"), BeatenRule.Reason.OUTSIDE_REGION, "浙江"),
                        new BeatenRule(rule(3, "C,D"), BeatenRule.Reason.EXPIRED, "2026-10-31"),
                        new BeatenRule(rule(4, "E(%)"), BeatenRule.Reason.LOWER_PRECEDENCE, "PROMOTION")));

        String text = QuoteExplanation.encode(l, 500);
        QuoteExplanation parsed = QuoteExplanation.parse(text);

        assertThat(text).startsWith("rule:WIN%3B1;guard;beaten:");
        assertThat(parsed.ruleCode()).isEqualTo("WIN;1");
        assertThat(parsed.guardApplied()).isTrue();
        assertThat(parsed.beaten())
                .containsExactly(
                        new QuoteExplanation.Beaten("A=B", "OUTSIDE_REGION", "浙江"),
                        new QuoteExplanation.Beaten("C,D", "EXPIRED", "2026-10-31"),
                        new QuoteExplanation.Beaten("E(%)", "LOWER_PRECEDENCE", "PROMOTION"));
        assertThat(parsed.more()).isZero();
    }

    @Test
    void the_list_price_and_no_beaten_rules_read_back_as_such() {
        QuoteExplanation parsed = QuoteExplanation.parse(QuoteExplanation.encode(line(null, false, List.of()), 500));

        assertThat(parsed.ruleCode()).isNull();
        assertThat(parsed.guardApplied()).isFalse();
        assertThat(parsed.beaten()).isEmpty();
        assertThat(QuoteExplanation.parse(null).beaten()).isEmpty();
    }

    @Test
    void a_long_explanation_keeps_within_the_column_and_says_how_many_rules_it_left_out() {
        List<BeatenRule> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new BeatenRule(rule(10 + i, "RULE-NUMBER-" + i), BeatenRule.Reason.MIN_QUANTITY, "100"));
        }

        String text = QuoteExplanation.encode(line(rule(1, "W"), false, many), 500);
        QuoteExplanation parsed = QuoteExplanation.parse(text);

        assertThat(text.length()).isLessThanOrEqualTo(500);
        assertThat(parsed.beaten().size() + parsed.more()).isEqualTo(40);
        assertThat(parsed.more()).isPositive();
        assertThat(parsed.beaten().getFirst())
                .isEqualTo(new QuoteExplanation.Beaten("RULE-NUMBER-0", "MIN_QUANTITY", "100"));
    }
}
