package io.keyuan.insight;

import io.keyuan.customer.CustomerInsights;
import io.keyuan.customer.CustomerInsights.LifecycleCounts;
import io.keyuan.exchange.DocumentWorkbook;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly customer snapshot (insight_customer_month): each month's lifecycle counts as the customer module
 * derives them from purchase history ({@link CustomerInsights#lifecycleAsOf}), stored so that the report reads a
 * row per month. The first rebuild back-fills every month since the first purchase (at most {@value #MAX_MONTHS});
 * a rebuild — nightly, or a manager's — writes them all again, so purchases imported with old dates reach the past
 * months too. Churn rate is computed on reading, from two neighbouring months.
 */
@Service
public class CustomerSnapshots {
    static final int MAX_MONTHS = 60;
    private static final Logger log = LoggerFactory.getLogger(CustomerSnapshots.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final CustomerInsights customers;
    private final JobService jobs;
    private final Clock clock;
    private final KeyuanI18NProvider i18n;

    CustomerSnapshots(
            NamedParameterJdbcTemplate jdbc,
            CustomerInsights customers,
            JobService jobs,
            Clock clock,
            KeyuanI18NProvider i18n) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.jobs = jobs;
        this.clock = clock;
        this.i18n = i18n;
    }

    /**
     * The months as a workbook for people (the period, then a row per month with every figure, and the RFM grid's
     * cells below), in the reader's language; a missing churn rate is an empty cell.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public void export(YearMonth from, YearMonth to, Locale locale, OutputStream out) {
        List<CustomerMonth> rows = months(from, to);
        List<String> columns = List.of(
                t(locale, "insight.customers.col.month"),
                t(locale, "enum.Lifecycle.POTENTIAL"),
                t(locale, "enum.Lifecycle.NEW"),
                t(locale, "enum.Lifecycle.ACTIVE"),
                t(locale, "enum.Lifecycle.INACTIVE"),
                t(locale, "enum.Lifecycle.CHURNED"),
                t(locale, "insight.customers.col.total"),
                t(locale, "insight.customers.col.high-value"),
                t(locale, "insight.customers.col.became-churned"),
                t(locale, "insight.customers.col.churn-rate"),
                t(locale, "insight.customers.col.revenue"));
        List<List<Object>> table = new ArrayList<>();
        for (CustomerMonth m : rows) {
            table.add(java.util.Arrays.asList(
                    m.month().toString(),
                    m.potential(),
                    m.fresh(),
                    m.active(),
                    m.inactive(),
                    m.churned(),
                    m.total(),
                    m.highValue(),
                    m.becameChurned(),
                    m.churnRate(),
                    m.revenue()));
        }
        List<DocumentWorkbook.Field> footer = new ArrayList<>();
        for (CustomerInsights.RfmCell c : customers.rfmGrid()) {
            footer.add(new DocumentWorkbook.Field(
                    t(locale, "insight.rfm.cell", c.recency(), c.frequency()),
                    t(locale, "insight.rfm.cell-value", c.customers(), c.revenue())));
        }
        new DocumentWorkbook(
                        t(locale, "insight.customers.sheet"),
                        t(locale, "insight.customers.title"),
                        List.of(
                                new DocumentWorkbook.Field(t(locale, "insight.period.from"), from.toString()),
                                new DocumentWorkbook.Field(t(locale, "insight.period.to"), to.toString()),
                                new DocumentWorkbook.Field(
                                        t(locale, "insight.as-of"),
                                        asOf().map(i -> java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                                        .format(i.atZone(io.keyuan.shared.BusinessTime.ZONE)))
                                                .orElse(""))),
                        columns,
                        table,
                        footer)
                .write(out);
    }

    private String t(Locale locale, String key, Object... args) {
        return i18n.getTranslation(key, locale, args);
    }

    /** The months from {@code from} to {@code to}, oldest first, as far as they were built. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public List<CustomerMonth> months(YearMonth from, YearMonth to) {
        if (from == null || to == null || from.isAfter(to)) {
            throw new KeyuanException("insight.error.period");
        }
        var rows = jdbc.query(
                """
                SELECT month, as_of_day, potential, new_customers, active, inactive, churned, high_value,
                       became_churned, revenue, computed_at
                FROM insight_customer_month WHERE month BETWEEN :from AND :to ORDER BY month
                """,
                new MapSqlParameterSource()
                        .addValue("from", Date.valueOf(from.minusMonths(1).atDay(1)))
                        .addValue("to", Date.valueOf(to.atDay(1))),
                (rs, i) -> new Object[] {
                    rs.getObject("month", LocalDate.class),
                    rs.getObject("as_of_day", LocalDate.class),
                    new long[] {
                        rs.getLong("potential"),
                        rs.getLong("new_customers"),
                        rs.getLong("active"),
                        rs.getLong("inactive"),
                        rs.getLong("churned"),
                        rs.getLong("high_value"),
                        rs.getLong("became_churned")
                    },
                    rs.getBigDecimal("revenue"),
                    rs.getTimestamp("computed_at").toLocalDateTime().toInstant(ZoneOffset.UTC)
                });
        List<CustomerMonth> months = new ArrayList<>();
        long[] previous = null;
        YearMonth previousMonth = null;
        for (Object[] r : rows) {
            YearMonth month = YearMonth.from((LocalDate) r[0]);
            long[] n = (long[]) r[2];
            BigDecimal churnRate = null;
            if (previous != null && previousMonth.plusMonths(1).equals(month)) {
                long retained = previous[1] + previous[2] + previous[3];
                if (retained > 0) {
                    churnRate = BigDecimal.valueOf(n[6] * 100L)
                            .divide(BigDecimal.valueOf(retained), 1, RoundingMode.HALF_UP);
                }
            }
            if (!month.isBefore(from)) {
                months.add(new CustomerMonth(
                        month,
                        (LocalDate) r[1],
                        n[0],
                        n[1],
                        n[2],
                        n[3],
                        n[4],
                        n[5],
                        n[6],
                        (BigDecimal) r[3],
                        churnRate,
                        (Instant) r[4]));
            }
            previous = n;
            previousMonth = month;
        }
        return months;
    }

    /** When the snapshot was last built; empty before the first build. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public Optional<Instant> asOf() {
        Timestamp t = jdbc.getJdbcTemplate()
                .queryForObject("SELECT MAX(computed_at) FROM insight_customer_month", Timestamp.class);
        return Optional.ofNullable(t).map(x -> x.toLocalDateTime().toInstant(ZoneOffset.UTC));
    }

    /** Starts a rebuild in the background (one at a time); returns the running one if there is one. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public JobId startRebuild() {
        return jobs.active(CustomerSnapshotJob.KIND).map(j -> j.id()).orElseGet(() -> jobs.submit(request()));
    }

    /** The rebuild running now, if any, so a page opened meanwhile can follow it. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Optional<JobId> running() {
        return jobs.active(CustomerSnapshotJob.KIND).map(j -> j.id());
    }

    /** Nightly, as the system: every node fires, the firing's key lets one job through. */
    @Scheduled(cron = "${keyuan.insight.rebuild-cron:0 50 2 * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    void nightly() {
        String firing = java.time.ZonedDateTime.now(clock)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toLocalDateTime()
                .toString();
        JobId id = SystemActor.call(() -> jobs.submit(request().oncePer(CustomerSnapshotJob.KIND + "@" + firing)));
        log.info("Nightly customer snapshot rebuild: job {}", id);
    }

    private static JobRequest request() {
        return JobRequest.of(CustomerSnapshotJob.KIND, new CustomerSnapshotJob.Parameters())
                .about("insight.customers.job-subject");
    }

    /**
     * Every month from the first purchase (or the first of the last {@value #MAX_MONTHS}) to this one, computed and
     * written month by month, each in its own short transaction; months before the first purchase are removed.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public int rebuild(LongConsumer progress, java.util.function.BooleanSupplier cancelled) {
        LocalDate today = LocalDate.now(clock);
        YearMonth current = YearMonth.from(today);
        LocalDate first = customers.firstPurchaseDay();
        YearMonth start = first == null ? current : YearMonth.from(first);
        if (start.isBefore(current.minusMonths(MAX_MONTHS - 1))) {
            start = current.minusMonths(MAX_MONTHS - 1);
        }
        if (start.isAfter(current)) {
            start = current;
        }
        int written = 0;
        for (YearMonth m = start; !m.isAfter(current); m = m.plusMonths(1)) {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException();
            }
            LocalDate end = m.equals(current) ? today : m.atEndOfMonth();
            write(m, customers.lifecycleAsOf(m.atDay(1), end));
            progress.accept(++written);
        }
        jdbc.update(
                "DELETE FROM insight_customer_month WHERE month < :start OR month > :current",
                new MapSqlParameterSource()
                        .addValue("start", Date.valueOf(start.atDay(1)))
                        .addValue("current", Date.valueOf(current.atDay(1))));
        return written;
    }

    /** How many months a rebuild writes now: the job's progress total. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public int monthsToBuild() {
        YearMonth current = YearMonth.now(clock);
        LocalDate first = customers.firstPurchaseDay();
        if (first == null || !YearMonth.from(first).isBefore(current)) {
            return 1;
        }
        long span = java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(first), current) + 1;
        return (int) Math.min(span, MAX_MONTHS);
    }

    private void write(YearMonth month, LifecycleCounts c) {
        jdbc.update(
                """
                INSERT INTO insight_customer_month (month, as_of_day, potential, new_customers, active, inactive,
                       churned, high_value, became_churned, revenue, computed_at)
                VALUES (:month, :day, :potential, :fresh, :active, :inactive, :churned, :high, :became, :revenue,
                        UTC_TIMESTAMP(6))
                ON DUPLICATE KEY UPDATE as_of_day = VALUES(as_of_day), potential = VALUES(potential),
                       new_customers = VALUES(new_customers), active = VALUES(active), inactive = VALUES(inactive),
                       churned = VALUES(churned), high_value = VALUES(high_value),
                       became_churned = VALUES(became_churned), revenue = VALUES(revenue),
                       computed_at = VALUES(computed_at)
                """,
                new MapSqlParameterSource()
                        .addValue("month", Date.valueOf(month.atDay(1)))
                        .addValue("day", Date.valueOf(c.day()))
                        .addValue("potential", c.potential())
                        .addValue("fresh", c.fresh())
                        .addValue("active", c.active())
                        .addValue("inactive", c.inactive())
                        .addValue("churned", c.churned())
                        .addValue("high", c.highValue())
                        .addValue("became", c.becameChurned())
                        .addValue("revenue", c.revenue()));
    }
}
