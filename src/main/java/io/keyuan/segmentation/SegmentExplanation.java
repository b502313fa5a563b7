package io.keyuan.segmentation;

import java.util.List;

/**
 * Whether a customer matches one segment's current rule, with every node of the rule in tree order; no nodes (and
 * no match) when the stored rule cannot be read.
 */
public record SegmentExplanation(
        long segmentId, String name, int priority, int ruleVersion, boolean matches, List<RuleNodeExplanation> nodes) {
    public SegmentExplanation {
        nodes = List.copyOf(nodes);
    }
}
