package io.keyuan.pricing;

import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Every customer's tier derived again, as a job: over a million customers it takes seconds, which neither the
 * manager who saved a tier nor the one who deleted a segment should wait for. Jobs of this kind may queue behind
 * one another (a change made while one runs needs a run that starts after it); the derivation's own lock keeps two
 * from writing at once, and a run that finds nothing changed costs one pass. Its summary counts the customers with a
 * tier ({@code customers}) and the rows it removed and wrote ({@code removed}, {@code written}).
 */
@Component
class TierDerivationJob implements JobHandler {
    static final String KIND = "pricing-tier-derivation";

    /** What made the tiers stale: a tier's change, a deleted segment, a manager's click. */
    record Parameters(String reason) {}

    private final TierDerivation derivation;

    TierDerivationJob(TierDerivation derivation) {
        this.derivation = derivation;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    /** The tier list follows a derivation any manager's change started. */
    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) {
        context.progress(0, 1, "pricing.tier.progress.deriving");
        TierDerivation.Outcome outcome = derivation.rederiveCounting();
        context.summary("customers", outcome.customers());
        context.summary("removed", outcome.removed());
        context.summary("written", outcome.written());
        context.progress(1, 1);
    }
}
