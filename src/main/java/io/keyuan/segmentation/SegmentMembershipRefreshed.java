package io.keyuan.segmentation;

import java.util.List;

/**
 * Published once a membership refresh has ended and changed something, after its last write committed, so that
 * modules targeting segments (price tiers, survey campaigns) can react without polling. {@code ruleSetId} is null
 * when the run covered every rule set; {@code segments} lists each segment the run wrote, with its member count
 * after the run and how many customers entered and left it. A cancelled or failed run still reports what it
 * finished: those segments changed for good.
 */
public record SegmentMembershipRefreshed(
        long runId, Long ruleSetId, RefreshStatus status, List<SegmentChange> segments) {
    public SegmentMembershipRefreshed {
        segments = List.copyOf(segments);
    }

    /** One segment's outcome in the run. */
    public record SegmentChange(long segmentId, long ruleSetId, long members, long entered, long exited) {
        public boolean changed() {
            return entered > 0 || exited > 0;
        }
    }
}
