package io.keyuan.pricing.engine;

import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated price book of a chosen size, the same for the same seed: the benchmark (`bench pricing`) and the
 * engine's own measurement use it. A three-level category tree (10 × 5 × 4) with the products in the leaves;
 * rules 95 % on a product, 5 % on a category, two in ten thousand on all products; 40 % for everyone; 70 %
 * national, 20 % a province, 10 % a city; a tenth promotions, dated within 2026 for 3 to 30 days; of the others
 * half open-dated, the rest within 2026; a third with quantity breaks; some with a margin guard. Bundles: one per hundred products, of two or three products.
 */
public final class SyntheticBook {
    static final String[] PROVINCES = {"浙江", "江苏", "广东", "上海", "北京", "四川", "湖北", "山东", "福建", "河南"};
    private static final int[] BREAKS = {5, 10, 20, 50};
    private static final LocalDate YEAR = LocalDate.of(2026, 1, 1);

    private SyntheticBook() {}

    public static PriceBook generate(long seed, int products, int rules, int tiers) {
        Random random = new Random(seed);
        List<CategoryNode> categories = new ArrayList<>();
        List<Long> leaves = new ArrayList<>();
        long next = 1;
        for (int a = 0; a < 10; a++) {
            long root = next++;
            categories.add(new CategoryNode(root, "C" + root, "分类 " + root, null));
            for (int b = 0; b < 5; b++) {
                long mid = next++;
                categories.add(new CategoryNode(mid, "C" + mid, "分类 " + mid, root));
                for (int c = 0; c < 4; c++) {
                    long leaf = next++;
                    categories.add(new CategoryNode(leaf, "C" + leaf, "分类 " + leaf, mid));
                    leaves.add(leaf);
                }
            }
        }
        List<CatalogueItem> items = new ArrayList<>(products);
        for (int i = 1; i <= products; i++) {
            long listCents = 500 + random.nextInt(200_000);
            long costCents = listCents * (40 + random.nextInt(45)) / 100;
            items.add(new CatalogueItem(
                    i,
                    "P" + i,
                    "产品 " + i,
                    leaves.get(random.nextInt(leaves.size())),
                    BigDecimal.valueOf(listCents, 2),
                    BigDecimal.valueOf(costCents, 2),
                    random.nextInt(50) != 0));
        }
        List<RuleSpec> ruleList = new ArrayList<>(rules);
        for (int i = 1; i <= rules; i++) {
            int pick = random.nextInt(10_000);
            RuleScope scope = pick < 2 ? RuleScope.ALL : pick < 500 ? RuleScope.CATEGORY : RuleScope.PRODUCT;
            Long categoryId = scope == RuleScope.CATEGORY
                    ? categories.get(random.nextInt(categories.size())).id()
                    : null;
            Long productId = scope == RuleScope.PRODUCT ? (long) (1 + random.nextInt(Math.max(1, products))) : null;
            Long tierId = tiers > 0 && random.nextInt(10) >= 4 ? (long) (1 + random.nextInt(tiers)) : null;
            String province = null;
            String city = null;
            int region = random.nextInt(10);
            if (region >= 7) {
                province = PROVINCES[random.nextInt(PROVINCES.length)];
                if (region == 9) {
                    city = province + "市" + (1 + random.nextInt(3));
                }
            }
            boolean promotion = random.nextInt(10) == 0;
            LocalDate from = null;
            LocalDate to = null;
            if (promotion) {
                from = YEAR.plusDays(random.nextInt(350));
                to = from.plusDays(3 + random.nextInt(28));
            } else if (random.nextBoolean()) {
                from = YEAR.plusDays(random.nextInt(330));
                to = from.plusDays(7 + random.nextInt(120));
            }
            int minQuantity = random.nextInt(3) == 0 ? BREAKS[random.nextInt(BREAKS.length)] : 1;
            RuleKind kind = RuleKind.values()[random.nextInt(RuleKind.values().length)];
            BigDecimal value = switch (kind) {
                case FIXED_PRICE -> BigDecimal.valueOf(500 + random.nextInt(150_000), 2);
                case PERCENT_OFF -> BigDecimal.valueOf(1 + random.nextInt(40));
                case AMOUNT_OFF -> BigDecimal.valueOf(100 + random.nextInt(5_000), 2);
                case MARKUP_ON_COST -> BigDecimal.valueOf(5 + random.nextInt(80));
            };
            BigDecimal guard = random.nextInt(10) < 3 ? BigDecimal.valueOf(5 + random.nextInt(25)) : null;
            ruleList.add(new RuleSpec(
                    i,
                    "R" + i,
                    "规则 " + i,
                    tierId,
                    scope,
                    categoryId,
                    productId,
                    minQuantity,
                    province,
                    city,
                    from,
                    to,
                    kind,
                    value,
                    Rounding.values()[random.nextInt(Rounding.values().length)],
                    guard,
                    promotion,
                    random.nextInt(10)));
        }
        List<BundleSpec> bundles = new ArrayList<>();
        for (int i = 1; i <= products / 100; i++) {
            Map<Long, Integer> set = new LinkedHashMap<>();
            int size = 2 + random.nextInt(2);
            while (set.size() < size && set.size() < products) {
                set.put((long) (1 + random.nextInt(products)), 1 + random.nextInt(3));
            }
            boolean price = random.nextBoolean();
            bundles.add(new BundleSpec(
                    i,
                    "B" + i,
                    "套装 " + i,
                    tiers > 0 && random.nextInt(3) == 0 ? (long) (1 + random.nextInt(tiers)) : null,
                    price ? BundleKind.PRICE : BundleKind.DISCOUNT,
                    price
                            ? BigDecimal.valueOf(1000 + random.nextInt(200_000), 2)
                            : BigDecimal.valueOf(5 + random.nextInt(20)),
                    null,
                    null,
                    Map.copyOf(set)));
        }
        return PriceBook.of(categories, items, ruleList, bundles);
    }

    /** Lines for a quote on the generated book: distinct products, quantities 1 to 60. */
    public static List<LineRequest> lines(long seed, PriceBook book, int count) {
        Random random = new Random(seed);
        List<LineRequest> lines = new ArrayList<>(count);
        int size = book.items().size();
        for (int i = 0; i < count; i++) {
            lines.add(new LineRequest(book.items().get(random.nextInt(size)).productId(), 1 + random.nextInt(60)));
        }
        return lines;
    }

    /** A context on the generated book: a tier (or none), a province and city (or national), a date in 2026. */
    public static QuoteContext context(long seed, int tiers) {
        Random random = new Random(seed);
        Long tier = tiers > 0 && random.nextBoolean() ? (long) (1 + random.nextInt(tiers)) : null;
        String province = PROVINCES[random.nextInt(PROVINCES.length)];
        return new QuoteContext(
                tier, province, province + "市" + (1 + random.nextInt(3)), YEAR.plusDays(random.nextInt(365)));
    }
}
