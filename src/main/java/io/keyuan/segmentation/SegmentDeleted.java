package io.keyuan.segmentation;

/**
 * Published when a segment is deleted (alone or with its rule set), inside the deleting transaction, so that
 * modules targeting segments (price tiers, survey campaigns) can let go of it; commit-bound listeners hear it once
 * the delete is committed.
 */
public record SegmentDeleted(long segmentId, long ruleSetId, String name) {}
