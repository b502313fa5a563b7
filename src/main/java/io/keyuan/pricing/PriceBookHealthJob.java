package io.keyuan.pricing;

import io.keyuan.pricing.engine.Conflict;
import io.keyuan.pricing.engine.ConflictFinder;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.time.Clock;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The price book health check as a job: over 100,000 rules it takes seconds, which a view must not wait for. It
 * loads the book, finds the rules' conflicts and the tiers' problems, and stores the report as the latest one
 * ({@link HealthReports}), which the health view reads back. Every manager sees a check going on (the health page
 * follows it instead of starting another); one runs at a time. Its summary names the stored report ({@code
 * reportId}) and the number of issues ({@code issues}). Running it twice does no harm, so it is retryable.
 */
@Component
class PriceBookHealthJob implements JobHandler {
    static final String KIND = "pricing-health-check";
    private static final int STEPS = 4;

    /** Why the check runs ({@code manual}: a manager's click); the check itself needs nothing else. */
    record Parameters(String reason) {}

    private final PriceBookSource priceBooks;
    private final PriceBookHealthService health;
    private final HealthReports reports;
    private final Clock clock;

    PriceBookHealthJob(PriceBookSource priceBooks, PriceBookHealthService health, HealthReports reports, Clock clock) {
        this.priceBooks = priceBooks;
        this.health = health;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    /** The health page shows a check going on to every manager, whoever started it. */
    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    public boolean oneAtATime() {
        return true;
    }

    @Override
    public String busyMessageKey() {
        return "pricing.health.error.running";
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) {
        context.progress(0, STEPS, "pricing.health.progress.loading");
        PriceBook book = priceBooks.current();
        context.throwIfCancelled();
        context.progress(1, STEPS, "pricing.health.progress.rules");
        List<Conflict> conflicts = ConflictFinder.find(book);
        context.throwIfCancelled();
        context.progress(2, STEPS, "pricing.health.progress.tiers");
        List<HealthIssue> tierIssues = health.tierIssues();
        context.throwIfCancelled();
        context.progress(3, STEPS, "pricing.health.progress.saving");
        HealthReport report = PriceBookHealthService.assemble(conflicts, tierIssues, clock.instant(), context.owner());
        long reportId = reports.save(report, context.id().value());
        context.summary("reportId", reportId);
        context.summary("issues", report.issues().size());
        context.progress(STEPS, STEPS);
    }
}
