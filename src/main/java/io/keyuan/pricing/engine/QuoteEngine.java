package io.keyuan.pricing.engine;

import io.keyuan.pricing.BundleKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prices lines against a price book. Deterministic: the same book, context and lines give the same result. */
public final class QuoteEngine {
    static final String INACTIVE_PRODUCT = "pricing.warning.inactive-product";
    static final String BELOW_COST = "pricing.warning.below-cost";
    static final String GUARD_APPLIED = "pricing.warning.guard-applied";
    static final String TOTAL_BELOW_COST = "pricing.warning.total-below-cost";

    private QuoteEngine() {}

    /** Lines are numbered from 1 in the order given; a product the book does not hold is an IllegalArgumentException. */
    public static QuoteResult quote(PriceBook book, QuoteContext context, List<LineRequest> lines) {
        if (context == null || context.date() == null) {
            throw new IllegalArgumentException("a quote needs a context with a date");
        }
        List<LineQuote> quoted = new ArrayList<>(lines.size());
        int lineNo = 0;
        for (LineRequest line : lines) {
            lineNo++;
            CatalogueItem item = book.item(line.productId())
                    .orElseThrow(() -> new IllegalArgumentException("unknown product " + line.productId()));
            if (line.quantity() < 1) {
                throw new IllegalArgumentException("line " + line.productId() + ": quantity below 1");
            }
            quoted.add(line(book, context, lineNo, item, line.quantity()));
        }
        List<BundleMatch> matches = bundles(book, context, quoted);

        BigDecimal listTotal = Money.ZERO;
        BigDecimal linesTotal = Money.ZERO;
        BigDecimal costTotal = Money.ZERO;
        for (LineQuote q : quoted) {
            BigDecimal qty = BigDecimal.valueOf(q.quantity());
            listTotal = listTotal.add(Money.scale(q.listPrice().multiply(qty)));
            linesTotal = linesTotal.add(q.lineTotal());
            costTotal = costTotal.add(Money.scale(q.cost().multiply(qty)));
        }
        BigDecimal bundleDiscount = Money.ZERO;
        for (BundleMatch match : matches) {
            bundleDiscount = bundleDiscount.add(match.discount());
        }
        BigDecimal total = linesTotal.subtract(bundleDiscount);
        List<Warning> warnings = new ArrayList<>();
        if (total.compareTo(costTotal) < 0) {
            warnings.add(Warning.of(TOTAL_BELOW_COST, total.toPlainString(), costTotal.toPlainString()));
        }
        return new QuoteResult(
                context,
                List.copyOf(quoted),
                List.copyOf(matches),
                listTotal,
                linesTotal,
                bundleDiscount,
                total,
                costTotal,
                Money.marginPercent(total, costTotal),
                warnings);
    }

    private static LineQuote line(PriceBook book, QuoteContext context, int lineNo, CatalogueItem item, int quantity) {
        RuleSpec[] candidates = book.covering(item.productId());
        RuleSpec winner = null;
        BeatenRule.Reason[] reasons = new BeatenRule.Reason[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            reasons[i] = Applicability.failure(candidates[i], context, quantity);
            if (winner == null && reasons[i] == null) {
                winner = candidates[i];
            }
        }
        List<BeatenRule> beaten = new ArrayList<>(Math.max(0, candidates.length - 1));
        for (int i = 0; i < candidates.length; i++) {
            RuleSpec rule = candidates[i];
            if (rule == winner) {
                continue;
            }
            if (reasons[i] == null) {
                beaten.add(new BeatenRule(
                        rule,
                        BeatenRule.Reason.LOWER_PRECEDENCE,
                        Precedence.decidingStep(book, winner, rule).name()));
            } else {
                beaten.add(new BeatenRule(rule, reasons[i], Applicability.detail(rule, reasons[i])));
            }
        }

        List<Warning> warnings = new ArrayList<>();
        if (!item.active()) {
            warnings.add(Warning.of(INACTIVE_PRODUCT, item.code()));
        }
        BigDecimal unit;
        boolean guardApplied = false;
        if (winner == null) {
            unit = Money.scale(item.listPrice());
        } else {
            unit = Money.rounded(winner, item);
            BigDecimal floor = Money.floor(winner, item);
            if (floor != null && unit.compareTo(floor) < 0) {
                unit = floor;
                guardApplied = true;
                warnings.add(Warning.of(GUARD_APPLIED, item.code(), winner.code(), floor.toPlainString()));
            }
        }
        BigDecimal cost = Money.scale(item.cost());
        if (unit.compareTo(cost) < 0) {
            warnings.add(Warning.of(BELOW_COST, item.code(), unit.toPlainString(), cost.toPlainString()));
        }
        return new LineQuote(
                lineNo,
                item,
                quantity,
                Money.scale(item.listPrice()),
                unit,
                Money.scale(unit.multiply(BigDecimal.valueOf(quantity))),
                cost,
                Money.marginPercent(unit, cost),
                winner,
                guardApplied,
                java.util.Collections.unmodifiableList(beaten),
                List.copyOf(warnings));
    }

