package io.keyuan.insight;

import io.keyuan.channel.ChannelQueries;
import io.keyuan.customer.AcquisitionQueries;
import io.keyuan.pipeline.DealQueries;
import io.keyuan.shared.BusinessTime;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Insight's channel rollups (V60): each customer's acquisition cohort, purchases per channel × cohort × month, and
 * the per channel × month figures the channel report sums. Insight owns these tables; the SQL that reads other
 * modules' tables comes from the query classes those modules export ({@link AcquisitionQueries},
 * {@link DealQueries}, {@link ChannelQueries}), composed here into single statements so that the database does the
 * aggregating (docs/insight.md says why this split).
 *
 * <p>Two ways in. {@link #rebuild} computes everything into the build tables from a snapshot (read committed: it
 * locks no source row), then merges them into the live tables, keeping every row an incremental update recomputed
 * after the snapshot began (it is fresher). The incremental methods recompute only the keys a change touched, each
 * key from the source rows in one statement, in the caller's transaction, in key order (so two of them never
 * deadlock on each other's rows).
 */
@Component
class ChannelRollup {
    /** Customer ids merged per transaction in a rebuild, so that live rows are never locked for long. */
    private static final long MERGE_CHUNK = 50_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate readCommitted;
    private final TransactionTemplate newTx;

