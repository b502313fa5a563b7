package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Recency / frequency / monetary and what they imply, as last computed in SQL. {@code recencyDays} is null for a
 * customer who never bought.
 */
public record CustomerMetrics(
        LocalDate firstPurchase,
        LocalDate lastPurchase,
        Integer recencyDays,
        int frequency,
        BigDecimal monetary,
        BigDecimal recentSpend,
        BigDecimal averageOrderValue,
        Lifecycle lifecycle,
        ValueLevel valueLevel,
        Instant refreshedAt) {}
