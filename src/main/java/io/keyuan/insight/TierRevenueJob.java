package io.keyuan.insight;

import io.keyuan.shared.Roles;
import io.keyuan.shared.db.DatabaseLocks;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/** The price tier rollup built again, on one node at a time (a database lock), one month after another. */
@Component
class TierRevenueJob implements JobHandler {
    static final String KIND = "insight-tier-rollup";
    static final String LOCK = "keyuan.insight.tier-rollup";

    /** A rebuild always does the same work: it needs nothing but the clock. */
    record Parameters() {}

    private final TierRevenueRollup snapshots;
    private final DatabaseLocks locks;

    TierRevenueJob(TierRevenueRollup snapshots, DatabaseLocks locks) {
        this.snapshots = snapshots;
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

    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    public boolean oneAtATime() {
        return true;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) throws InterruptedException {
        int total = snapshots.monthsToBuild();
        context.progress(0, total);
        while (!locks.runExclusively(
                LOCK, () -> snapshots.rebuild(done -> context.progress(done, total), context::cancelled))) {
            context.throwIfCancelled();
            Thread.sleep(1000);
        }
        context.progress(total, total);
    }
}
