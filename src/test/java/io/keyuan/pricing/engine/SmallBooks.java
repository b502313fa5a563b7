package io.keyuan.pricing.engine;

import io.keyuan.pricing.BundleKind;
import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Small random price books for the properties, from a seed: categories 1 > 2 > 3 and 4, five products, tiers 1
 * and 2, 浙江 (杭州, 宁波) and 江苏 (南京), dates in January 2026; rules crowded enough to beat each other often.
 */
final class SmallBooks {
    static final LocalDate BASE = LocalDate.of(2026, 1, 1);
    private static final String[][] REGIONS = {
        {null, null}, {null, null}, {null, null}, {"浙江", null}, {"浙江", "杭州"}, {"浙江", "宁波"}, {"江苏", null}, {"江苏", "南京"}
    };

    record Small(
            List<CategoryNode> categories, List<CatalogueItem> items, List<RuleSpec> rules, List<BundleSpec> bundles) {
        PriceBook book() {
            return PriceBook.of(categories, items, rules, bundles);
        }

        Small withRules(List<RuleSpec> other) {
            return new Small(categories, items, other, bundles);
        }

        List<LineRequest> allProducts(int quantity) {
            return items.stream()
                    .map(i -> new LineRequest(i.productId(), quantity))
                    .toList();
        }
    }

    /** A quote to ask: a context and every product at one quantity. */
    record Probe(QuoteContext context, int quantity) {}

    private SmallBooks() {}

    static Small generate(long seed, int maxRules, boolean bundles) {
        return generate(seed, maxRules, bundles, false);
    }

    /**
     * crowded: rules pile up on products 1 and 2 (and their categories), mostly national, with dates cut at a few
     * shared days, so that rules shadow each other often, alone and several together.
     */
    static Small generate(long seed, int maxRules, boolean bundles, boolean crowded) {
        Random random = new Random(seed);
        List<CategoryNode> categories = List.of(
                new CategoryNode(1, "C1", "一", null),
                new CategoryNode(2, "C2", "二", 1L),
                new CategoryNode(3, "C3", "三", 2L),
                new CategoryNode(4, "C4", "四", null));
        long[] categoryOf = {3, 2, 1, 4, 3};
        List<CatalogueItem> items = new ArrayList<>();
        for (int i = 0; i < categoryOf.length; i++) {
            long list = 1000 + random.nextInt(20_000);
            long cost = list * (30 + random.nextInt(60)) / 100;
            items.add(new CatalogueItem(
                    i + 1,
                    "P" + (i + 1),
                    "产品",
                    categoryOf[i],
                    BigDecimal.valueOf(list, 2),
                    BigDecimal.valueOf(cost, 2),
                    true));
        }
        int count = 1 + random.nextInt(maxRules);
        Set<Long> ids = new LinkedHashSet<>();
        while (ids.size() < count) {
            ids.add((long) (1 + random.nextInt(100)));
        }
        List<RuleSpec> rules = new ArrayList<>();
        for (long id : ids) {
            rules.add(crowded ? crowdedRule(random, id) : rule(random, id));
        }
        List<BundleSpec> bundleList = new ArrayList<>();
        if (bundles) {
            int n = random.nextInt(3);
            for (int b = 1; b <= n; b++) {
                Map<Long, Integer> set = new HashMap<>();
                set.put((long) (1 + random.nextInt(5)), 1 + random.nextInt(2));
                set.put((long) (1 + random.nextInt(5)), 1 + random.nextInt(2));
                boolean price = random.nextBoolean();
                bundleList.add(new BundleSpec(
                        b,
                        "B" + b,
                        "套装",
                        random.nextInt(3) == 0 ? (long) (1 + random.nextInt(2)) : null,
                        price ? BundleKind.PRICE : BundleKind.DISCOUNT,
                        price
                                ? BigDecimal.valueOf(1000 + random.nextInt(40_000), 2)
                                : BigDecimal.valueOf(random.nextInt(30)),
                        null,
                        null,
                        Map.copyOf(set)));
            }
        }
        return new Small(categories, items, rules, bundleList);
    }

