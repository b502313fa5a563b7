package io.keyuan.pricing.engine;

import io.keyuan.pricing.RuleScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every conflict across the whole book: shadowed, ambiguous and margin-breaking rules (docs/pricing.md,
 * "Price book health").
 *
 * <p>SHADOWED is exact. A rule r wins a line when it applies and no rule before it in precedence applies. Fix the
 * product: among the contexts where r applies, the hardest one for the others is r's own tier (no tier when r is
 * for everyone), r's own region with nothing finer (no province when r is national, no city when r names only a
 * province), quantity r.minQuantity; every other context where r applies lets through a superset of the rules
 * that apply there. So r can win on the product iff r's dates are not covered by the union of the dates of the
 * rules before it that cover the product and apply at that hardest context. r is shadowed iff that union covers
 * r's dates on every product r covers (vacuously when it covers none).
 */
public final class ConflictFinder {
    private ConflictFinder() {}

    public static List<Conflict> find(PriceBook book) {
        List<Conflict> out = new ArrayList<>();
        Shadows shadows = new Shadows(book);
        for (PriceBook.Entry entry : book.ranked()) {
            Conflict c = shadows.check(entry);
            if (c != null) {
                out.add(c);
            }
        }
        out.addAll(ambiguous(book));
        out.addAll(margins(book));
        out.sort(Comparator.comparing((Conflict c) -> c.kind())
                .thenComparingLong(c -> c.rule().id())
                .thenComparingLong(c -> c.other() == null ? 0 : c.other().id()));
        return List.copyOf(out);
    }

    // ---- SHADOWED ----

    private static final class Shadows {
        private final PriceBook book;
        /** Per category, whether its plain products (no own rules before r) are covered: memo for one rule. */
        private final Map<Long, Boolean> memo = new HashMap<>();

        Shadows(PriceBook book) {
            this.book = book;
        }

        Conflict check(PriceBook.Entry r) {
            RuleSpec rule = r.rule();
            Interval target = Interval.of(rule.validFrom(), rule.validTo());
            switch (rule.scope()) {
                case PRODUCT -> {
                    CatalogueItem item = rule.productId() == null
                            ? null
                            : book.item(rule.productId()).orElse(null);
                    if (item == null) {
                        return shadowed(rule, null);
                    }
                    Coverage cov = new Coverage(r, target);
                    cov.addAll(book.productRules(item.productId()));
                    cov.addAll(book.chainRules(item.categoryId()));
                    return cov.covered() ? shadowed(rule, cov.dominator) : null;
                }
                case CATEGORY -> {
                    if (rule.categoryId() == null || !book.hasCategory(rule.categoryId())) {
                        return shadowed(rule, null);
                    }
                    Coverage common = new Coverage(r, target);
                    common.addAll(book.chainRules(rule.categoryId()));
                    if (common.covered()) {
                        return shadowed(rule, common.dominator);
                    }
                    memo.clear();
                    return everyProductCovered(r, target, rule.categoryId()) ? shadowed(rule, null) : null;
                }
                default -> {
                    Coverage common = new Coverage(r, target);
                    common.addAll(book.allRules());
                    if (common.covered()) {
                        return shadowed(rule, common.dominator);
                    }
                    memo.clear();
                    for (CategoryNode node : book.categories()) {
                        if (node.parentId() == null || !book.hasCategory(node.parentId())) {
                            if (!everyProductCovered(r, target, node.id())) {
                                return null;
                            }
                        }
                    }
                    for (CatalogueItem item : book.itemsOutsideTree()) {
                        if (!productCovered(r, target, item)) {
                            return null;
                        }
                    }
                    return shadowed(rule, null);
                }
            }
        }

        /** Depth-first over the sub-tree; stops at the first product r can win on. */
        private boolean everyProductCovered(PriceBook.Entry r, Interval target, long categoryId) {
            List<Long> stack = new ArrayList<>();
            stack.add(categoryId);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            while (!stack.isEmpty()) {
                long at = stack.removeLast();
                if (!seen.add(at)) {
                    continue;
                }
                for (CatalogueItem item : book.itemsIn(at)) {
                    if (!productCovered(r, target, item)) {
                        return false;
                    }
                }
                stack.addAll(book.children(at));
            }
            return true;
        }