    ChannelRollup(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.readCommitted = new TransactionTemplate(transactions);
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.newTx = new TransactionTemplate(transactions);
        newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A rollup key: a channel (0: none) and a month. */
    record ChannelMonth(long channelId, YearMonth month) implements Comparable<ChannelMonth> {
        @Override
        public int compareTo(ChannelMonth o) {
            int c = Long.compare(channelId, o.channelId);
            return c != 0 ? c : month.compareTo(o.month);
        }
    }

    /** A customer's acquisition as the rollup holds it. */
    record Acquisition(long channelId, YearMonth cohort, boolean converted) {
        ChannelMonth key() {
            return new ChannelMonth(channelId, cohort);
        }
    }

    // ---- incremental ----

    /**
     * After a change of the customer (created, deleted, moved to another channel) or of its purchases in
     * {@code months}: its acquisition row, the customer counts of its cohort before and after, and the purchase
     * figures of the cohort months it touched — all of the customer's purchase months when its cohort moved.
     */
    void customerChanged(long customerId, Collection<YearMonth> months) {
        MapSqlParameterSource id = new MapSqlParameterSource("customerId", customerId);
        // Locks this customer's row: two changes of one customer take turns here.
        Optional<Acquisition> before = jdbc
                .query(
                        "SELECT channel_id, cohort_month, converted FROM insight_customer_acquisition"
                                + " WHERE customer_id = :customerId FOR UPDATE",
                        id,
                        (rs, i) -> new Acquisition(
                                rs.getLong(1), YearMonth.from(rs.getDate(2).toLocalDate()), rs.getBoolean(3)))
                .stream()
                .findFirst();
        Optional<Acquisition> after = jdbc
                .query(
                        AcquisitionQueries.acquisitionOf(),
                        id,
                        (rs, i) -> new Acquisition(
                                rs.getLong("channel_id"),
                                YearMonth.from(rs.getDate("cohort_month").toLocalDate()),
                                rs.getBoolean("converted")))
                .stream()
                .findFirst();
        if (after.isPresent()) {
            Acquisition a = after.get();
            jdbc.update(
                    """
                    INSERT INTO insight_customer_acquisition
                        (customer_id, channel_id, cohort_month, converted, recomputed_at)
                    VALUES (:customerId, :channelId, :cohort, :converted, UTC_TIMESTAMP(6))
                    ON DUPLICATE KEY UPDATE channel_id = VALUES(channel_id), cohort_month = VALUES(cohort_month),
                        converted = VALUES(converted), recomputed_at = VALUES(recomputed_at)
                    """,
                    new MapSqlParameterSource("customerId", customerId)
                            .addValue("channelId", a.channelId())
                            .addValue("cohort", month(a.cohort()))
                            .addValue("converted", a.converted()));
        } else {
            jdbc.update("DELETE FROM insight_customer_acquisition WHERE customer_id = :customerId", id);
        }
        Set<ChannelMonth> cohorts = new TreeSet<>();
        before.ifPresent(b -> cohorts.add(b.key()));
        after.ifPresent(a -> cohorts.add(a.key()));
        Set<YearMonth> touched = new TreeSet<>(months);
        if (!before.map(Acquisition::key).equals(after.map(Acquisition::key))) {
            // Every purchase of the customer now counts in another cohort (or, first seen, in one at all).
            jdbc.query(AcquisitionQueries.purchaseMonthsOf(), id, rs -> {
                touched.add(YearMonth.from(rs.getDate("month").toLocalDate()));
            });
        }
        Set<ChannelMonth> monthKeys = new TreeSet<>();
        for (ChannelMonth cohort : cohorts) {
            for (YearMonth m : touched) {
                recomputeCohort(cohort.channelId(), cohort.month(), m);
                monthKeys.add(new ChannelMonth(cohort.channelId(), m));
            }
        }
        for (ChannelMonth cohort : cohorts) {
            recomputeAcquired(cohort);
        }
        for (ChannelMonth key : monthKeys) {
            recomputePurchases(key);
        }
        Set<ChannelMonth> all = new TreeSet<>(monthKeys);
        all.addAll(cohorts);
        dropEmpty(all);
    }

    /** After a deal was opened, deleted, moved or given another channel: its month's deal counts, both channels. */
    void dealChanged(Long channelBefore, Long channelAfter, Instant openedAt) {
        YearMonth month = YearMonth.from(openedAt.atOffset(BusinessTime.SQL_OFFSET));
        Set<ChannelMonth> keys = new TreeSet<>();
        keys.add(new ChannelMonth(channelBefore == null ? 0 : channelBefore, month));
        keys.add(new ChannelMonth(channelAfter == null ? 0 : channelAfter, month));
        for (ChannelMonth key : keys) {
            recomputeDeals(key);
        }
        dropEmpty(keys);
    }

    /** After a channel's cost of a month was set or removed. */
    void costChanged(long channelId, YearMonth month) {
        ChannelMonth key = new ChannelMonth(channelId, month);
        BigDecimal cost = jdbc
                .query(
                        ChannelQueries.costOf(),
                        new MapSqlParameterSource("channelId", channelId).addValue("month", month(month)),
                        (rs, i) -> rs.getBigDecimal(1))
                .stream()
                .findFirst()
                .orElse(BigDecimal.ZERO);
        upsert(key, Map.of("cost", cost));
        dropEmpty(Set.of(key));
    }

    /**
     * After a channel was deleted: no customer had it and its costs went with it, so its rows go; its deals now have
     * no channel, so the no-channel counts of the months it had deals in are recomputed.
     */
    void channelDeleted(long channelId) {
        MapSqlParameterSource p = new MapSqlParameterSource("channelId", channelId);
        List<YearMonth> dealMonths = jdbc.query(
                "SELECT month FROM insight_channel_month WHERE channel_id = :channelId AND deals_created > 0"
                        + " ORDER BY month",
                p,
                (rs, i) -> YearMonth.from(rs.getDate(1).toLocalDate()));
        jdbc.update("DELETE FROM insight_channel_month WHERE channel_id = :channelId", p);
        jdbc.update("DELETE FROM insight_channel_cohort WHERE channel_id = :channelId", p);
        jdbc.update("DELETE FROM insight_customer_acquisition WHERE channel_id = :channelId", p);
        Set<ChannelMonth> keys = new TreeSet<>();
        for (YearMonth m : dealMonths) {
            ChannelMonth key = new ChannelMonth(0, m);
            recomputeDeals(key);
            keys.add(key);
        }
        dropEmpty(keys);
    }

    /**
     * One cohort × month cell from the purchases of the cohort's customers who have bought ({@code converted}, one
     * index range): the cost is one purchase-index probe per such customer, so the prospects who have bought nothing —
     * every customer entered this month and not yet buying sits in this month's cohort — are never probed.
     */
    private void recomputeCohort(long channelId, YearMonth cohort, YearMonth month) {
        MapSqlParameterSource p = new MapSqlParameterSource("channelId", channelId)
                .addValue("cohort", month(cohort))
                .addValue("month", month(month))
                .addValue("from", month(month))
                .addValue("to", month(month.plusMonths(1)));
        Map<String, Object> sums = jdbc.queryForMap(
                "SELECT COUNT(*) purchases, COALESCE(SUM(" + AcquisitionQueries.netAmount("p") + "), 0) revenue"
                        + " FROM insight_customer_acquisition a"
                        + AcquisitionQueries.purchasesJoin("p", "a.customer_id")
                        + " AND " + AcquisitionQueries.purchaseDate("p") + " >= :from"
                        + " AND " + AcquisitionQueries.purchaseDate("p") + " < :to"
                        + " WHERE a.channel_id = :channelId AND a.cohort_month = :cohort AND a.converted",
                p);
        long purchases = ((Number) sums.get("purchases")).longValue();
        if (purchases == 0) {
            jdbc.update(
                    "DELETE FROM insight_channel_cohort WHERE channel_id = :channelId AND cohort_month = :cohort"
                            + " AND month = :month",
                    p);
            return;
        }
        jdbc.update("""
                INSERT INTO insight_channel_cohort (channel_id, cohort_month, month, purchases, revenue, recomputed_at)
                VALUES (:channelId, :cohort, :month, :purchases, :revenue, UTC_TIMESTAMP(6))
                ON DUPLICATE KEY UPDATE purchases = VALUES(purchases), revenue = VALUES(revenue),
                    recomputed_at = VALUES(recomputed_at)
                """, p.addValue("purchases", purchases).addValue("revenue", sums.get("revenue")));
    }

    /** A channel's purchases in a month: the sum over its cohorts (just recomputed where they changed). */
    private void recomputePurchases(ChannelMonth key) {
        Map<String, Object> sums = jdbc.queryForMap(
                "SELECT COALESCE(SUM(purchases), 0) purchases, COALESCE(SUM(revenue), 0) revenue"
                        + " FROM insight_channel_cohort WHERE channel_id = :channelId AND month = :month",
                keyParams(key));
        upsert(key, Map.of("purchases", sums.get("purchases"), "revenue", sums.get("revenue")));
    }

    private void recomputeAcquired(ChannelMonth key) {
        Map<String, Object> counts = jdbc.queryForMap(
                "SELECT COUNT(*) customers, COALESCE(SUM(converted), 0) converted FROM insight_customer_acquisition"
                        + " WHERE channel_id = :channelId AND cohort_month = :month",
                keyParams(key));
        upsert(key, Map.of("new_customers", counts.get("customers"), "converted_customers", counts.get("converted")));
    }

    private void recomputeDeals(ChannelMonth key) {
        Map<String, Object> counts = jdbc.queryForMap(
                DealQueries.dealsOfChannel(),
                new MapSqlParameterSource("channelId", key.channelId() == 0 ? null : key.channelId())
                        .addValue("openedFrom", Timestamp.from(BusinessTime.monthStart(key.month())))
                        .addValue(
                                "openedTo",
                                Timestamp.from(
                                        BusinessTime.monthStart(key.month().plusMonths(1)))));
        upsert(key, Map.of("deals_created", counts.get("created"), "deals_won", counts.get("won")));
    }

    /** Sets some columns of a (channel, month) row, creating it (the other columns 0) when missing. */
    private void upsert(ChannelMonth key, Map<String, Object> values) {
        StringBuilder cols = new StringBuilder();
        StringBuilder vals = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        MapSqlParameterSource p = keyParams(key);
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(values).entrySet()) {
            cols.append(", ").append(e.getKey());
            vals.append(", :").append(e.getKey());
            updates.append(e.getKey()).append(" = VALUES(").append(e.getKey()).append("), ");
            p.addValue(e.getKey(), e.getValue());
        }
        jdbc.update(
                "INSERT INTO insight_channel_month (channel_id, month" + cols + ", recomputed_at)"
                        + " VALUES (:channelId, :month" + vals + ", UTC_TIMESTAMP(6))"
                        + " ON DUPLICATE KEY UPDATE " + updates + "recomputed_at = VALUES(recomputed_at)",
                p);
    }

