package io.keyuan.pricing.engine;

import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made catalogue: categories 1 (root) > 2 > 3, and 4 (another root); products 10 (category 3, list
 * 100.00, cost 60.00), 11 (category 2, list 50.00, cost 20.00), 12 (category 4, list 30.00, cost 10.00), 13
 * (category 3, inactive, list 20.00, cost 15.00).
 */
final class Fixtures {
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final QuoteContext EVERYONE_NATIONAL = new QuoteContext(null, null, null, DAY);

    static final List<CategoryNode> CATEGORIES = List.of(
            new CategoryNode(1, "ROOT", "根", null),
            new CategoryNode(2, "MID", "中", 1L),
            new CategoryNode(3, "LEAF", "叶", 2L),
            new CategoryNode(4, "OTHER", "另", null));

    static final List<CatalogueItem> ITEMS = List.of(
            item(10, 3, "100.00", "60.00", true),
            item(11, 2, "50.00", "20.00", true),
            item(12, 4, "30.00", "10.00", true),
            item(13, 3, "20.00", "15.00", false));

    private Fixtures() {}

    static CatalogueItem item(long id, long category, String list, String cost, boolean active) {
        return new CatalogueItem(id, "P" + id, "产品" + id, category, new BigDecimal(list), new BigDecimal(cost), active);
    }

    static PriceBook book(RuleSpec... rules) {
        return PriceBook.of(CATEGORIES, ITEMS, List.of(rules), List.of());
    }

    static PriceBook book(List<RuleSpec> rules, List<BundleSpec> bundles) {
        return PriceBook.of(CATEGORIES, ITEMS, rules, bundles);
    }

    static LineQuote one(PriceBook book, QuoteContext context, long product, int quantity) {
        return QuoteEngine.quote(book, context, List.of(new LineRequest(product, quantity)))
                .lines()
                .getFirst();
    }

    static BundleSpec bundle(long id, Long tier, BundleKind kind, String value, Map<Long, Integer> items) {
        return new BundleSpec(id, "B" + id, "套装" + id, tier, kind, new BigDecimal(value), null, null, items);
    }

    static R rule(long id) {
        return new R(id);
    }

    /** A rule builder: by default a regular, national, open-dated, everyone rule on product 10 at a fixed 90.00. */
    static final class R {
        long id;
        Long tier;
        RuleScope scope = RuleScope.PRODUCT;
        Long category;
        Long product = 10L;
        int minQuantity = 1;
        String province;
        String city;
        LocalDate from;
        LocalDate to;
        RuleKind kind = RuleKind.FIXED_PRICE;
        BigDecimal value = new BigDecimal("90.00");
        Rounding rounding = Rounding.CENT;
        BigDecimal guard;
        boolean promotion;
        int priority;

        R(long id) {
            this.id = id;
        }

        R product(long p) {
            scope = RuleScope.PRODUCT;
            product = p;
            category = null;
            return this;
        }

        R category(long c) {
            scope = RuleScope.CATEGORY;
            category = c;
            product = null;
            return this;
        }

        R all() {
            scope = RuleScope.ALL;
            category = null;
            product = null;
            return this;
        }

        R tier(Long t) {
            tier = t;
            return this;
        }

        R minQuantity(int q) {
            minQuantity = q;
            return this;
        }

        R region(String p, String c) {
            province = p;
            city = c;
            return this;
        }

        R dates(String f, String t) {
            from = f == null ? null : LocalDate.parse(f);
            to = t == null ? null : LocalDate.parse(t);
            return this;
        }

        R price(RuleKind k, String v) {
            kind = k;
            value = new BigDecimal(v);
            return this;
        }

        R fixed(String v) {
            return price(RuleKind.FIXED_PRICE, v);
        }

        R rounding(Rounding r) {
            rounding = r;
            return this;
        }

        R guard(String m) {
            guard = m == null ? null : new BigDecimal(m);
            return this;
        }

        R promotion() {
            promotion = true;
            return this;
        }

        R priority(int p) {
            priority = p;
            return this;
        }

        RuleSpec build() {
            return new RuleSpec(
                    id,
                    "R" + id,
                    "规则" + id,
                    tier,
                    scope,
                    category,
                    product,
                    minQuantity,
                    province,
                    city,
                    from,
                    to,
                    kind,
                    value,
                    rounding,
                    guard,
                    promotion,
                    priority);
        }
    }

    static List<RuleSpec> without(List<RuleSpec> rules, RuleSpec removed) {
        List<RuleSpec> out = new ArrayList<>(rules);
        out.remove(removed);
        return out;
    }
}
