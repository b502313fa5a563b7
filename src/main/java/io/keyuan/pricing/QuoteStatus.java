package io.keyuan.pricing;

/** Where a saved quote stands. */
public enum QuoteStatus {
    DRAFT,
    SENT,
    ACCEPTED,
    EXPIRED
}
