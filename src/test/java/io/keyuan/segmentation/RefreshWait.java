package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests wait here for a background membership refresh to end, as the membership page would poll it. */
public final class RefreshWait {
    private RefreshWait() {}

    /** The run once it has ended; fails after a minute. */
    public static RefreshRun ended(SegmentMembershipService membership, long runId) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        RefreshRun run = membership.run(runId);
        while (run.running()) {
            assertThat(System.nanoTime())
                    .as("refresh " + runId + " finished in time")
                    .isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            run = membership.run(runId);
        }
        return run;
    }
}
