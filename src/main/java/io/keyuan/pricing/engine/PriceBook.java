package io.keyuan.pricing.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of the price book, indexed for quoting: rules by product, by category and for all
 * products. Built once per change of the book and shared by every quote.
 */
public final class PriceBook {
    private PriceBook() {}

    public static PriceBook of(
            Collection<CategoryNode> categories,
            Collection<CatalogueItem> items,
            Collection<RuleSpec> rules,
            Collection<BundleSpec> bundles) {
        throw new UnsupportedOperationException("engine helper implements this");
    }

    public Optional<CatalogueItem> item(long productId) {
        throw new UnsupportedOperationException();
    }

    public List<CatalogueItem> items() {
        throw new UnsupportedOperationException();
    }

    public List<CategoryNode> categories() {
        throw new UnsupportedOperationException();
    }

    public List<RuleSpec> rules() {
        throw new UnsupportedOperationException();
    }

    public List<BundleSpec> bundles() {
        throw new UnsupportedOperationException();
    }

    /** 0 for a root category, 1 for its children, and so on. */
    public int depth(long categoryId) {
        throw new UnsupportedOperationException();
    }

    /** Whether the product is in the category or one of its sub-categories. */
    public boolean inCategory(long productId, long categoryId) {
        throw new UnsupportedOperationException();
    }
}
