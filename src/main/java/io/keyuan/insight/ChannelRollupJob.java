package io.keyuan.insight;

import io.keyuan.shared.Roles;
import io.keyuan.shared.db.DatabaseLocks;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The channel rollups rebuilt in full: nightly, after a bulk change, or when a manager asks. Two rebuilds never
 * interleave (they share the build tables): a job waits, cancellably, for the one running on any node to finish.
 * A job started for a request that a later rebuild already covered (its snapshot began after the request) has
 * nothing left to do and ends at once.
 */
@Component
class ChannelRollupJob implements JobHandler {
    static final String KIND = "insight-rollup";
    static final String LOCK = "keyuan.insight.rollup";

    /** Why the rebuild runs ({@code nightly}, {@code requested}, {@code manual}) and, for a request, since when. */
    record Parameters(String reason, Instant requestedAt) {}

    private final ChannelRollup rollup;
    private final DatabaseLocks locks;

    ChannelRollupJob(ChannelRollup rollup, DatabaseLocks locks) {
        this.rollup = rollup;
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

    /** Every manager sees the rebuild on the channel report, whoever started it. */
    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) throws InterruptedException {
        Parameters p = context.parameters(Parameters.class);
        context.progress(0, ChannelRollup.REBUILD_STEPS);
        while (!locks.runExclusively(LOCK, () -> {
            ChannelRollup.State state = rollup.state();
            if (p.requestedAt() != null && state.asOf() != null && !state.asOf().isBefore(p.requestedAt())) {
                context.summary("skipped", true);
                return;
            }
            ChannelRollup.Rebuilt r =
                    rollup.rebuild(step -> context.progress(step, ChannelRollup.REBUILD_STEPS), context::cancelled);
            context.summary("customers", r.customers());
            context.summary("cohortRows", r.cohortRows());
            context.summary("monthRows", r.monthRows());
            context.summary("millis", r.millis());
        })) {
            context.progress(0, ChannelRollup.REBUILD_STEPS, "insight.rollup.job.waiting");
            context.throwIfCancelled();
            Thread.sleep(1000);
        }
        context.progress(ChannelRollup.REBUILD_STEPS, ChannelRollup.REBUILD_STEPS);
    }
}
