package io.keyuan.pricing;

/** What a rule covers: every product, a category with its sub-categories, or one product. */
public enum RuleScope {
    ALL,
    CATEGORY,
    PRODUCT
}
