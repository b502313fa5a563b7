package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobView;

/** Tests wait here for a membership refresh job to end, as the membership page would follow it. */
public final class RefreshWait {
    private RefreshWait() {}

    /** The run the job made, once the job has ended; fails after a minute, or when the job made no run. */
    public static RefreshRun ended(SegmentMembershipService membership, JobId job) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JobView view = membership.refreshJob(job);
        while (view.active()) {
            assertThat(System.nanoTime())
                    .as("refresh job " + job + " finished in time")
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            view = membership.refreshJob(job);
        }
        JobView end = view;
        return membership.runOf(job).orElseThrow(() -> new AssertionError("job " + job + " made no run: " + end));
    }
}
