package io.keyuan.pricing;

import io.keyuan.pricing.HealthIssue.Kind;
import io.keyuan.pricing.HealthIssue.Severity;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The latest price book health report, kept in the database (V44) so that the health view shows it at once on any
 * node. Only the latest is kept: saving a report deletes the older ones in the same transaction. Issues are written
 * in JDBC batches (a book of 100,000 rules can have tens of thousands). Callers check the role: the health job (a
 * manager's) and {@link PriceBookHealthService}.
 */
@Component
class HealthReports {
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    HealthReports(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Stores the report as the latest one and returns its id. */
    long save(HealthReport report, Long jobId) {
        Long id = tx.execute(status -> {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update(
                    c -> {
                        var ps = c.prepareStatement(
                                "INSERT INTO price_health_report (job_id, checked_at, checked_by, issue_count)"
                                        + " VALUES (?, ?, ?, ?)",
                                new String[] {"id"});
                        if (jobId == null) {
                            ps.setNull(1, Types.BIGINT);
                        } else {
                            ps.setLong(1, jobId);
                        }
                        ps.setTimestamp(2, Timestamp.from(report.checkedAt()));
                        ps.setString(3, report.checkedBy() == null ? "system" : report.checkedBy());
                        ps.setInt(4, report.issues().size());
                        return ps;
                    },
                    key);
            long reportId = key.getKey().longValue();
            List<HealthIssue> issues = report.issues();
            for (int from = 0; from < issues.size(); from += BATCH) {
                List<HealthIssue> chunk = issues.subList(from, Math.min(issues.size(), from + BATCH));
                int offset = from;
                List<Object[]> rows = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    HealthIssue h = chunk.get(i);
                    rows.add(new Object[] {
                        reportId,
                        offset + i,
                        h.kind().name(),
                        h.severity().name(),
                        h.ruleId(),
                        h.tierId(),
                        cut(h.code(), 32),
                        cut(h.name(), 100),
                        cut(h.otherCode(), 32),
                        cut(h.detail(), 500),
                        cut(h.fixRoute(), 200)
                    });
                }
                jdbc.batchUpdate(
                        "INSERT INTO price_health_issue (report_id, seq, kind, severity, rule_id, tier_id, code, name,"
                                + " other_code, detail, fix_route) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        rows,
                        new int[] {
                            Types.BIGINT,
                            Types.INTEGER,
                            Types.VARCHAR,
                            Types.VARCHAR,
                            Types.BIGINT,
                            Types.BIGINT,
                            Types.VARCHAR,
                            Types.VARCHAR,
                            Types.VARCHAR,
                            Types.VARCHAR,
                            Types.VARCHAR
                        });
            }
            jdbc.update("DELETE FROM price_health_report WHERE id <> ?", reportId);
            return reportId;
        });
        return id == null ? 0 : id;
    }

    /** The latest stored report, if a check ever ran. */
    Optional<HealthReport> latest() {
        return tx.execute(status -> {
            List<Object[]> heads = jdbc.query(
                    "SELECT id, checked_at, checked_by FROM price_health_report ORDER BY checked_at DESC, id DESC"
                            + " LIMIT 1",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)});
            if (heads.isEmpty()) {
                return Optional.<HealthReport>empty();
            }
            Object[] head = heads.getFirst();
            List<HealthIssue> issues = jdbc.query(
                    "SELECT kind, severity, rule_id, tier_id, code, name, other_code, detail, fix_route"
                            + " FROM price_health_issue WHERE report_id = ? ORDER BY seq",
                    (rs, n) -> new HealthIssue(
                            Kind.valueOf(rs.getString(1)),
                            Severity.valueOf(rs.getString(2)),
                            rs.getObject(3, Long.class),
                            rs.getObject(4, Long.class),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)),
                    head[0]);
            return Optional.of(HealthReport.of(issues, (java.time.Instant) head[1], (String) head[2]));
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
