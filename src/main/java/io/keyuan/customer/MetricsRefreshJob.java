package io.keyuan.customer;

import io.keyuan.shared.Roles;
import io.keyuan.shared.db.DatabaseLocks;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Everyone's metrics (lifecycle, value, RFM) computed again: after a manager changed the thresholds, nightly, and
 * once on a database whose RFM cuts were never taken. Two refreshes never interleave (one would write chunks with
 * thresholds the other has replaced): a job waits, cancellably, for the one running anywhere to finish, then runs
 * with the thresholds stored by then. Its parameters say only why it runs, so a retry is always the same work.
 */
@Component
class MetricsRefreshJob implements JobHandler {
    static final String KIND = "lifecycle-refresh";
    static final String LOCK = "keyuan.metrics.refresh";

    /** Why the refresh runs: {@code thresholds}, {@code nightly} or {@code catch-up}. */
    record Parameters(String reason) {}

    private final CustomerMetricsService metrics;
    private final DatabaseLocks locks;

    MetricsRefreshJob(CustomerMetricsService metrics, DatabaseLocks locks) {
        this.metrics = metrics;
        this.locks = locks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    /** Every manager sees the recompute on the lifecycle page, whoever started it. */
    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) throws InterruptedException {
        long max = metrics.maxCustomerId();
        context.progress(0, max);
        while (!locks.runExclusively(
                LOCK, () -> metrics.refreshAllUnlocked(done -> context.progress(done, max), context::cancelled))) {
            context.progress(0, max, "lifecycle.job.waiting");
            context.throwIfCancelled();
            Thread.sleep(1000);
        }
        context.progress(max, max);
    }
}
