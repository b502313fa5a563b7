package io.keyuan.segmentation;

import java.util.List;

/**
 * A rule set's segments for one customer, in priority order. {@code assignedSegmentId} is the first matching
 * segment of an exclusive set (the one the customer falls into), null when none matches or the set overlaps.
 */
public record RuleSetExplanation(
        long ruleSetId, String name, RuleSetMode mode, Long assignedSegmentId, List<SegmentExplanation> segments) {
    public RuleSetExplanation {
        segments = List.copyOf(segments);
    }
}
