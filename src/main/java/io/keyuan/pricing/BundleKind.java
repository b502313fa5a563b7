package io.keyuan.pricing;

/** A bundle sells one set at a price, or at a percentage off the set's summed line prices. */
public enum BundleKind {
    PRICE,
    DISCOUNT
}
