package io.keyuan.pricing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's tier and why: source SEGMENT names the segment (segmentId, segmentName); MANUAL names who set it,
 * the reason and the last day it holds (validUntil null = until removed).
 */
public record TierAssignment(
        long customerId,
        long tierId,
        String tierCode,
        String tierName,
        TierSource source,
        Long segmentId,
        String segmentName,
        String setBy,
        String reason,
        LocalDate validUntil,
        Instant assignedAt) {}
