package io.keyuan.segmentation;

import java.time.Instant;

/**
 * A segment with its rule set, as the membership page lists them. {@code members} and {@code countedAt} come from
 * the last run that refreshed the segment; both are null when none has. {@code stale} says that the count was taken
 * under another rule version, another mode of the set, or (exclusive sets) another priority of the segment, so the
 * next refresh will change it; changes to the set's other segments are not tracked.
 */
public record SegmentOverviewRow(
        long ruleSetId,
        String ruleSetName,
        RuleSetMode mode,
        long segmentId,
        String segmentName,
        int priority,
        Long members,
        Instant countedAt,
        boolean stale) {}
