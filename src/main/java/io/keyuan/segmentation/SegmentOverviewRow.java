package io.keyuan.segmentation;

import java.time.Instant;

/**
 * A segment with its rule set, as the membership page lists them. {@code members} and {@code countedAt} come from
 * the last run that refreshed the segment; both are null when none has.
 */
public record SegmentOverviewRow(
        long ruleSetId,
        String ruleSetName,
        RuleSetMode mode,
        long segmentId,
        String segmentName,
        int priority,
        Long members,
        Instant countedAt) {}
