package io.keyuan.segmentation;

import java.time.YearMonth;

/**
 * A segment at the end of a month (the current month: now): its members after the last refresh run that began
 * before the month ended (null when no run had refreshed it yet), and how many entered and left in the runs of that
 * month.
 */
public record SegmentMonthSize(long segmentId, YearMonth month, Long members, long entered, long exited) {}
