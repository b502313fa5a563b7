package io.keyuan.pricing.engine;

import static io.keyuan.pricing.engine.Fixtures.book;
import static io.keyuan.pricing.engine.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Category 3 holds products 10 and 13; category 2 holds 11 and, below it, category 3. */
class ConflictFinderTests {

    private static List<Conflict> of(Conflict.Kind kind, RuleSpec... rules) {
        return ConflictFinder.find(book(rules)).stream()
                .filter(c -> c.kind() == kind)
                .toList();
    }

    @Test
    void a_rule_always_beaten_by_one_earlier_rule_is_shadowed_by_it() {
        RuleSpec broad = rule(1).priority(1).build();
        // a higher minimum quantity or a region would put the narrow rule first; dates and priority do not
        RuleSpec narrow = rule(2).priority(2).dates("2026-03-01", "2026-03-31").build();
        assertThat(of(Conflict.Kind.SHADOWED, broad, narrow))
                .containsExactly(new Conflict(Conflict.Kind.SHADOWED, narrow, broad, "R1"));
    }

    @Test
    void a_rule_covered_by_several_earlier_rules_together_is_shadowed_without_one_culprit() {
        RuleSpec spring = rule(1).dates(null, "2026-04-30").priority(1).build();
        RuleSpec summer = rule(2).dates("2026-05-01", null).priority(1).build();
        RuleSpec covered = rule(3).dates("2026-03-01", "2026-06-30").priority(2).build();
        assertThat(of(Conflict.Kind.SHADOWED, spring, summer, covered))
                .containsExactly(new Conflict(Conflict.Kind.SHADOWED, covered, null, null));
    }

    @Test
    void a_gap_of_one_day_lets_the_rule_win() {
        RuleSpec spring = rule(1).dates(null, "2026-04-29").priority(1).build();
        RuleSpec summer = rule(2).dates("2026-05-01", null).priority(1).build();
        RuleSpec covered = rule(3).dates("2026-03-01", "2026-06-30").priority(2).build();
        assertThat(of(Conflict.Kind.SHADOWED, spring, summer, covered)).isEmpty();
    }

    @Test
    void an_earlier_rule_that_applies_to_fewer_quotes_does_not_shadow() {
        RuleSpec everyone = rule(2).priority(2).build();
        assertThat(of(Conflict.Kind.SHADOWED, rule(1).tier(7L).build(), everyone))
                .isEmpty();
        assertThat(of(Conflict.Kind.SHADOWED, rule(1).region("浙江", null).build(), everyone))
                .isEmpty();
        assertThat(of(Conflict.Kind.SHADOWED, rule(1).minQuantity(2).priority(1).build(), everyone))
                .isEmpty();
        assertThat(of(Conflict.Kind.SHADOWED, rule(1).dates("2026-01-01", null).build(), everyone))
                .isEmpty();
    }

    @Test
    void a_tier_rule_is_shadowed_by_an_earlier_rule_for_everyone() {
        RuleSpec promotion = rule(1).all().promotion().build();
        RuleSpec vip = rule(2).tier(7L).region("浙江", "杭州").build();
        assertThat(of(Conflict.Kind.SHADOWED, promotion, vip))
                .containsExactly(new Conflict(Conflict.Kind.SHADOWED, vip, promotion, "R1"));
    }

    @Test
    void a_category_rule_whose_every_product_has_an_earlier_rule_is_shadowed() {
        RuleSpec onCategory = rule(1).category(3).build();
        RuleSpec on10 = rule(2).product(10).build();
        RuleSpec on13 = rule(3).product(13).build();
        assertThat(of(Conflict.Kind.SHADOWED, onCategory, on10, on13))
                .containsExactly(new Conflict(Conflict.Kind.SHADOWED, onCategory, null, null));
        assertThat(of(Conflict.Kind.SHADOWED, onCategory, on10)).isEmpty();
    }

    @Test
    void a_rule_on_an_empty_or_unknown_scope_can_never_win() {
        RuleSpec unknown = rule(1).category(99).build();
        assertThat(of(Conflict.Kind.SHADOWED, unknown))
                .extracting(Conflict::rule)
                .containsExactly(unknown);
    }

    @Test
    void two_rules_only_the_id_tells_apart_on_overlapping_dates_are_ambiguous_once() {
        RuleSpec a = rule(5).dates("2026-01-01", "2026-06-30").build();
        RuleSpec b = rule(3).dates("2026-06-30", "2026-12-31").build();
        RuleSpec later = rule(4).dates("2026-07-01", "2026-12-31").build();
        assertThat(of(Conflict.Kind.AMBIGUOUS, a, b, later))
                .containsExactly(
                        new Conflict(Conflict.Kind.AMBIGUOUS, b, later, "R4"),
                        new Conflict(Conflict.Kind.AMBIGUOUS, b, a, "R5"));
    }

    @Test
    void rules_apart_in_dates_or_at_any_other_step_are_not_ambiguous() {
        assertThat(of(
                        Conflict.Kind.AMBIGUOUS,
                        rule(1).dates(null, "2026-06-30").build(),
                        rule(2).dates("2026-07-01", null).build()))
                .isEmpty();
        assertThat(of(
                        Conflict.Kind.AMBIGUOUS,
                        rule(1).build(),
                        rule(2).priority(1).build()))
                .isEmpty();
        assertThat(of(
                        Conflict.Kind.AMBIGUOUS,
                        rule(1).tier(7L).build(),
                        rule(2).tier(8L).build()))
                .isEmpty();
    }

    @Test
    void a_rule_priced_under_its_guard_or_under_cost_breaks_the_margin() {
        // product 10 costs 60.00: a guard of 25 % needs 80.00
        assertThat(of(Conflict.Kind.MARGIN, rule(1).fixed("75.00").guard("25").build()))
                .containsExactly(new Conflict(
                        Conflict.Kind.MARGIN, rule(1).fixed("75.00").guard("25").build(), null, "P10"));
        assertThat(of(Conflict.Kind.MARGIN, rule(1).fixed("80.00").guard("25").build()))
                .isEmpty();
        assertThat(of(Conflict.Kind.MARGIN, rule(1).fixed("59.99").build())).hasSize(1);
    }

    @Test
    void a_category_rule_names_the_first_product_it_breaks_the_margin_on() {
        // 10 % off: product 11 (50.00, cost 20.00) keeps its margin, product 13 (20.00, cost 15.00) at 18.00
        // does, product 10 (100.00, cost 60.00) at 90.00 does; under a 30 % guard only 13 breaks (18.00 < 21.43)
        RuleSpec rule = rule(1).category(2)
                .price(io.keyuan.pricing.RuleKind.PERCENT_OFF, "10")
                .guard("30")
                .build();
        assertThat(of(Conflict.Kind.MARGIN, rule)).extracting(Conflict::detail).containsExactly("P13");
    }
}
