package io.keyuan.pricing;

import io.keyuan.pricing.HealthIssue.Kind;
import io.keyuan.pricing.HealthIssue.Severity;
import io.keyuan.pricing.engine.Conflict;
import io.keyuan.pricing.engine.ConflictFinder;
import io.keyuan.pricing.engine.RuleSpec;
import io.keyuan.shared.Roles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The price book health check for managers: every conflict the engine's conflict finder reports (shadowed,
 * ambiguous and margin-breaking rules) and every tier that cannot hold customers through its segments (bound to a
 * deleted segment, to an empty one, or to none), each with the route to fix it.
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

    PriceBookHealthService(PriceBookSource priceBooks, JdbcTemplate jdbc, Clock clock) {
        this.priceBooks = priceBooks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The whole check: the rules' conflicts, then the tiers' problems; errors first. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public HealthReport check() {
        List<HealthIssue> issues = new ArrayList<>(ruleIssues(ConflictFinder.find(priceBooks.current())));
        issues.addAll(tierIssues());
        issues.sort(Comparator.comparing(HealthIssue::severity)
                .thenComparing(HealthIssue::kind)
                .thenComparing(i -> i.code() == null ? "" : i.code()));
        return HealthReport.of(issues, clock.instant());
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
