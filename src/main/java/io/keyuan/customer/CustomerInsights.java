package io.keyuan.customer;

import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only figures about the customer base for reports, all SQL aggregates over the customer module's own tables:
 * the RFM grid (recency × frequency scores, with customers and spend per cell, and the customers of a cell), and
 * the lifecycle counts as they stood at the end of any past day, derived from purchase history with today's
 * thresholds exactly as the live metrics derive them for today — so the report of today equals the metrics.
 */
@Service
public class CustomerInsights {
    public static final int MAX_CELL_CUSTOMERS = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final CustomerMetricsService metrics;

    CustomerInsights(NamedParameterJdbcTemplate jdbc, CustomerMetricsService metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /** One cell of the RFM grid: recency and frequency scores (1–5, 5 best), its customers and their total spend. */
    public record RfmCell(int recency, int frequency, long customers, BigDecimal revenue) {}

    /** A customer in an RFM cell. */
    public record RfmCustomer(
            long id, String code, String name, int monetaryScore, BigDecimal spend, LocalDate lastPurchase) {}

    /**
     * How many customers stood in each lifecycle at the end of {@code day}, how many became CHURNED during the
     * period that ends then (from {@code periodStart}), how many were of high value, and what they bought in it.
     */
    public record LifecycleCounts(
            LocalDate periodStart,
            LocalDate day,
            long potential,
            long fresh,
            long active,
            long inactive,
            long churned,
            long highValue,
            long becameChurned,
            BigDecimal revenue) {
        public long total() {
            return potential + fresh + active + inactive + churned;
        }

        /** Customers who have bought and are not churned: those who can churn next. */
        public long retained() {
            return fresh + active + inactive;
        }
    }

    /** Every non-empty cell of the grid; customers without purchases have no scores and are in none. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public List<RfmCell> rfmGrid() {
        return jdbc.query(
                """
                SELECT r_score, f_score, COUNT(*) n, SUM(monetary) revenue
                FROM customer_metrics WHERE r_score IS NOT NULL AND f_score IS NOT NULL
                GROUP BY r_score, f_score ORDER BY r_score DESC, f_score
                """,
                Map.of(),
                (rs, i) -> new RfmCell(
                        rs.getInt("r_score"), rs.getInt("f_score"), rs.getLong("n"), rs.getBigDecimal("revenue")));
    }

    /** The customers of one cell, biggest spenders first, at most {@code limit} (up to {@value #MAX_CELL_CUSTOMERS}). */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public List<RfmCustomer> rfmCell(int recency, int frequency, int limit) {
        if (recency < 1 || recency > 5 || frequency < 1 || frequency > 5) {
            throw new KeyuanException("insight.rfm.error.cell");
        }
        return jdbc.query(
                """
                SELECT c.id, c.code, c.name, m.m_score, m.monetary, m.last_purchase
                FROM customer_metrics m JOIN customer c ON c.id = m.customer_id
                WHERE m.r_score = :r AND m.f_score = :f
                ORDER BY m.monetary DESC, c.id LIMIT :limit
                """,
                Map.of("r", recency, "f", frequency, "limit", Math.clamp(limit, 1, MAX_CELL_CUSTOMERS)),
                (rs, i) -> new RfmCustomer(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getInt("m_score"),
                        rs.getBigDecimal("monetary"),
                        rs.getObject("last_purchase", LocalDate.class)));
    }

    /**
     * The lifecycle counts at the end of {@code day} as the metrics would have derived them that evening: only
     * purchases up to that day count, and a customer counts once created by then or once they had bought (records
     * imported later with older purchases count from their first purchase). The thresholds are today's.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public LifecycleCounts lifecycleAsOf(LocalDate periodStart, LocalDate day) {
        if (periodStart.isAfter(day)) {
            throw new KeyuanException("insight.error.period");
        }
        LifecycleThresholds t = metrics.thresholds();
        LocalDate before = periodStart.minusDays(1);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("day", Date.valueOf(day))
                .addValue("start", Date.valueOf(periodStart))
                .addValue(
                        "dayEnd",
                        Timestamp.valueOf(day.plusDays(1)
                                .atStartOfDay(BusinessTime.ZONE)
                                .withZoneSameInstant(ZoneOffset.UTC)
                                .toLocalDateTime()))
                .addValue("newFrom", Date.valueOf(day.minusDays(t.newDays())))
                .addValue("activeFrom", Date.valueOf(day.minusDays(t.activeDays())))
                .addValue("churnFrom", Date.valueOf(day.minusDays(t.churnDays())))
                .addValue("churnFromBefore", Date.valueOf(before.minusDays(t.churnDays())))
                .addValue("valueFrom", Date.valueOf(day.minusDays(t.valueWindowDays())))
                .addValue("highValue", t.highValueSpend());
        // The CASE order of the metrics (POTENTIAL, NEW, ACTIVE, INACTIVE, CHURNED) as sums of exclusive conditions.
        // One pass over the customers in key order, each joined to its purchases up to the day through the
        // (customer, date, amount) index and grouped as it streams. Joining the customers to a derived table of
        // purchases grouped by customer instead made the server build that table with a key, on disk: 42 s a month
        // at 1,000,000 customers and 5,000,000 purchases against 10 s this way (bench insight).
        return jdbc.queryForObject(
                """
                SELECT COALESCE(SUM(a.last_p IS NULL), 0) potential,
                       COALESCE(SUM(a.first_p >= :newFrom), 0) fresh,
                       COALESCE(SUM(a.first_p < :newFrom AND a.last_p >= :activeFrom), 0) active,
                       COALESCE(SUM(a.first_p < :newFrom AND a.last_p < :activeFrom AND a.last_p >= :churnFrom), 0) inactive,
                       COALESCE(SUM(a.first_p < :newFrom AND a.last_p < :churnFrom), 0) churned,
                       COALESCE(SUM(COALESCE(a.recent, 0) >= :highValue), 0) high_value,
                       COALESCE(SUM(a.first_p < :newFrom AND a.last_p < :churnFrom AND a.last_p >= :churnFromBefore), 0) became,
                       COALESCE(SUM(a.in_period), 0) revenue
                FROM (SELECT c.id, MIN(c.created_at) created_at, MIN(p.purchase_date) first_p,
                             MAX(p.purchase_date) last_p,
                             SUM(CASE WHEN p.purchase_date >= :valueFrom THEN p.amount ELSE 0 END) recent,
                             SUM(CASE WHEN p.purchase_date >= :start THEN p.amount ELSE 0 END) in_period
                      FROM customer c
                      LEFT JOIN purchase p ON p.customer_id = c.id AND p.purchase_date <= :day
                      GROUP BY c.id) a
                WHERE a.created_at < :dayEnd OR a.first_p IS NOT NULL
                """,
                p,
                (rs, i) -> new LifecycleCounts(
                        periodStart,
                        day,
                        rs.getLong("potential"),
                        rs.getLong("fresh"),
                        rs.getLong("active"),
                        rs.getLong("inactive"),
                        rs.getLong("churned"),
                        rs.getLong("high_value"),
                        rs.getLong("became"),
                        rs.getBigDecimal("revenue")));
    }

    /** The day of the oldest purchase, or null when nobody bought anything: where history starts. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public LocalDate firstPurchaseDay() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT MIN(purchase_date) FROM purchase", LocalDate.class);
    }
}
