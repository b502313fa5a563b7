package io.keyuan.insight;

import io.keyuan.shared.Roles;
import io.keyuan.shared.db.DatabaseLocks;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A monthly table built again as a job: managers start it and every manager sees it, one at a time on all nodes
 * (the kind is one-at-a-time, the work runs under a database lock that a second node waits for, cancellably), with
 * progress by month.
 */
abstract class MonthlyRebuildJob implements JobHandler {
    private final String kind;
    private final String lock;
    private final DatabaseLocks locks;

    MonthlyRebuildJob(String kind, String lock, DatabaseLocks locks) {
        this.kind = kind;
        this.lock = lock;
        this.locks = locks;
    }

    /** How many months a rebuild writes, for its progress. */
    protected abstract int monthsToBuild();

    /** Writes every month again, telling the months done; stops early when cancelled. */
    protected abstract void rebuild(LongConsumer progress, BooleanSupplier cancelled);

    @Override
    public String kind() {
        return kind;
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
        int total = monthsToBuild();
        context.progress(0, total);
        while (!locks.runExclusively(lock, () -> rebuild(done -> context.progress(done, total), context::cancelled))) {
            context.throwIfCancelled();
            Thread.sleep(1000);
        }
        context.progress(total, total);
    }
}
