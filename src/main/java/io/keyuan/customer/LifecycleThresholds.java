package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * When a customer counts as new, active, inactive or churned, and when as high value. A customer whose first
 * purchase is within {@code newDays} is NEW; else one whose last purchase is within {@code activeDays} is ACTIVE;
 * within {@code churnDays} INACTIVE; older CHURNED; one with no purchase POTENTIAL. HIGH value means spending at
 * least {@code highValueSpend} within the last {@code valueWindowDays}.
 */
public record LifecycleThresholds(
        long version,
        int newDays,
        int activeDays,
        int churnDays,
        BigDecimal highValueSpend,
        int valueWindowDays,
        String updatedBy,
        Instant updatedAt) {
    public static final int MAX_DAYS = 3650;
}
