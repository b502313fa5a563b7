package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.channel.ChannelCategory;
import io.keyuan.pipeline.PipelineSegmentFields;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Properties of rules that need no database, checked by jqwik over generator seeds. */
class RulePropertyTests {
    private static RandomRules generator(long seed) {
        return new RandomRules(
                new Random(seed), List.of(1L, 2L), List.of(ChannelCategory.ONLINE, ChannelCategory.PARTNER));
    }

    @Property(tries = 500)
    void a_rule_reads_back_from_its_text_unchanged(@ForAll long seed) {
        RuleNode rule = generator(seed).rule(4);

        assertThat(RuleText.read(RuleText.write(rule), TestCatalogue.FIELDS)).isEqualTo(rule);
    }

    @Property(tries = 300)
    void not_of_a_group_is_the_other_group_of_nots(@ForAll long seed) {
        RandomRules gen = generator(seed);
        RuleNode a = gen.rule(2);
        RuleNode b = gen.rule(2);
        net.jqwik.api.Assume.that(
                RuleValidator.problems(a).isEmpty() && RuleValidator.problems(b).isEmpty());
        Predicate<CustomerFacts> notAnd =
                PredicateCompiler.compile(RuleNode.not(RuleNode.and(a, b)), RandomRules.TODAY);
        Predicate<CustomerFacts> orNots =
                PredicateCompiler.compile(RuleNode.or(RuleNode.not(a), RuleNode.not(b)), RandomRules.TODAY);
        Predicate<CustomerFacts> doubleNot =
                PredicateCompiler.compile(RuleNode.not(RuleNode.not(a)), RandomRules.TODAY);
        Predicate<CustomerFacts> plain = PredicateCompiler.compile(a, RandomRules.TODAY);

        for (int i = 0; i < 50; i++) {
            CustomerFacts f = gen.customer();
            assertThat(notAnd.test(f)).isEqualTo(orNots.test(f));
            assertThat(doubleNot.test(f)).isEqualTo(plain.test(f));
        }
    }

    @Property(tries = 200)
    void a_windowed_count_and_spend_only_see_purchases_from_the_first_day_of_the_window_to_today(@ForAll long seed) {
        RandomRules gen = generator(seed);
        CustomerFacts f = gen.customer();
        int window = RandomRules.WINDOWS[new Random(seed).nextInt(RandomRules.WINDOWS.length)];
        java.time.LocalDate first = RandomRules.TODAY.minusDays(window);
        List<CustomerFacts.Purchase> inside = f.purchases().stream()
                .filter(p -> !p.date().isBefore(first) && !p.date().isAfter(RandomRules.TODAY))
                .toList();

        assertThat((java.math.BigDecimal) SegmentField.PURCHASES_IN_WINDOW.valueOf(f, RandomRules.TODAY, window))
                .isEqualByComparingTo(java.math.BigDecimal.valueOf(inside.size()));
        assertThat((java.math.BigDecimal) SegmentField.SPEND_IN_WINDOW.valueOf(f, RandomRules.TODAY, window))
                .isEqualByComparingTo(inside.stream()
                        .map(CustomerFacts.Purchase::amount)
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
    }

    @Property(tries = 300)
    void a_condition_on_an_empty_value_is_false_unless_it_asks_for_emptiness(@ForAll long seed) {
        RuleNode.Condition c = generator(seed).condition();
        CustomerFacts empty = new CustomerFacts(
                1,
                "n",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                List.of(),
                java.util.Map.of());
        if (c.field() == SegmentField.NAME
                || c.field() == SegmentField.REFERRED
                || c.field() == SegmentField.REFERRED_COUNT
                || c.field().windowed()
                || !RuleValidator.problems(c).isEmpty()) {
            return;
        }
        boolean result = PredicateCompiler.compile(c, RandomRules.TODAY).test(empty);
        // Without open deals NOT_IN holds: the customer has none in any listed stage.
        boolean expected = c.operator() == Operator.IS_EMPTY
                || (c.field() == PipelineSegmentFields.OPEN_DEAL_STAGE && c.operator() == Operator.NOT_IN);
        assertThat(result).isEqualTo(expected);
    }
}
