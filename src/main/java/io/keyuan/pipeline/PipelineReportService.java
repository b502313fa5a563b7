package io.keyuan.pipeline;

import io.keyuan.pipeline.PipelineReport.Breakdown;
import io.keyuan.pipeline.PipelineReport.StageConversion;
import io.keyuan.pipeline.PipelineReport.StageDuration;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Funnel reports for managers, computed by the database: stages reached from the stage history, time in stage
 * with a window function (LEAD over each deal's changes), and grouped win rates and values.
 */
@Service
@Transactional(readOnly = true)
public class PipelineReportService {
    private final PipelineService pipelines;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    PipelineReportService(PipelineService pipelines, NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.pipelines = pipelines;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The report for deals opened from {@code from} to {@code to} (business days, both included). */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PipelineReport report(long pipelineId, LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw KeyuanException.onField("period", "pipeline.report.error.period-required");
        }
        if (to.isBefore(from)) {
            throw KeyuanException.onField("period", "pipeline.report.error.period-order");
        }
        PipelineDetail detail = pipelines.get(pipelineId);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("p", pipelineId)
                .addValue("from", Timestamp.from(DealService.startOf(from)))
                .addValue("to", Timestamp.from(DealService.startOf(to.plusDays(1))))
                .addValue("now", Timestamp.from(clock.instant()));
        String period = " d.pipeline_id = :p AND d.created_at >= :from AND d.created_at < :to";
        return new PipelineReport(
                detail.pipeline(),
                from,
                to,
                conversions(detail, p, period),
                durations(detail, p, period),
                breakdown("CAST(d.channel_id AS CHAR)", p, period),
                breakdown("d.acquisition_method", p, period),
                breakdown("CAST(d.owner_id AS CHAR)", p, period));
    }

    private List<StageConversion> conversions(PipelineDetail detail, MapSqlParameterSource p, String period) {
        // Per deal, the furthest stage on the path it reached (window MAX); a deal "went on" from a stage when it
        // reached a later one, whether or not the pipeline let it skip the next.
        Map<Long, long[]> reached = new HashMap<>();
        jdbc.query("""
                SELECT x.stage_id, COUNT(DISTINCT x.deal_id),
                    COUNT(DISTINCT CASE WHEN x.max_pos > x.pos THEN x.deal_id END),
                    COUNT(DISTINCT CASE WHEN x.won = 1 THEN x.deal_id END)
                FROM (SELECT h.deal_id, h.to_stage_id stage_id, hs.position pos, cs.kind = 'WON' won,
                        MAX(CASE WHEN hs.kind <> 'LOST' THEN hs.position END) OVER (PARTITION BY h.deal_id) max_pos
                      FROM deal d
                      JOIN pipeline_stage cs ON cs.id = d.stage_id
                      JOIN deal_stage_change h ON h.deal_id = d.id
                      JOIN pipeline_stage hs ON hs.id = h.to_stage_id
                      WHERE""" + period + """
                ) x
                GROUP BY x.stage_id
                """, p, rs -> {
            reached.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        });
        List<StageRow> path =
                detail.stages().stream().filter(s -> s.kind() != StageKind.LOST).toList();
        List<StageConversion> rows = new ArrayList<>();
        for (StageRow s : detail.stages()) {
            long[] r = reached.getOrDefault(s.id(), new long[3]);
            int i = path.indexOf(s);
            Long next = i >= 0 && i + 1 < path.size() ? r[1] : null;
            rows.add(new StageConversion(s, r[0], next, r[2]));
        }
        return rows;
    }

    private List<StageDuration> durations(PipelineDetail detail, MapSqlParameterSource p, String period) {
        Map<Long, Object[]> found = new HashMap<>();
        jdbc.query("""
                SELECT x.stage_id, AVG(TIMESTAMPDIFF(SECOND, x.changed_at, COALESCE(x.left_at, :now))) / 86400,
                    COUNT(*)
                FROM (SELECT h.to_stage_id stage_id, h.changed_at,
                        LEAD(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) left_at
                      FROM deal d JOIN deal_stage_change h ON h.deal_id = d.id
                      WHERE""" + period + """
                ) x
                JOIN pipeline_stage s ON s.id = x.stage_id AND s.kind = 'OPEN'
                GROUP BY x.stage_id
                """, p, rs -> {
            found.put(rs.getLong(1), new Object[] {rs.getDouble(2), rs.getLong(3)});
        });
        return detail.stages().stream()
                .filter(s -> s.kind() == StageKind.OPEN)
                .map(s -> {
                    Object[] f = found.getOrDefault(s.id(), new Object[] {0.0, 0L});
                    return new StageDuration(s, (Double) f[0], (Long) f[1]);
                })
                .toList();
    }

    private List<Breakdown> breakdown(String keyColumn, MapSqlParameterSource p, String period) {
        return jdbc.query(
                "SELECT " + keyColumn + " k, COUNT(*) n,"
                        + " SUM(s.kind = 'OPEN') o, SUM(s.kind = 'WON') w, SUM(s.kind = 'LOST') l,"
                        + " COALESCE(SUM(d.deal_value), 0) v,"
                        + " COALESCE(SUM(CASE WHEN s.kind = 'WON' THEN d.deal_value ELSE 0 END), 0) wv"
                        + " FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id WHERE" + period
                        + " GROUP BY k ORDER BY wv DESC, n DESC",
                p,
                (rs, i) -> new Breakdown(
                        rs.getString("k"),
                        rs.getLong("n"),
                        rs.getLong("o"),
                        rs.getLong("w"),
                        rs.getLong("l"),
                        rs.getBigDecimal("v"),
                        rs.getBigDecimal("wv")));
    }
}
