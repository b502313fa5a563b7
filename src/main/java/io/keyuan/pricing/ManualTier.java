package io.keyuan.pricing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's manual tier as staff set it: who and when, why, and the last day it holds (null = until cleared).
 * {@code valid} is false once the day has passed; the next derivation then drops it from the customer's tier.
 */
public record ManualTier(
        long customerId,
        long tierId,
        String tierName,
        String reason,
        LocalDate validUntil,
        String setBy,
        Instant setAt,
        boolean valid) {}
