package io.keyuan.segmentation;

import java.time.Instant;
import java.util.List;

/**
 * One membership refresh and how far it got. {@code error} is technical detail for the log and support; users see
 * the status. {@code ruleSetId} and {@code ruleSetName} (as it was named then) say which rule set the run covered,
 * both null when it covered all of them. {@code skipped} lists segments left as they were because their rule no
 * longer passes the checks.
 */
public record RefreshRun(
        long id,
        RefreshTrigger trigger,
        String startedBy,
        Instant startedAt,
        Instant finishedAt,
        RefreshStatus status,
        int segmentsTotal,
        int segmentsDone,
        long entered,
        long exited,
        boolean cancelRequested,
        String error,
        Long ruleSetId,
        String ruleSetName,
        List<SkippedSegment> skipped) {
    public RefreshRun {
        skipped = List.copyOf(skipped);
    }

    public boolean running() {
        return status == RefreshStatus.RUNNING;
    }

    /** Done share between 0 and 1, for a progress bar. */
    public double progress() {
        return segmentsTotal == 0 ? (running() ? 0 : 1) : Math.min(1.0, segmentsDone / (double) segmentsTotal);
    }

    /**
     * {@code problemKey} is the i18n key of the first problem the rule check found, {@code problemArg} the value
     * it names (or null).
     */
    public record SkippedSegment(long segmentId, String segmentName, String problemKey, String problemArg) {}
}
