package io.keyuan.pricing;

import java.util.List;

/** A tier as the tier list shows it: its segments by id (in id order) and how many customers it has now. */
public record TierRow(
        long id,
        String code,
        String name,
        int priority,
        String description,
        long version,
        List<Long> segmentIds,
        long customers) {}
