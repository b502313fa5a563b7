package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Recency / frequency / monetary and what they imply, as last computed in SQL. {@code recencyDays} and the RFM
 * scores (1–5, 5 best, quintiles over customers with purchases) are null for a customer who never bought; the
 * scores are also null until the first full refresh has computed the quintiles.
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
        Integer rScore,
        Integer fScore,
        Integer mScore,
        Instant refreshedAt) {}
