package io.keyuan.pricing;

/**
 * The product list's filter: {@code text} in the code or name, {@code categoryId} with its sub-categories,
 * {@code active} (null = both). Nulls and blanks filter nothing.
 */
public record ProductFilter(String text, Long categoryId, Boolean active) {
    public static ProductFilter none() {
        return new ProductFilter(null, null, null);
    }
}