    static RuleSpec crowdedRule(Random random, long id) {
        RuleSpec r = rule(random, id);
        LocalDate[] cuts = {null, BASE, BASE.plusDays(5), BASE.plusDays(10), BASE.plusDays(15)};
        LocalDate from = cuts[random.nextInt(cuts.length)];
        LocalDate to = cuts[random.nextInt(cuts.length)];
        if (to != null) {
            to = to.minusDays(random.nextInt(2));
        }
        if (from != null && to != null && to.isBefore(from)) {
            LocalDate swap = from;
            from = to;
            to = swap;
        }
        String[] region = random.nextInt(3) == 0 ? REGIONS[random.nextInt(REGIONS.length)] : new String[] {null, null};
        Long product = r.productId() == null ? null : (long) (1 + random.nextInt(2));
        return new RuleSpec(
                r.id(),
                r.code(),
                r.name(),
                random.nextInt(3) == 0 ? r.tierId() : null,
                r.scope(),
                r.categoryId(),
                product,
                random.nextInt(3) == 0 ? r.minQuantity() : 1,
                region[0],
                region[1],
                from,
                to,
                r.kind(),
                r.value(),
                r.rounding(),
                r.minMarginPercent(),
                random.nextInt(6) == 0,
                random.nextInt(2));
    }

    static RuleSpec rule(Random random, long id) {
        int s = random.nextInt(10);
        RuleScope scope = s < 5 ? RuleScope.PRODUCT : s < 8 ? RuleScope.CATEGORY : RuleScope.ALL;
        String[] region = REGIONS[random.nextInt(REGIONS.length)];
        LocalDate from = random.nextBoolean() ? null : BASE.plusDays(random.nextInt(30));
        LocalDate to = random.nextBoolean()
                ? null
                : (from == null ? BASE : from).plusDays(random.nextInt(from == null ? 30 : 15));
        RuleKind kind = RuleKind.values()[random.nextInt(4)];
        BigDecimal value = switch (kind) {
            case FIXED_PRICE -> BigDecimal.valueOf(random.nextInt(25_000), 2);
            case PERCENT_OFF -> BigDecimal.valueOf(random.nextInt(101));
            case AMOUNT_OFF -> BigDecimal.valueOf(random.nextInt(30_000), 2);
            case MARKUP_ON_COST -> BigDecimal.valueOf(random.nextInt(100));
        };
        int[] quantities = {1, 1, 2, 5};
        return new RuleSpec(
                id,
                "R" + id,
                "规则",
                random.nextBoolean() ? null : (long) (1 + random.nextInt(2)),
                scope,
                scope == RuleScope.CATEGORY ? (long) (1 + random.nextInt(4)) : null,
                scope == RuleScope.PRODUCT ? (long) (1 + random.nextInt(5)) : null,
                quantities[random.nextInt(quantities.length)],
                region[0],
                region[1],
                from,
                to,
                kind,
                value,
                Rounding.values()[random.nextInt(5)],
                random.nextInt(5) < 2 ? BigDecimal.valueOf(5 + random.nextInt(40)) : null,
                random.nextInt(5) == 0,
                random.nextInt(3));
    }

    /**
     * The probe set of docs/pricing.md: every tier used and none; national, a province nobody uses, each province
     * used (without city) and each city used; every validity boundary (from, to, the day after to, the day before
     * from) and one early and one late day; every minimum quantity, one less, and 1.
     */
    static List<Probe> probes(List<RuleSpec> rules) {
        Set<Long> tiers = new TreeSet<>();
        Set<List<String>> regions = new LinkedHashSet<>();
        regions.add(java.util.Arrays.asList(null, null));
        regions.add(java.util.Arrays.asList("未用", null));
        TreeSet<LocalDate> dates = new TreeSet<>(List.of(BASE.minusYears(5), BASE.plusYears(5)));
        TreeSet<Integer> quantities = new TreeSet<>(List.of(1));
        for (RuleSpec r : rules) {
            if (r.tierId() != null) {
                tiers.add(r.tierId());
            }
            if (r.province() != null) {
                regions.add(java.util.Arrays.asList(r.province(), null));
                if (r.city() != null) {
                    regions.add(java.util.Arrays.asList(r.province(), r.city()));
                }
            }
            if (r.validFrom() != null) {
                dates.add(r.validFrom());
                dates.add(r.validFrom().minusDays(1));
            }
            if (r.validTo() != null) {
                dates.add(r.validTo());
                dates.add(r.validTo().plusDays(1));
            }
            quantities.add(Math.max(1, r.minQuantity()));
            quantities.add(Math.max(1, r.minQuantity() - 1));
        }
        List<Long> tierList = new ArrayList<>(tiers);
        tierList.add(null);
        List<Probe> probes = new ArrayList<>();
        for (Long tier : tierList) {
            for (List<String> region : regions) {
                for (LocalDate date : dates) {
                    for (int quantity : quantities) {
                        probes.add(new Probe(new QuoteContext(tier, region.get(0), region.get(1), date), quantity));
                    }
                }
            }
        }
        return probes;
    }
}
