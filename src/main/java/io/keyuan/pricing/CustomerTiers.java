package io.keyuan.pricing;

import java.util.Optional;

/** Reads a customer's stored tier (customer_price_tier joined with the override for who and why). */
public interface CustomerTiers {
    Optional<TierAssignment> of(long customerId);
}
