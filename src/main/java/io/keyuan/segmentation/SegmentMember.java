package io.keyuan.segmentation;

import java.time.Instant;

/** A customer in a segment now, and since when. */
public record SegmentMember(long customerId, String code, String name, String city, Instant enteredAt) {}
