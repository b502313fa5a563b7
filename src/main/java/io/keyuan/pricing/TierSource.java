package io.keyuan.pricing;

/** Why a customer has a tier: one of the tier's segments holds them, or staff set it by hand. */
public enum TierSource {
    SEGMENT,
    MANUAL
}