    /** Rows with nothing in them go, as a rebuild would not write them. */
    private void dropEmpty(Collection<ChannelMonth> keys) {
        for (ChannelMonth key : keys) {
            jdbc.update(
                    "DELETE FROM insight_channel_month WHERE channel_id = :channelId AND month = :month" + " AND "
                            + EMPTY,
                    keyParams(key));
        }
    }

    private static final String EMPTY =
            "new_customers = 0 AND purchases = 0 AND revenue = 0 AND deals_created = 0 AND cost = 0";

    private static MapSqlParameterSource keyParams(ChannelMonth key) {
        return new MapSqlParameterSource("channelId", key.channelId()).addValue("month", month(key.month()));
    }

    static Date month(YearMonth m) {
        return Date.valueOf(m.atDay(1));
    }

    // ---- full rebuild ----

    /** What a rebuild did. */
    record Rebuilt(Instant asOf, long customers, long cohortRows, long monthRows, long millis) {}

    /**
     * Computes every rollup again from the source tables and merges the result into the live tables; reports the
     * step done (1..{@link #REBUILD_STEPS}). Stops between steps with a {@link CancellationException} once
     * {@code cancelled} (the live tables stay as they were, or merged chunk by chunk: each row whole). The caller
     * holds the rollup lock, so that two rebuilds never share the build tables.
     */
    Rebuilt rebuild(Consumer<Integer> progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        Timestamp start = jdbc.getJdbcTemplate().queryForObject("SELECT UTC_TIMESTAMP(6)", Timestamp.class);
        clearBuild();
        step(1, progress, cancelled);
        long customers = readCommitted.execute(s -> (long) jdbc.getJdbcTemplate()
                .update("INSERT INTO insight_customer_acquisition_build (customer_id, channel_id, cohort_month,"
                        + " converted) " + AcquisitionQueries.acquisitions()));
        step(2, progress, cancelled);
        String month = BusinessTime.sqlMonth(AcquisitionQueries.purchaseDate("p"));
        long cohortRows = readCommitted.execute(s -> (long) jdbc.getJdbcTemplate()
                .update("INSERT INTO insight_channel_cohort_build (channel_id, cohort_month, month, purchases,"
                        + " revenue) SELECT a.channel_id, a.cohort_month, " + month + ", COUNT(*), SUM("
                        + AcquisitionQueries.netAmount("p") + ") FROM insight_customer_acquisition_build a"
                        + AcquisitionQueries.purchasesJoin("p", "a.customer_id")
                        + " GROUP BY a.channel_id, a.cohort_month, " + month));
        step(3, progress, cancelled);
        long monthRows = readCommitted.execute(s -> (long) jdbc.getJdbcTemplate()
                .update("""
                INSERT INTO insight_channel_month_build (channel_id, month, new_customers, converted_customers,
                    purchases, revenue, deals_created, deals_won, cost)
                SELECT u.channel_id, u.month, SUM(u.nc), SUM(u.cv), SUM(u.pu), SUM(u.rv), SUM(u.dc), SUM(u.dw),
                    SUM(u.co)
                FROM (
                    SELECT a.channel_id, a.cohort_month month, COUNT(*) nc, SUM(a.converted) cv, 0 pu, 0 rv, 0 dc,
                        0 dw, 0 co
                    FROM insight_customer_acquisition_build a GROUP BY a.channel_id, a.cohort_month
                    UNION ALL
                    SELECT k.channel_id, k.month, 0, 0, SUM(k.purchases), SUM(k.revenue), 0, 0, 0
                    FROM insight_channel_cohort_build k GROUP BY k.channel_id, k.month
                    UNION ALL
                    SELECT d.channel_id, d.month, 0, 0, 0, 0, d.created, d.won, 0 FROM (""" + DealQueries.dealsByChannelMonth() + """
                    ) d
                    UNION ALL
                    SELECT c.channel_id, c.month, 0, 0, 0, 0, 0, 0, c.amount FROM (""" + ChannelQueries.costs() + """
                    ) c
                ) u
                GROUP BY u.channel_id, u.month
                HAVING SUM(u.nc) <> 0 OR SUM(u.pu) <> 0 OR SUM(u.rv) <> 0 OR SUM(u.dc) <> 0 OR SUM(u.co) <> 0
                """));
        step(4, progress, cancelled);
        MapSqlParameterSource at = new MapSqlParameterSource("start", start);
        long maxId = jdbc.queryForObject(
                "SELECT GREATEST(COALESCE((SELECT MAX(customer_id) FROM insight_customer_acquisition_build), 0),"
                        + " COALESCE((SELECT MAX(customer_id) FROM insight_customer_acquisition), 0))",
                at,
                Long.class);
        for (long from = 0; from <= maxId; from += MERGE_CHUNK) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException();
            }
            MapSqlParameterSource chunk = new MapSqlParameterSource("start", start)
                    .addValue("from", from)
                    .addValue("to", from + MERGE_CHUNK - 1);
            tx.executeWithoutResult(s -> {
                jdbc.update(
                        """
                        INSERT INTO insight_customer_acquisition
                            (customer_id, channel_id, cohort_month, converted, recomputed_at)
                        SELECT b.customer_id, b.channel_id, b.cohort_month, b.converted, :start
                        FROM insight_customer_acquisition_build b
                        LEFT JOIN insight_customer_acquisition r ON r.customer_id = b.customer_id
                        WHERE b.customer_id BETWEEN :from AND :to
                          AND (r.customer_id IS NULL OR (r.recomputed_at < :start AND (r.channel_id <> b.channel_id
                               OR r.cohort_month <> b.cohort_month OR r.converted <> b.converted)))
                        """ + keepFresher("insight_customer_acquisition", "channel_id", "cohort_month", "converted"),
                        chunk);
                jdbc.update("""
                        DELETE r FROM insight_customer_acquisition r
                        LEFT JOIN insight_customer_acquisition_build b ON b.customer_id = r.customer_id
                        WHERE r.customer_id BETWEEN :from AND :to AND b.customer_id IS NULL
                          AND r.recomputed_at < :start
                        """, chunk);
            });
        }
        step(5, progress, cancelled);
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    INSERT INTO insight_channel_cohort (channel_id, cohort_month, month, purchases, revenue,
                        recomputed_at)
                    SELECT b.channel_id, b.cohort_month, b.month, b.purchases, b.revenue, :start
                    FROM insight_channel_cohort_build b
                    LEFT JOIN insight_channel_cohort r ON r.channel_id = b.channel_id
                        AND r.cohort_month = b.cohort_month AND r.month = b.month
                    WHERE r.channel_id IS NULL OR (r.recomputed_at < :start
                        AND (r.purchases <> b.purchases OR r.revenue <> b.revenue))
                    """ + keepFresher("insight_channel_cohort", "purchases", "revenue"), at);
            jdbc.update("""
                    DELETE r FROM insight_channel_cohort r
                    LEFT JOIN insight_channel_cohort_build b ON b.channel_id = r.channel_id
                        AND b.cohort_month = r.cohort_month AND b.month = r.month
                    WHERE b.channel_id IS NULL AND r.recomputed_at < :start
                    """, at);
            jdbc.update(
                    """
                    INSERT INTO insight_channel_month (channel_id, month, new_customers, converted_customers,
                        purchases, revenue, deals_created, deals_won, cost, recomputed_at)
                    SELECT b.channel_id, b.month, b.new_customers, b.converted_customers, b.purchases, b.revenue,
                        b.deals_created, b.deals_won, b.cost, :start
                    FROM insight_channel_month_build b
                    LEFT JOIN insight_channel_month r ON r.channel_id = b.channel_id AND r.month = b.month
                    WHERE r.channel_id IS NULL OR (r.recomputed_at < :start AND (
                        r.new_customers <> b.new_customers OR r.converted_customers <> b.converted_customers
                        OR r.purchases <> b.purchases OR r.revenue <> b.revenue OR r.deals_created <> b.deals_created
                        OR r.deals_won <> b.deals_won OR r.cost <> b.cost))
                    """
                            + keepFresher(
                                    "insight_channel_month",
                                    "new_customers",
                                    "converted_customers",
                                    "purchases",
                                    "revenue",
                                    "deals_created",
                                    "deals_won",
                                    "cost"),
                    at);
            jdbc.update("""
                    DELETE r FROM insight_channel_month r
                    LEFT JOIN insight_channel_month_build b ON b.channel_id = r.channel_id AND b.month = r.month
                    WHERE b.channel_id IS NULL AND r.recomputed_at < :start
                    """, at);
            long millis = (System.nanoTime() - started) / 1_000_000;
            jdbc.update(
                    "UPDATE insight_rollup_state SET as_of = :start, rebuilt_at = UTC_TIMESTAMP(6),"
                            + " rebuild_millis = :millis WHERE id = 1",
                    new MapSqlParameterSource("start", start).addValue("millis", millis));
        });
        clearBuild();
        step(6, progress, () -> false);
        return new Rebuilt(
                start.toInstant(), customers, cohortRows, monthRows, (System.nanoTime() - started) / 1_000_000);
    }

    static final int REBUILD_STEPS = 6;

    /**
     * The merge's update of a live row: the built values, unless an incremental update recomputed the row after the
     * rebuild's snapshot began ({@code recomputed_at} later than the built row's), whose values are fresher. Columns
     * are named with their table (the merge's SELECT reads the same table); recomputed_at comes last, as MariaDB
     * assigns left to right.
     */
    private static String keepFresher(String table, String... columns) {
        String fresher = table + ".recomputed_at < VALUES(recomputed_at)";
        StringBuilder sb = new StringBuilder(" ON DUPLICATE KEY UPDATE ");
        for (String c : columns) {
            sb.append(table)
                    .append('.')
                    .append(c)
                    .append(" = IF(")
                    .append(fresher)
                    .append(", VALUES(")
                    .append(c)
                    .append("), ")
                    .append(table)
                    .append('.')
                    .append(c)
                    .append("), ");
        }
        return sb.append(table)
                .append(".recomputed_at = GREATEST(")
                .append(table)
                .append(".recomputed_at, VALUES(recomputed_at))")
                .toString();
    }

    private void clearBuild() {
        for (String t : List.of(
                "insight_customer_acquisition_build", "insight_channel_cohort_build", "insight_channel_month_build")) {
            jdbc.getJdbcTemplate().execute("TRUNCATE TABLE " + t);
        }
    }

    private static void step(int done, Consumer<Integer> progress, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException();
        }
        progress.accept(done);
    }

    // ---- state ----

    /** When the last rebuild's snapshot began (null: never), when it ended, and the last request for one. */
    record State(Instant asOf, Instant rebuiltAt, Long rebuildMillis, Instant requestedAt, String requestedReason) {
        boolean pending() {
            return asOf == null || (requestedAt != null && requestedAt.isAfter(asOf));
        }
    }

    State state() {
        return jdbc.getJdbcTemplate()
                .queryForObject(
                        "SELECT as_of, rebuilt_at, rebuild_millis, requested_at, requested_reason"
                                + " FROM insight_rollup_state WHERE id = 1",
                        (rs, i) -> new State(
                                instant(rs.getTimestamp(1)),
                                instant(rs.getTimestamp(2)),
                                rs.getObject(3) == null ? null : rs.getLong(3),
                                instant(rs.getTimestamp(4)),
                                rs.getString(5)));
    }

    /** Asks for a rebuild (the catch-up schedule starts one), in a transaction of its own. */
    void requestRebuild(String why) {
        String reason = why == null ? null : why.length() > 200 ? why.substring(0, 200) : why;
        newTx.executeWithoutResult(s -> jdbc.update(
                "UPDATE insight_rollup_state SET requested_at = UTC_TIMESTAMP(6), requested_reason = :why"
                        + " WHERE id = 1",
                new MapSqlParameterSource("why", reason)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
