package io.keyuan.pipeline;

import io.keyuan.shared.Roles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Writes many deals and their stage histories fast: JDBC batches with the driver's defaults, one transaction per
 * call. For demo data and benchmarks; single edits go through {@link DealService}.
 */
@Service
public class DealBulkLoader {
    private static final String INSERT_DEAL = """
            INSERT INTO deal (id, pipeline_id, stage_id, title, customer_id, deal_value, owner_id, channel_id,
                acquisition_method, expected_close, stage_entered_at, lost_reason, version, created_at, created_by,
                updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            """;
    private static final String INSERT_CHANGE = """
            INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)
            VALUES (?, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    DealBulkLoader(DataSource dataSource, JdbcTemplate jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** The first free deal id; the caller numbers its rows from there (single writer). */
    @PreAuthorize(Roles.HAS_ADMIN)
    public long nextDealId() {
        Long max = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM deal", Long.class);
        return (max == null ? 0 : max) + 1;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    public long dealCount(long pipelineId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM deal WHERE pipeline_id = ?", Long.class, pipelineId);
        return n == null ? 0 : n;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    public void insert(List<NewDeal> deals) {
        if (deals.isEmpty()) {
            return;
        }
        String who = actor();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement(INSERT_DEAL);
                    PreparedStatement h = c.prepareStatement(INSERT_CHANGE)) {
                for (NewDeal deal : deals) {
                    Timestamp created = Timestamp.from(deal.createdAt());
                    NewDeal.Step last = deal.history().getLast();
                    int i = 1;
                    d.setLong(i++, deal.id());
                    d.setLong(i++, deal.pipelineId());
                    d.setLong(i++, deal.stageId());
                    d.setString(i++, deal.title());
                    d.setLong(i++, deal.customerId());
                    d.setBigDecimal(i++, deal.value());
                    d.setObject(i++, deal.ownerId(), Types.BIGINT);
                    d.setObject(i++, deal.channelId(), Types.BIGINT);
                    d.setString(
                            i++, deal.method() == null ? null : deal.method().name());
                    d.setObject(
                            i++,
                            deal.expectedClose() == null ? null : java.sql.Date.valueOf(deal.expectedClose()),
                            Types.DATE);
                    d.setTimestamp(i++, Timestamp.from(last.at()));
                    d.setString(i++, deal.lostReason());
                    d.setTimestamp(i++, created);
                    d.setString(i++, who);
                    d.setTimestamp(i++, Timestamp.from(last.at()));
                    d.setString(i, who);
                    d.addBatch();
                    for (NewDeal.Step s : deal.history()) {
                        h.setLong(1, deal.id());
                        h.setObject(2, s.from(), Types.BIGINT);
                        h.setLong(3, s.to());
                        h.setTimestamp(4, Timestamp.from(s.at()));
                        h.setString(5, who);
                        h.addBatch();
                    }
                }
                d.executeBatch();
                h.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk insert failed: " + e.getMessage(), e);
        }
    }

    /** Refreshes the optimizer's statistics after a bulk load, so that board and report plans use the indexes. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public void analyze() {
        jdbc.execute("ANALYZE TABLE deal, deal_stage_change, pipeline_stage");
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