        private boolean productCovered(PriceBook.Entry r, Interval target, CatalogueItem item) {
            PriceBook.Entry[] own = book.productRules(item.productId());
            boolean ownBefore = own.length > 0 && own[0].rank() < r.rank();
            if (!ownBefore) {
                Boolean known = memo.get(item.categoryId());
                if (known != null) {
                    return known;
                }
            }
            Coverage cov = new Coverage(r, target);
            cov.addAll(book.chainRules(item.categoryId()));
            if (!ownBefore) {
                boolean result = cov.covered();
                memo.put(item.categoryId(), result);
                return result;
            }
            cov.addAll(own);
            return cov.covered();
        }

        private static Conflict shadowed(RuleSpec rule, RuleSpec other) {
            return new Conflict(Conflict.Kind.SHADOWED, rule, other, other == null ? null : other.code());
        }
    }

    /** The dates covered by the rules before r that apply wherever r applies on one product (its hardest context). */
    private static final class Coverage {
        private final PriceBook.Entry r;
        private final Interval target;
        private final List<Interval> intervals = new ArrayList<>();
        RuleSpec dominator;
        private int dominatorRank = Integer.MAX_VALUE;

        Coverage(PriceBook.Entry r, Interval target) {
            this.r = r;
            this.target = target;
        }

        /** Entries are in rank order; only those before r count. */
        void addAll(PriceBook.Entry[] entries) {
            RuleSpec rule = r.rule();
            int quantity = Math.max(1, rule.minQuantity());
            for (PriceBook.Entry s : entries) {
                if (s.rank() >= r.rank()) {
                    break;
                }
                RuleSpec other = s.rule();
                if (other.minQuantity() > quantity
                        || !(other.tierId() == null || other.tierId().equals(rule.tierId()))
                        || !regionContains(other, rule)) {
                    continue;
                }
                Interval dates = Interval.of(other.validFrom(), other.validTo());
                if (!dates.intersects(target)) {
                    continue;
                }
                if (s.rank() < dominatorRank && dates.contains(target)) {
                    dominator = other;
                    dominatorRank = s.rank();
                }
                intervals.add(dates);
            }
        }

        boolean covered() {
            if (target.empty()) {
                return true;
            }
            if (dominator != null) {
                return true;
            }
            intervals.sort(Comparator.comparingLong(Interval::from));
            long reach = target.from() - 1;
            for (Interval i : intervals) {
                if (i.from() > reach + 1) {
                    return false;
                }
                reach = Math.max(reach, i.to());
                if (reach >= target.to()) {
                    return true;
                }
            }
            return reach >= target.to();
        }
    }

    /** Whether s applies at r's region with nothing finer (national / province without a city / the city). */
    static boolean regionContains(RuleSpec s, RuleSpec r) {
        if (s.province() == null) {
            return true;
        }
        if (!s.province().equals(r.province())) {
            return false;
        }
        return s.city() == null || s.city().equals(r.city());
    }

    /** Inclusive epoch days; open ends as the extremes. */
    record Interval(long from, long to) {
        static Interval of(LocalDate from, LocalDate to) {
            return new Interval(
                    from == null ? Long.MIN_VALUE / 4 : from.toEpochDay(),
                    to == null ? Long.MAX_VALUE / 4 : to.toEpochDay());
        }

        boolean empty() {
            return from > to;
        }

        boolean intersects(Interval o) {
            return from <= o.to && o.from <= to;
        }

        boolean contains(Interval o) {
            return from <= o.from && o.to <= to;
        }
    }

    // ---- AMBIGUOUS ----

    private record Key(
            boolean promotion,
            RuleScope scope,
            Long categoryId,
            Long productId,
            int minQuantity,
            String province,
            String city,
            Long tierId,
            int priority) {
        static Key of(RuleSpec r) {
            return new Key(
                    r.promotion(),
                    r.scope(),
                    r.scope() == RuleScope.CATEGORY ? r.categoryId() : null,
                    r.scope() == RuleScope.PRODUCT ? r.productId() : null,
                    r.minQuantity(),
                    r.province(),
                    r.province() == null ? null : r.city(),
                    r.tierId(),
                    r.priority());
        }
    }

