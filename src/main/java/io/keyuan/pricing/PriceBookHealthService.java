package io.keyuan.pricing;

import io.keyuan.pricing.HealthIssue.Kind;
import io.keyuan.pricing.HealthIssue.Severity;
import io.keyuan.pricing.engine.Conflict;
import io.keyuan.pricing.engine.ConflictFinder;
import io.keyuan.pricing.engine.RuleSpec;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The price book health check for managers: every conflict the engine's conflict finder reports (shadowed,
 * ambiguous and margin-breaking rules) and every tier that cannot hold customers through its segments (bound to a
 * deleted segment, to an empty one, or to none), each with the route to fix it.
 *
 * <p>Over a large book the check takes seconds, so the portal runs it as a job ({@link #startCheck}, kind {@value
 * PriceBookHealthJob#KIND}) that stores its report; {@link #latest} reads the latest stored report back at once.
 */
@Service
@Transactional(readOnly = true)
public class PriceBookHealthService {
    /** The route of the tier list, with query parameter {@code tier=<id>} opening one tier. */
    public static final String TIERS_ROUTE = "tiers";

    public static final String RULES_ROUTE = "rules";

    private final PriceBookSource priceBooks;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JobService jobs;
    private final HealthReports reports;

    PriceBookHealthService(
            PriceBookSource priceBooks, JdbcTemplate jdbc, Clock clock, JobService jobs, HealthReports reports) {
        this.priceBooks = priceBooks;
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobs = jobs;
        this.reports = reports;
    }

    /**
     * The whole check, here and now on the caller's thread: the rules' conflicts, then the tiers' problems; errors
     * first. Not stored; the portal runs {@link #startCheck} instead.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public HealthReport check() {
        return assemble(ConflictFinder.find(priceBooks.current()), tierIssues(), clock.instant(), null);
    }

    /**
     * Starts the check as a job of the calling manager's and returns its id: it runs on a worker, shows in "my jobs"
     * and to every manager on the health page, and stores its report as the latest. One runs at a time; while one
     * is going on, another start is refused ({@code pricing.health.error.running}): follow {@link #currentCheck}.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED) // the job service commits the job row itself
    public JobId startCheck() {
        return jobs.submit(JobRequest.of(PriceBookHealthJob.KIND, new PriceBookHealthJob.Parameters("manual"))
                .about("pricing.health.job-subject"));
    }

    /** The check queued or running now (started by any manager, on any node), if there is one. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Optional<JobView> currentCheck() {
        return jobs.active(PriceBookHealthJob.KIND);
    }

    /** The report of the latest check that ran as a job, with when and by whom; empty before the first one. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Optional<HealthReport> latest() {
        return reports.latest();
    }

    /** One report from the parts of the check: the rules' conflicts and the tiers' problems, errors first. */
    static HealthReport assemble(List<Conflict> conflicts, List<HealthIssue> tierIssues, Instant at, String by) {
        List<HealthIssue> issues = new ArrayList<>(ruleIssues(conflicts));
        issues.addAll(tierIssues);
        issues.sort(Comparator.comparing(HealthIssue::severity)
                .thenComparing(HealthIssue::kind)
                .thenComparing(i -> i.code() == null ? "" : i.code()));
        return HealthReport.of(issues, at, by);
    }

    /** The tiers' problems alone, read in one query over the tiers and their segments. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public List<HealthIssue> tierIssues() {
        List<HealthIssue> issues = new ArrayList<>();
        jdbc.query("""
                SELECT t.id, t.code, t.name, ts.segment_id, s.id, s.name,
                       (SELECT COUNT(*) FROM segment_membership m WHERE m.segment_id = s.id)
                FROM price_tier t
                LEFT JOIN price_tier_segment ts ON ts.tier_id = t.id
                LEFT JOIN segment s ON s.id = ts.segment_id
                ORDER BY t.priority, ts.segment_id""", rs -> {
            long tierId = rs.getLong(1);
            String code = rs.getString(2);
            String name = rs.getString(3);
            long boundId = rs.getLong(4);
            boolean bound = !rs.wasNull();
            rs.getLong(5);
            boolean exists = !rs.wasNull();
            String segmentName = rs.getString(6);
            long members = rs.getLong(7);
            String route = TIERS_ROUTE + "?tier=" + tierId;
            if (!bound) {
                issues.add(new HealthIssue(
                        Kind.TIER_NO_SEGMENT, Severity.WARNING, null, tierId, code, name, null, null, route));
            } else if (!exists) {
                issues.add(new HealthIssue(
                        Kind.TIER_SEGMENT_DELETED,
                        Severity.ERROR,
                        null,
                        tierId,
                        code,
                        name,
                        null,
                        String.valueOf(boundId),
                        route));
            } else if (members == 0) {
                issues.add(new HealthIssue(
                        Kind.TIER_SEGMENT_EMPTY, Severity.WARNING, null, tierId, code, name, null, segmentName, route));
            }
        });
        return issues;
    }

    static List<HealthIssue> ruleIssues(List<Conflict> conflicts) {
        return conflicts.stream()
                .map(c -> {
                    RuleSpec r = c.rule();
                    Kind kind = switch (c.kind()) {
                        case SHADOWED -> Kind.SHADOWED;
                        case AMBIGUOUS -> Kind.AMBIGUOUS;
                        case MARGIN -> Kind.MARGIN;
                    };
                    Severity severity = kind == Kind.MARGIN ? Severity.ERROR : Severity.WARNING;
                    return new HealthIssue(
                            kind,
                            severity,
                            r.id(),
                            null,
                            r.code(),
                            r.name(),
                            c.other() == null ? null : c.other().code(),
                            c.detail(),
                            RULES_ROUTE + "/" + r.id());
                })
                .toList();
    }
}
