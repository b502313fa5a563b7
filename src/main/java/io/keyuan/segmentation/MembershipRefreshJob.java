package io.keyuan.segmentation;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.sql.Connection;
import java.util.concurrent.CancellationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * A membership refresh (every rule set, or one) as a job: on demand and nightly, one at a time across nodes. The
 * run table keeps what the membership page shows (segments done, entries, exits, skipped segments); the job adds
 * what every long operation has: it shows in "my jobs", survives the tab, is cancelled from there as from the
 * page, and a crash leaves it failed with a retry. The job's summary names its run ({@code runId}).
 */
@Component
class MembershipRefreshJob implements JobHandler {
    static final String KIND = "segment-refresh";

    /** Which rule set (null: all) and why: a manager's click or the schedule. */
    record Parameters(Long ruleSetId, RefreshTrigger trigger) {}

    private final MembershipRefresher refresher;

    MembershipRefreshJob(MembershipRefresher refresher) {
        this.refresher = refresher;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    /** The membership page shows the refresh going on to everyone who may open it. */
    @Override
    public String sharedWithRole() {
        return Roles.STAFF;
    }

    @Override
    public boolean oneAtATime() {
        return true;
    }

    @Override
    public String busyMessageKey() {
        return "segment.membership.error.running";
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) {
        Parameters p = context.parameters(Parameters.class);
        Connection c = refresher.lock();
        long runId;
        try {
            runId = refresher.createRun(
                    c, p.trigger() == null ? RefreshTrigger.MANUAL : p.trigger(), context.owner(), p.ruleSetId());
        } catch (RuntimeException e) {
            refresher.abandon(c);
            throw e;
        }
        context.summary("runId", runId);
        RefreshStatus end = refresher.run(
                c,
                runId,
                context::cancelled,
                (done, total) -> context.progress(done, total, "segment.membership.progress", done, total));
        switch (end) {
            case CANCELLED -> throw new CancellationException("refresh " + runId + " stopped");
            case FAILED -> throw new KeyuanException("segment.membership.failed");
            default -> {
                // done: the counts are in the run table
            }
        }
    }
}