    /**
     * Rules with the same precedence key up to the id always cover the same products, tier and region; they
     * overlap when their dates do (and their scope holds at least one product).
     */
    private static List<Conflict> ambiguous(PriceBook book) {
        Map<Key, List<RuleSpec>> groups = new HashMap<>();
        for (RuleSpec rule : book.rules()) {
            groups.computeIfAbsent(Key.of(rule), k -> new ArrayList<>()).add(rule);
        }
        List<Conflict> out = new ArrayList<>();
        for (Map.Entry<Key, List<RuleSpec>> group : groups.entrySet()) {
            List<RuleSpec> rules = group.getValue();
            if (rules.size() < 2 || !coversAny(book, rules.getFirst())) {
                continue;
            }
            rules.sort(Comparator.comparingLong((RuleSpec r) ->
                            Interval.of(r.validFrom(), r.validTo()).from())
                    .thenComparingLong(RuleSpec::id));
            List<RuleSpec> open = new ArrayList<>();
            for (RuleSpec rule : rules) {
                Interval dates = Interval.of(rule.validFrom(), rule.validTo());
                if (dates.empty()) {
                    continue;
                }
                open.removeIf(o -> Interval.of(o.validFrom(), o.validTo()).to() < dates.from());
                for (RuleSpec o : open) {
                    RuleSpec low = o.id() < rule.id() ? o : rule;
                    RuleSpec high = low == o ? rule : o;
                    out.add(new Conflict(Conflict.Kind.AMBIGUOUS, low, high, high.code()));
                }
                open.add(rule);
            }
        }
        return out;
    }

    private static boolean coversAny(PriceBook book, RuleSpec rule) {
        return switch (rule.scope()) {
            case ALL -> !book.items().isEmpty();
            case PRODUCT ->
                rule.productId() != null && book.item(rule.productId()).isPresent();
            case CATEGORY -> rule.categoryId() != null && firstItemUnder(book, rule.categoryId()) != null;
        };
    }

    private static CatalogueItem firstItemUnder(PriceBook book, long categoryId) {
        List<Long> stack = new ArrayList<>(List.of(categoryId));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            long at = stack.removeLast();
            if (!seen.add(at)) {
                continue;
            }
            List<CatalogueItem> items = book.itemsIn(at);
            if (!items.isEmpty()) {
                return items.getFirst();
            }
            stack.addAll(book.children(at));
        }
        return null;
    }

    // ---- MARGIN ----

    /** For each rule, the first product it covers (by category, then id) where its price before the guard breaks it. */
    private static List<Conflict> margins(PriceBook book) {
        List<Conflict> out = new ArrayList<>();
        Map<Long, List<CatalogueItem>> subtree = new HashMap<>();
        for (RuleSpec rule : book.rules()) {
            List<CatalogueItem> covered = switch (rule.scope()) {
                case PRODUCT ->
                    rule.productId() == null
                            ? List.of()
                            : book.item(rule.productId()).map(List::of).orElse(List.of());
                case CATEGORY ->
                    rule.categoryId() == null
                            ? List.of()
                            : subtree.computeIfAbsent(rule.categoryId(), c -> itemsUnder(book, c));
                case ALL -> book.items();
            };
            for (CatalogueItem item : covered) {
                if (breaks(rule, item)) {
                    out.add(new Conflict(Conflict.Kind.MARGIN, rule, null, item.code()));
                    break;
                }
            }
        }
        return out;
    }

    static boolean breaks(RuleSpec rule, CatalogueItem item) {
        BigDecimal price = Money.rounded(rule, item);
        BigDecimal floor = Money.floor(rule, item);
        return price.compareTo(floor != null ? floor : item.cost()) < 0;
    }

    private static List<CatalogueItem> itemsUnder(PriceBook book, long categoryId) {
        List<CatalogueItem> out = new ArrayList<>();
        List<Long> stack = new ArrayList<>(List.of(categoryId));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            long at = stack.removeLast();
            if (!seen.add(at)) {
                continue;
            }
            out.addAll(book.itemsIn(at));
            List<Long> children = new ArrayList<>(book.children(at));
            children.sort(Comparator.reverseOrder());
            stack.addAll(children);
        }
        return out;
    }
}
