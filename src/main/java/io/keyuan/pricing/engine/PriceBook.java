package io.keyuan.pricing.engine;

import io.keyuan.pricing.RuleScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the price book, indexed for quoting: rules by product, by category and for all
 * products. Built once per change of the book and shared by every quote.
 *
 * <p>Precedence does not depend on the line (a category rule's depth is the depth of its own category), so the
 * book sorts every rule once and gives each its rank; the rules that can cover a product are the product's own
 * rules plus the rules of its category chain and the rules on all products, each list kept in rank order.
 */
public final class PriceBook {
    private static final Entry[] NONE = new Entry[0];

    private final List<CategoryNode> categories;
    private final List<CatalogueItem> items;
    private final List<RuleSpec> rules;
    private final List<BundleSpec> bundles;
    private final Map<Long, CatalogueItem> itemById;
    private final Map<Long, CategoryNode> categoryById;
    private final Map<Long, Integer> depthById;
    private final Map<Long, long[]> chainById;
    private final Map<Long, List<Long>> childrenById;
    private final Map<Long, List<CatalogueItem>> itemsByCategory;
    /** Every rule in precedence order; entry.rank is the index here. */
    private final Entry[] ranked;

    private final Map<Long, Entry> entryById;
    private final Map<Long, Entry[]> byProduct;
    private final Map<Long, Entry[]> byCategory;
    private final Entry[] forAll;
    /** Rules on a category's chain (its own, its ancestors') and on all products, in rank order. */
    private final Map<Long, Entry[]> chainRules = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per product, the rules covering it in rank order; filled as products are quoted. */
    private final Map<Long, RuleSpec[]> coveringByProduct = new java.util.concurrent.ConcurrentHashMap<>();

    private PriceBook(
            Collection<CategoryNode> categories,
            Collection<CatalogueItem> items,
            Collection<RuleSpec> rules,
            Collection<BundleSpec> bundles) {
        this.categories = List.copyOf(sortedBy(categories, CategoryNode::id));
        this.items = List.copyOf(sortedBy(items, CatalogueItem::productId));
        this.rules = List.copyOf(sortedBy(rules, RuleSpec::id));
        this.bundles = List.copyOf(sortedBy(bundles, BundleSpec::id));
        itemById = new HashMap<>(this.items.size() * 2);
        for (CatalogueItem item : this.items) {
            itemById.put(item.productId(), item);
        }
        categoryById = new HashMap<>();
        childrenById = new HashMap<>();
        for (CategoryNode node : this.categories) {
            categoryById.put(node.id(), node);
        }
        for (CategoryNode node : this.categories) {
            if (node.parentId() != null && categoryById.containsKey(node.parentId())) {
                childrenById
                        .computeIfAbsent(node.parentId(), k -> new ArrayList<>())
                        .add(node.id());
            }
        }
        depthById = new HashMap<>();
        chainById = new HashMap<>();
        for (CategoryNode node : this.categories) {
            List<Long> chain = new ArrayList<>();
            Long at = node.id();
            while (at != null && categoryById.containsKey(at) && !chain.contains(at)) {
                chain.add(at);
                at = categoryById.get(at).parentId();
            }
            chainById.put(node.id(), chain.stream().mapToLong(Long::longValue).toArray());
            depthById.put(node.id(), chain.size() - 1);
        }
        itemsByCategory = new HashMap<>();
        for (CatalogueItem item : this.items) {
            itemsByCategory
                    .computeIfAbsent(item.categoryId(), k -> new ArrayList<>())
                    .add(item);
        }

        Comparator<RuleSpec> order = Precedence.order(this);
        RuleSpec[] sorted = this.rules.toArray(RuleSpec[]::new);
        Arrays.sort(sorted, order);
        ranked = new Entry[sorted.length];
        entryById = new HashMap<>(sorted.length * 2);
        Map<Long, List<Entry>> product = new HashMap<>();
        Map<Long, List<Entry>> category = new HashMap<>();
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            Entry entry = new Entry(sorted[i], i);
            ranked[i] = entry;
            entryById.put(entry.rule().id(), entry);
            RuleSpec rule = entry.rule();
            if (rule.scope() == RuleScope.PRODUCT) {
                if (rule.productId() != null) {
                    product.computeIfAbsent(rule.productId(), k -> new ArrayList<>())
                            .add(entry);
                }
            } else if (rule.scope() == RuleScope.CATEGORY) {
                if (rule.categoryId() != null) {
                    category.computeIfAbsent(rule.categoryId(), k -> new ArrayList<>())
                            .add(entry);
                }
            } else {
                all.add(entry);
            }
        }
        byProduct = toArrays(product);
        byCategory = toArrays(category);
        forAll = all.toArray(NONE);
    }

    public static PriceBook of(
            Collection<CategoryNode> categories,
            Collection<CatalogueItem> items,
            Collection<RuleSpec> rules,
            Collection<BundleSpec> bundles) {
        return new PriceBook(categories, items, rules, bundles);
    }

    public Optional<CatalogueItem> item(long productId) {
        return Optional.ofNullable(itemById.get(productId));
    }

    public List<CatalogueItem> items() {
        return items;
    }

    public List<CategoryNode> categories() {
        return categories;
    }

    /** Every rule, by id. */
    public List<RuleSpec> rules() {
        return rules;
    }

    public List<BundleSpec> bundles() {
        return bundles;
    }

    /** 0 for a root category, 1 for its children, and so on; 0 for a category the book does not hold. */
    public int depth(long categoryId) {
        return depthById.getOrDefault(categoryId, 0);
    }

    /** Whether the product is in the category or one of its sub-categories. */
    public boolean inCategory(long productId, long categoryId) {
        CatalogueItem item = itemById.get(productId);
        if (item == null) {
            return false;
        }
        for (long id : chain(item.categoryId())) {
            if (id == categoryId) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rule's scope covers the product (ALL, its category chain, or the product itself). */
    public boolean covers(RuleSpec rule, long productId) {
        return switch (rule.scope()) {
            case ALL -> itemById.containsKey(productId);
            case CATEGORY -> rule.categoryId() != null && inCategory(productId, rule.categoryId());
            case PRODUCT -> rule.productId() != null && rule.productId() == productId;
        };
    }

    /** The rules whose scope covers the product, best first (the precedence order). */
    public List<RuleSpec> rulesCovering(long productId) {
        return java.util.Collections.unmodifiableList(Arrays.asList(covering(productId)));
    }

    /** The same, as the engine reads it: merged once per product and kept (the caller must not change it). */
    RuleSpec[] covering(long productId) {
        RuleSpec[] cached = coveringByProduct.get(productId);
        if (cached != null) {
            return cached;
        }
        CatalogueItem item = itemById.get(productId);
        if (item == null) {
            return new RuleSpec[0];
        }
        Entry[] own = byProduct.getOrDefault(productId, NONE);
        Entry[] chain = chainRules(item.categoryId());
        RuleSpec[] out = new RuleSpec[own.length + chain.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < own.length || j < chain.length) {
            if (j >= chain.length || (i < own.length && own[i].rank() < chain[j].rank())) {
                out[k++] = own[i++].rule();
            } else {
                out[k++] = chain[j++].rule();
            }
        }
        coveringByProduct.put(productId, out);
        return out;
    }

    // ---- package-private indexes for the engine and the conflict finder ----

    Entry entry(long ruleId) {
        return entryById.get(ruleId);
    }

    Entry[] ranked() {
        return ranked;
    }

    Entry[] productRules(long productId) {
        return byProduct.getOrDefault(productId, NONE);
    }

    Entry[] categoryRules(long categoryId) {
        return byCategory.getOrDefault(categoryId, NONE);
    }

    Entry[] allRules() {
        return forAll;
    }

    /** The category and its ancestors, nearest first; empty for a category the book does not hold. */
    long[] chain(long categoryId) {
        long[] chain = chainById.get(categoryId);
        return chain == null ? new long[0] : chain;
    }

    boolean hasCategory(long categoryId) {
        return categoryById.containsKey(categoryId);
    }

    List<Long> children(long categoryId) {
        return childrenById.getOrDefault(categoryId, List.of());
    }

    List<CatalogueItem> itemsIn(long categoryId) {
        return itemsByCategory.getOrDefault(categoryId, List.of());
    }

    /** Products whose category the book does not hold (only ALL and PRODUCT rules can cover them). */
    List<CatalogueItem> itemsOutsideTree() {
        List<CatalogueItem> out = new ArrayList<>();
        for (CatalogueItem item : items) {
            if (!categoryById.containsKey(item.categoryId())) {
                out.add(item);
            }
        }
        return out;
    }

    /** Rules on the category's chain and on all products, in rank order (cached per category). */
    Entry[] chainRules(long categoryId) {
        Entry[] cached = chainRules.get(categoryId);
        if (cached != null) {
            return cached;
        }
        List<Entry> merged = new ArrayList<>(Arrays.asList(forAll));
        for (long id : chain(categoryId)) {
            merged.addAll(Arrays.asList(categoryRules(id)));
        }
        merged.sort(Comparator.comparingInt(Entry::rank));
        Entry[] result = merged.toArray(NONE);
        chainRules.put(categoryId, result);
        return result;
    }

    /** A rule with its place in the precedence order. */
    record Entry(RuleSpec rule, int rank) {}

    private static <T> List<T> sortedBy(Collection<T> values, java.util.function.ToLongFunction<T> id) {
        List<T> list = new ArrayList<>(values);
        list.sort(Comparator.comparingLong(id));
        return list;
    }

    private static Map<Long, Entry[]> toArrays(Map<Long, List<Entry>> lists) {
        Map<Long, Entry[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.toArray(NONE)));
        return out;
    }
}