    /**
     * Bundles compete for the same units: the applicable bundles are taken greedily, the largest discount per set
     * first (then the lower id), each as many whole sets as the units left allow.
     */
    private static List<BundleMatch> bundles(PriceBook book, QuoteContext context, List<LineQuote> lines) {
        if (book.bundles().isEmpty() || lines.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> left = new LinkedHashMap<>();
        Map<Long, BigDecimal> unitPrice = new HashMap<>();
        for (LineQuote line : lines) {
            left.merge(line.product().productId(), line.quantity(), Integer::sum);
            unitPrice.putIfAbsent(line.product().productId(), line.unitPrice());
        }
        record Offer(BundleSpec bundle, BigDecimal regularPerSet, BigDecimal discountPerSet) {}
        List<Offer> offers = new ArrayList<>();
        for (BundleSpec bundle : book.bundles()) {
            if (!Applicability.tierMatches(bundle.tierId(), context.tierId())
                    || !Applicability.dateMatches(bundle.validFrom(), bundle.validTo(), context.date())
                    || bundle.items().isEmpty()
                    || sets(bundle, left) < 1) {
                continue;
            }
            BigDecimal regular = regularPerSet(bundle, unitPrice);
            BigDecimal discount = regular.subtract(bundlePrice(bundle, regular, 1));
            if (discount.signum() > 0) {
                offers.add(new Offer(bundle, regular, discount));
            }
        }
        offers.sort(Comparator.comparing(Offer::discountPerSet)
                .reversed()
                .thenComparingLong(o -> o.bundle().id()));
        List<BundleMatch> matches = new ArrayList<>();
        for (Offer offer : offers) {
            BundleSpec bundle = offer.bundle();
            int sets = sets(bundle, left);
            if (sets < 1) {
                continue;
            }
            BigDecimal regular = offer.regularPerSet().multiply(BigDecimal.valueOf(sets));
            BigDecimal price = bundlePrice(bundle, regular, sets);
            BigDecimal discount = regular.subtract(price);
            if (discount.signum() <= 0) {
                continue;
            }
            bundle.items().forEach((product, qty) -> left.merge(product, -qty * sets, Integer::sum));
            matches.add(new BundleMatch(bundle, sets, regular, price, discount));
        }
        return matches;
    }

    private static int sets(BundleSpec bundle, Map<Long, Integer> left) {
        int sets = Integer.MAX_VALUE;
        for (Map.Entry<Long, Integer> item : bundle.items().entrySet()) {
            if (item.getValue() == null || item.getValue() < 1) {
                return 0;
            }
            sets = Math.min(sets, left.getOrDefault(item.getKey(), 0) / item.getValue());
        }
        return sets;
    }

    private static BigDecimal regularPerSet(BundleSpec bundle, Map<Long, BigDecimal> unitPrice) {
        BigDecimal sum = Money.ZERO;
        for (Map.Entry<Long, Integer> item : bundle.items().entrySet()) {
            sum = sum.add(unitPrice.get(item.getKey()).multiply(BigDecimal.valueOf(item.getValue())));
        }
        return Money.scale(sum);
    }

    private static BigDecimal bundlePrice(BundleSpec bundle, BigDecimal regular, int sets) {
        BigDecimal value = bundle.value() == null ? BigDecimal.ZERO : bundle.value();
        if (bundle.kind() == BundleKind.PRICE) {
            return Money.scale(value.multiply(BigDecimal.valueOf(sets)));
        }
        return regular.multiply(Money.HUNDRED.subtract(value)).divide(Money.HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
