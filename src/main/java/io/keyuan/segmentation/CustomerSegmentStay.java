package io.keyuan.segmentation;

import java.time.Instant;

/** A stretch of time a customer spent in a segment; {@code exitedAt} is null while they are still in it. */
public record CustomerSegmentStay(
        long segmentId, String segmentName, long ruleSetId, String ruleSetName, Instant enteredAt, Instant exitedAt) {}
