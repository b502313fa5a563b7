package io.keyuan.pricing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.pricing.engine.SmallBooks.Probe;
import io.keyuan.pricing.engine.SmallBooks.Small;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class EngineProperties {

    /** What a quote decides: per line the winner and the price, the bundles and the totals (not the beaten list). */
    private static List<Object> decided(QuoteResult quote) {
        List<Object> out = new ArrayList<>();
        for (LineQuote line : quote.lines()) {
            out.add(List.of(line.winner() == null ? -1L : line.winner().id(), line.unitPrice(), line.guardApplied()));
        }
        out.add(quote.bundles());
        out.add(List.of(quote.listTotal(), quote.linesTotal(), quote.bundleDiscount(), quote.total()));
        return out;
    }

    private static List<Probe> someProbes(Small small, Random random, int count) {
        List<Probe> all = SmallBooks.probes(small.rules());
        List<Probe> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(all.get(random.nextInt(all.size())));
        }
        return out;
    }

    private static List<LineRequest> someLines(Random random, int quantity) {
        List<LineRequest> lines = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            lines.add(new LineRequest(1 + random.nextInt(5), random.nextBoolean() ? quantity : 1 + random.nextInt(6)));
        }
        return lines;
    }

    @Property(tries = 200)
    void a_quote_is_the_same_whatever_the_order_the_book_was_given_in(@ForAll long seed) {
        Small small = SmallBooks.generate(seed, 10, true);
        Random random = new Random(seed);
        List<RuleSpec> rules = new ArrayList<>(small.rules());
        List<CatalogueItem> items = new ArrayList<>(small.items());
        List<CategoryNode> categories = new ArrayList<>(small.categories());
        List<BundleSpec> bundles = new ArrayList<>(small.bundles());
        Collections.shuffle(rules, random);
        Collections.shuffle(items, random);
        Collections.shuffle(categories, random);
        Collections.shuffle(bundles, random);
        PriceBook book = small.book();
        PriceBook shuffled = PriceBook.of(categories, items, rules, bundles);
        for (Probe probe : someProbes(small, random, 20)) {
            List<LineRequest> lines = someLines(random, probe.quantity());
            QuoteResult first = QuoteEngine.quote(book, probe.context(), lines);
            assertThat(QuoteEngine.quote(shuffled, probe.context(), lines)).isEqualTo(first);
            assertThat(QuoteEngine.quote(book, probe.context(), lines)).isEqualTo(first);
        }
        assertThat(ConflictFinder.find(shuffled)).isEqualTo(ConflictFinder.find(book));
    }

    @Property(tries = 200)
    void no_line_falls_below_its_winners_margin_guard(@ForAll long seed) {
        Small small = SmallBooks.generate(seed, 10, false);
        PriceBook book = small.book();
        Random random = new Random(seed);
        for (Probe probe : someProbes(small, random, 40)) {
            for (LineQuote line : QuoteEngine.quote(book, probe.context(), small.allProducts(probe.quantity()))
                    .lines()) {
                RuleSpec winner = line.winner();
                if (winner == null || winner.minMarginPercent() == null) {
                    continue;
                }
                // (unit - cost) / unit >= m / 100  <=>  unit x (100 - m) >= cost x 100
                BigDecimal m = winner.minMarginPercent();
                assertThat(line.unitPrice().multiply(BigDecimal.valueOf(100).subtract(m)))
                        .as("line %s under rule %s", line, winner)
                        .isGreaterThanOrEqualTo(line.cost().multiply(BigDecimal.valueOf(100)));
            }
        }
    }

    @Property(tries = 200)
    void the_winner_applies_to_the_line_and_no_rule_before_it_does(@ForAll long seed) {
        Small small = SmallBooks.generate(seed, 10, false);
        PriceBook book = small.book();
        Random random = new Random(seed);
        var order = Precedence.order(book);
        for (Probe probe : someProbes(small, random, 40)) {
            for (LineQuote line : QuoteEngine.quote(book, probe.context(), small.allProducts(probe.quantity()))
                    .lines()) {
                long product = line.product().productId();
                List<RuleSpec> applicable = small.rules().stream()
                        .filter(r -> book.covers(r, product))
                        .filter(r -> Applicability.failure(r, probe.context(), line.quantity()) == null)
                        .sorted(order)
                        .toList();
                if (applicable.isEmpty()) {
                    assertThat(line.winner()).isNull();
                    assertThat(line.unitPrice()).isEqualTo(line.listPrice());
                } else {
                    assertThat(line.winner()).isEqualTo(applicable.getFirst());
                }
                assertThat(line.beaten().size() + (line.winner() == null ? 0 : 1))
                        .isEqualTo((int) small.rules().stream()
                                .filter(r -> book.covers(r, product))
                                .count());
            }
        }
    }

    @Property(tries = 200)
    void adding_a_rule_that_does_not_apply_never_changes_a_quote(@ForAll long seed) {
        Small small = SmallBooks.generate(seed, 8, true);
        Random random = new Random(seed);
        PriceBook book = small.book();
        for (Probe probe : someProbes(small, random, 10)) {
            QuoteContext context = probe.context();
            List<LineRequest> lines = someLines(random, probe.quantity());
            int maxQuantity =
                    lines.stream().mapToInt(LineRequest::quantity).max().orElse(1);
            RuleSpec base = SmallBooks.rule(random, 1000);
            RuleSpec extra = switch (random.nextInt(4)) {
                case 0 ->
                    with(
                            base,
                            context.tierId() == null ? 1L : 3 - context.tierId(),
                            base.province(),
                            base.city(),
                            base.validTo(),
                            base.minQuantity(),
                            base.validFrom());
                case 1 ->
                    with(
                            base,
                            base.tierId(),
                            "江苏".equals(context.province()) ? "浙江" : "江苏",
                            null,
                            base.validTo(),
                            base.minQuantity(),
                            base.validFrom());
                case 2 ->
                    with(
                            base,
                            base.tierId(),
                            base.province(),
                            base.city(),
                            context.date().minusDays(1 + random.nextInt(5)),
                            base.minQuantity(),
                            null);
                default ->
                    with(
                            base,
                            base.tierId(),
                            base.province(),
                            base.city(),
                            base.validTo(),
                            maxQuantity + 1 + random.nextInt(3),
                            base.validFrom());
            };
            List<RuleSpec> more = new ArrayList<>(small.rules());
            more.add(extra);
            PriceBook bigger = small.withRules(more).book();
            assertThat(decided(QuoteEngine.quote(bigger, context, lines)))
                    .as("adding %s", extra)
                    .isEqualTo(decided(QuoteEngine.quote(book, context, lines)));
        }
    }

    private static RuleSpec with(
            RuleSpec r,
            Long tier,
            String province,
            String city,
            java.time.LocalDate validTo,
            int minQuantity,
            java.time.LocalDate validFrom) {
        return new RuleSpec(
                r.id(),
                r.code(),
                r.name(),
                tier,
                r.scope(),
                r.categoryId(),
                r.productId(),
                minQuantity,
                province,
                city,
                validFrom,
                validTo,
                r.kind(),
                r.value(),
                r.rounding(),
                r.minMarginPercent(),
                r.promotion(),
                r.priority());
    }

    @Property(tries = 100)
    void a_rule_is_reported_shadowed_exactly_when_removing_it_changes_no_quote_on_the_probes(@ForAll long seed) {
        shadowedExactlyWhenRemovingChangesNothing(SmallBooks.generate(seed, 8, false, seed % 4 != 0));
    }

    /** Books built around a rule whose dates several earlier rules cover together, sometimes with a gap left. */
    @Property(tries = 100)
    void a_rule_covered_by_several_rules_together_is_shadowed_exactly_when_removing_it_changes_nothing(
            @ForAll long seed) {
        Random random = new Random(seed);
        Small noise = SmallBooks.generate(seed, 4, false, true);
        List<RuleSpec> rules = new ArrayList<>(noise.rules());
        java.time.LocalDate from = SmallBooks.BASE;
        java.time.LocalDate to = from.plusDays(14);
        RuleSpec target = with(SmallBooks.crowdedRule(random, 200), null, null, null, to, 1, from);
        rules.add(target);
        java.time.LocalDate cut = from.plusDays(1 + random.nextInt(12));
        int gap = random.nextInt(3) == 0 ? 1 : 0;
        RuleSpec early = cover(random, 201, target, from.minusDays(random.nextInt(3)), cut.minusDays(1 + gap));
        RuleSpec late = cover(random, 202, target, cut.minusDays(random.nextInt(2)), to.plusDays(random.nextInt(3)));
        rules.add(early);
        rules.add(late);
        shadowedExactlyWhenRemovingChangesNothing(noise.withRules(rules));
    }

    /** A promotion on the target's scope or broader, for everyone or sometimes only a tier, national. */
    private static RuleSpec cover(
            Random random, long id, RuleSpec target, java.time.LocalDate from, java.time.LocalDate to) {
        RuleSpec r =
                with(SmallBooks.crowdedRule(random, id), random.nextInt(5) == 0 ? 1L : null, null, null, to, 1, from);
        boolean broader = random.nextBoolean();
        return new RuleSpec(
                r.id(),
                r.code(),
                r.name(),
                r.tierId(),
                broader ? io.keyuan.pricing.RuleScope.ALL : target.scope(),
                broader ? null : target.categoryId(),
                broader ? null : target.productId(),
                1,
                null,
                null,
                from,
                to,
                r.kind(),
                r.value(),
                r.rounding(),
                r.minMarginPercent(),
                true,
                r.priority());
    }

    private static void shadowedExactlyWhenRemovingChangesNothing(Small small) {
        PriceBook book = small.book();
        List<Probe> probes = SmallBooks.probes(small.rules());
        List<List<Object>> before = new ArrayList<>();
        for (Probe probe : probes) {
            before.add(decided(QuoteEngine.quote(book, probe.context(), small.allProducts(probe.quantity()))));
        }
        Set<Long> shadowed = new HashSet<>();
        for (Conflict c : ConflictFinder.find(book)) {
            if (c.kind() == Conflict.Kind.SHADOWED) {
                shadowed.add(c.rule().id());
                if (c.other() != null) {
                    assertThat(Precedence.order(book).compare(c.other(), c.rule()))
                            .isNegative();
                }
            }
        }
        for (RuleSpec rule : small.rules()) {
            PriceBook without =
                    small.withRules(Fixtures.without(small.rules(), rule)).book();
            boolean changes = false;
            for (int i = 0; i < probes.size() && !changes; i++) {
                Probe probe = probes.get(i);
                changes = !decided(QuoteEngine.quote(without, probe.context(), small.allProducts(probe.quantity())))
                        .equals(before.get(i));
            }
            assertThat(shadowed.contains(rule.id()))
                    .as("rule %s shadowed (removing it changes a quote: %s) in %s", rule, changes, small.rules())
                    .isEqualTo(!changes);
        }
    }
}
