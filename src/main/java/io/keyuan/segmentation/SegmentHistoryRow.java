package io.keyuan.segmentation;

import java.time.Instant;

/** A segment after one refresh run: its member count then, and how many entered and left in that run. */
public record SegmentHistoryRow(long runId, Instant refreshedAt, long members, long entered, long exited) {}
