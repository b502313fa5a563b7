package io.keyuan.pricing.engine;

import static io.keyuan.pricing.engine.Fixtures.DAY;
import static io.keyuan.pricing.engine.Fixtures.EVERYONE_NATIONAL;
import static io.keyuan.pricing.engine.Fixtures.bundle;
import static io.keyuan.pricing.engine.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.RuleKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Products 10 (100.00), 11 (50.00), 12 (30.00) of {@link Fixtures}. */
class BundleTests {

    private static QuoteResult quote(List<RuleSpec> rules, List<BundleSpec> bundles, QuoteContext context, int... qty) {
        List<LineRequest> lines = new java.util.ArrayList<>();
        long[] products = {10, 11, 12};
        for (int i = 0; i < qty.length; i++) {
            if (qty[i] > 0) {
                lines.add(new LineRequest(products[i], qty[i]));
            }
        }
        return QuoteEngine.quote(Fixtures.book(rules, bundles), context, lines);
    }

    private static BigDecimal money(String v) {
        return new BigDecimal(v);
    }

    @Test
    void a_price_bundle_sells_whole_sets_at_its_price() {
        BundleSpec pair = bundle(1, null, BundleKind.PRICE, "180.00", Map.of(10L, 1, 11L, 2));
        // 3 x P10 and 5 x P11: min(3 / 1, 5 / 2) = 2 sets; regular 2 x (100 + 2 x 50) = 400; bundle 2 x 180 = 360
        QuoteResult quote = quote(List.of(), List.of(pair), EVERYONE_NATIONAL, 3, 5, 0);
        assertThat(quote.bundles())
                .containsExactly(new BundleMatch(pair, 2, money("400.00"), money("360.00"), money("40.00")));
        assertThat(quote.linesTotal()).isEqualTo(money("550.00"));
        assertThat(quote.bundleDiscount()).isEqualTo(money("40.00"));
        assertThat(quote.total()).isEqualTo(money("510.00"));
    }

    @Test
    void a_discount_bundle_takes_its_percentage_off_the_sets_line_prices() {
        BundleSpec set = bundle(1, null, BundleKind.DISCOUNT, "10", Map.of(10L, 1, 12L, 1));
        QuoteResult quote = quote(List.of(), List.of(set), EVERYONE_NATIONAL, 1, 0, 1);
        assertThat(quote.bundles())
                .containsExactly(new BundleMatch(set, 1, money("130.00"), money("117.00"), money("13.00")));
        assertThat(quote.total()).isEqualTo(money("117.00"));
    }

    @Test
    void a_bundle_prices_its_items_at_the_lines_winning_prices() {
        RuleSpec tenOff = rule(1).price(RuleKind.PERCENT_OFF, "10").build();
        BundleSpec set = bundle(1, null, BundleKind.DISCOUNT, "10", Map.of(10L, 1, 12L, 1));
        QuoteResult quote = quote(List.of(tenOff), List.of(set), EVERYONE_NATIONAL, 1, 0, 1);
        // 90 + 30 = 120, 10 % off = 108
        assertThat(quote.bundles().getFirst().regularPrice()).isEqualTo(money("120.00"));
        assertThat(quote.bundles().getFirst().discount()).isEqualTo(money("12.00"));
    }

    @Test
    void bundles_compete_for_units_and_the_larger_discount_per_set_goes_first() {
        BundleSpec small = bundle(1, null, BundleKind.PRICE, "140.00", Map.of(10L, 1, 11L, 1)); // saves 10
        BundleSpec large = bundle(2, null, BundleKind.PRICE, "100.00", Map.of(10L, 1, 12L, 1)); // saves 30
        QuoteResult quote = quote(List.of(), List.of(small, large), EVERYONE_NATIONAL, 1, 1, 1);
        assertThat(quote.bundles()).extracting(BundleMatch::bundle).containsExactly(large);
        assertThat(quote.bundleDiscount()).isEqualTo(money("30.00"));
        // with two of product 10 both fit
        QuoteResult both = quote(List.of(), List.of(small, large), EVERYONE_NATIONAL, 2, 1, 1);
        assertThat(both.bundles()).extracting(BundleMatch::bundle).containsExactly(large, small);
        assertThat(both.bundleDiscount()).isEqualTo(money("40.00"));
    }

    @Test
    void equal_discounts_go_by_bundle_id() {
        BundleSpec first = bundle(1, null, BundleKind.PRICE, "120.00", Map.of(10L, 1, 11L, 1));
        BundleSpec second = bundle(2, null, BundleKind.PRICE, "100.00", Map.of(10L, 1, 12L, 1));
        QuoteResult quote = quote(List.of(), List.of(second, first), EVERYONE_NATIONAL, 1, 1, 1);
        assertThat(quote.bundles()).extracting(BundleMatch::bundle).containsExactly(first);
    }

    @Test
    void a_bundle_dearer_than_its_lines_is_not_applied() {
        BundleSpec dear = bundle(1, null, BundleKind.PRICE, "150.00", Map.of(10L, 1, 11L, 1));
        QuoteResult quote = quote(List.of(), List.of(dear), EVERYONE_NATIONAL, 1, 1, 0);
        assertThat(quote.bundles()).isEmpty();
        assertThat(quote.total()).isEqualTo(money("150.00"));
    }

    @Test
    void an_incomplete_set_another_tiers_or_an_expired_bundle_is_not_applied() {
        BundleSpec set = bundle(1, null, BundleKind.PRICE, "100.00", Map.of(10L, 1, 11L, 2));
        assertThat(quote(List.of(), List.of(set), EVERYONE_NATIONAL, 1, 1, 0).bundles())
                .isEmpty();
        BundleSpec vip = bundle(2, 7L, BundleKind.PRICE, "100.00", Map.of(10L, 1, 11L, 1));
        assertThat(quote(List.of(), List.of(vip), EVERYONE_NATIONAL, 1, 1, 0).bundles())
                .isEmpty();
        assertThat(quote(List.of(), List.of(vip), new QuoteContext(7L, null, null, DAY), 1, 1, 0)
                        .bundles())
                .hasSize(1);
        BundleSpec expired = new BundleSpec(
                3, "B3", "过期", null, BundleKind.PRICE, money("100.00"), null, DAY.minusDays(1), Map.of(10L, 1, 11L, 1));
        assertThat(quote(List.of(), List.of(expired), EVERYONE_NATIONAL, 1, 1, 0)
                        .bundles())
                .isEmpty();
    }

    @Test
    void lines_of_the_same_product_are_summed_for_the_sets() {
        BundleSpec set = bundle(1, null, BundleKind.PRICE, "120.00", Map.of(10L, 1, 11L, 2));
        QuoteResult quote = QuoteEngine.quote(
                Fixtures.book(List.of(), List.of(set)),
                EVERYONE_NATIONAL,
                List.of(new LineRequest(10, 1), new LineRequest(11, 1), new LineRequest(11, 1)));
        assertThat(quote.bundles()).extracting(BundleMatch::sets).containsExactly(1);
        // margin over the total after the bundle: (120 - 100) / 120
        assertThat(quote.marginPercent()).isEqualTo(money("16.67"));
    }
}
