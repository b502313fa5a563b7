package io.keyuan.segmentation;

/** A segment with its rule in use; {@code version} is the optimistic-lock version to send back on save. */
public record SegmentSummary(
        long id, long ruleSetId, String name, int priority, int ruleVersion, RuleNode rule, long version) {}
