package io.keyuan.customer;

import io.keyuan.customer.domain.LifecycleSettings;
import io.keyuan.customer.domain.LifecycleSettingsRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobView;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Derives recency, frequency, monetary, lifecycle, value and RFM scores from purchases, and the amount returned
 * from their returns, as SQL aggregates written to customer_metrics: one customer when their purchases or returns
 * change, everyone when the thresholds change and nightly (lifecycle moves with the calendar even when nothing is
 * bought). The full refresh also recomputes the RFM quintile cuts (see V6__customer_rfm_scores.sql for how ties
 * fall); other refreshes score against the stored cuts. The refresh of everyone is long work and runs as a job ({@link MetricsRefreshJob}).
 */
@Service
public class CustomerMetricsService {
    private static final Logger log = LoggerFactory.getLogger(CustomerMetricsService.class);
    private static final int CHUNK = 50_000;

    private static final String REFRESH = """
            INSERT INTO customer_metrics (customer_id, first_purchase, last_purchase, frequency, monetary,
                                          returned_amount, recent_spend, lifecycle, value_level, r_score, f_score,
                                          m_score, refreshed_at)
            SELECT c.id, a.first_p, a.last_p, COALESCE(a.freq, 0), COALESCE(a.mon, 0), COALESCE(rt.returned, 0),
                   COALESCE(a.recent, 0),
                   CASE WHEN a.last_p IS NULL THEN 'POTENTIAL'
                        WHEN a.first_p >= :newFrom THEN 'NEW'
                        WHEN a.last_p >= :activeFrom THEN 'ACTIVE'
                        WHEN a.last_p >= :churnFrom THEN 'INACTIVE'
                        ELSE 'CHURNED' END,
                   CASE WHEN COALESCE(a.recent, 0) >= :highValue THEN 'HIGH' ELSE 'LOW' END,
                   CASE WHEN a.last_p IS NOT NULL
                        THEN 1 + (a.last_p > k.r1) + (a.last_p > k.r2) + (a.last_p > k.r3) + (a.last_p > k.r4) END,
                   CASE WHEN a.last_p IS NOT NULL
                        THEN 1 + (a.freq > k.f1) + (a.freq > k.f2) + (a.freq > k.f3) + (a.freq > k.f4) END,
                   CASE WHEN a.last_p IS NOT NULL
                        THEN 1 + (a.mon > k.m1) + (a.mon > k.m2) + (a.mon > k.m3) + (a.mon > k.m4) END,
                   UTC_TIMESTAMP(6)
            FROM customer c
            JOIN customer_rfm_cuts k ON k.id = 1
            LEFT JOIN (SELECT p.customer_id, MIN(p.purchase_date) first_p, MAX(p.purchase_date) last_p,
                              COUNT(*) freq, SUM(p.amount) mon,
                              SUM(CASE WHEN p.purchase_date >= :valueFrom THEN p.amount ELSE 0 END) recent
                       FROM purchase p
                       WHERE p.customer_id BETWEEN :fromId AND :toId
                       GROUP BY p.customer_id) a ON a.customer_id = c.id
            LEFT JOIN (SELECT r.customer_id, SUM(r.amount) returned
                       FROM purchase_return r
                       WHERE r.customer_id BETWEEN :fromId AND :toId
                       GROUP BY r.customer_id) rt ON rt.customer_id = c.id
            WHERE c.id BETWEEN :fromId AND :toId
            ON DUPLICATE KEY UPDATE first_purchase = VALUES(first_purchase), last_purchase = VALUES(last_purchase),
                   frequency = VALUES(frequency), monetary = VALUES(monetary),
                   returned_amount = VALUES(returned_amount), recent_spend = VALUES(recent_spend),
                   lifecycle = VALUES(lifecycle), value_level = VALUES(value_level), r_score = VALUES(r_score),
                   f_score = VALUES(f_score), m_score = VALUES(m_score), refreshed_at = VALUES(refreshed_at)
            """;

    /** Scores against the stored cuts, without touching the purchases: after a pass that moved the cuts. */
    private static final String RESCORE = """
            UPDATE customer_metrics m JOIN customer_rfm_cuts k ON k.id = 1
            SET m.r_score = CASE WHEN m.last_purchase IS NOT NULL THEN 1 + (m.last_purchase > k.r1)
                                 + (m.last_purchase > k.r2) + (m.last_purchase > k.r3) + (m.last_purchase > k.r4) END,
                m.f_score = CASE WHEN m.last_purchase IS NOT NULL THEN 1 + (m.frequency > k.f1) + (m.frequency > k.f2)
                                 + (m.frequency > k.f3) + (m.frequency > k.f4) END,
                m.m_score = CASE WHEN m.last_purchase IS NOT NULL THEN 1 + (m.monetary > k.m1) + (m.monetary > k.m2)
                                 + (m.monetary > k.m3) + (m.monetary > k.m4) END
            WHERE m.customer_id BETWEEN :fromId AND :toId
            """;

    /** The measures the RFM cuts are taken over, each ascending (a higher value scores higher). */
    private static final String[] RFM_COLUMNS = {"last_purchase", "frequency", "monetary"};

    private final NamedParameterJdbcTemplate jdbc;
    private final LifecycleSettingsRepository settings;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final JobService jobs;

    CustomerMetricsService(
            NamedParameterJdbcTemplate jdbc,
            LifecycleSettingsRepository settings,
            TransactionTemplate tx,
            Clock clock,
            JobService jobs) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public LifecycleThresholds thresholds() {
        return toThresholds(load());
    }

    /**
     * Changes the thresholds. Callers then start {@link #startRefreshAll} (the settings view does, and shows its
     * progress) so that everyone's lifecycle and value follow. Managers only.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public LifecycleThresholds updateThresholds(LifecycleThresholds edited) {
        validate(edited);
        LifecycleThresholds saved = tx.execute(status -> {
            LifecycleSettings s = load();
            if (s.getVersion() != edited.version()) {
                throw new StaleEditException(s.getUpdatedBy(), s.getUpdatedAt());
            }
            s.setNewDays(edited.newDays());
            s.setActiveDays(edited.activeDays());
            s.setChurnDays(edited.churnDays());
            s.setHighValueSpend(edited.highValueSpend());
            s.setValueWindowDays(edited.valueWindowDays());
            return toThresholds(settings.saveAndFlush(s));
        });
        return saved;
    }

    static void validate(LifecycleThresholds t) {
        int max = LifecycleThresholds.MAX_DAYS;
        if (t.newDays() < 1 || t.newDays() > max) {
            throw KeyuanException.onField("newDays", "lifecycle.error.days", 1, max);
        }
        if (t.activeDays() < 1 || t.activeDays() > max) {
            throw KeyuanException.onField("activeDays", "lifecycle.error.days", 1, max);
        }
        if (t.churnDays() <= t.activeDays() || t.churnDays() > max) {
            throw KeyuanException.onField("churnDays", "lifecycle.error.churn-after-active");
        }
        if (t.valueWindowDays() < 1 || t.valueWindowDays() > max) {
            throw KeyuanException.onField("valueWindowDays", "lifecycle.error.days", 1, max);
        }
        if (t.highValueSpend() == null
                || t.highValueSpend().signum() < 0
                || t.highValueSpend().compareTo(new BigDecimal("999999999999")) > 0) {
            throw KeyuanException.onField("highValueSpend", "lifecycle.error.spend");
        }
    }

    /** Recomputes one customer; called inside the transaction that changed their purchases or returns. */
    @Transactional(propagation = Propagation.MANDATORY)
    void refreshCustomer(long customerId) {
        jdbc.update(REFRESH, params(load(), customerId, customerId));
    }

    /** Recomputes the customers with ids in the range; inside the caller's transaction (imports, undo). */
    @Transactional(propagation = Propagation.MANDATORY)
    void refreshRange(long fromId, long toId) {
        jdbc.update(REFRESH, params(load(), fromId, toId));
    }

    /**
     * Recomputes every customer in chunks of ids, each chunk its own transaction so that the table is never
     * locked for long; reports the number of customers done after each chunk. Runs on the caller's thread: for
     * seeding and tests; the portal runs it as a job ({@link #startRefreshAll}).
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public long refreshAll(LongConsumer progress) {
        return refreshAllUnlocked(progress, () -> false);
    }

    /**
     * Starts recomputing every customer as a job of the calling manager's: it survives the page, shows in "my
     * jobs" and waits for any refresh already running.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public JobId startRefreshAll() {
        return jobs.submit(refreshRequest("thresholds"));
    }

    /** The recompute of everyone that is queued or running now, on any node. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Optional<JobView> currentRefresh() {
        return jobs.active(MetricsRefreshJob.KIND);
    }

    static JobRequest refreshRequest(String reason) {
        return JobRequest.of(MetricsRefreshJob.KIND, new MetricsRefreshJob.Parameters(reason))
                .about("jobs.subject.all-customers");
    }

    /** The largest customer id, so that progress can be shown as a fraction. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long maxCustomerId() {
        Long maxId = jdbc.getJdbcTemplate().queryForObject("SELECT COALESCE(MAX(id), 0) FROM customer", Long.class);
        return maxId == null ? 0 : maxId;
    }

    /**
     * The refresh itself; stops between chunks with a {@link CancellationException} once {@code cancelled} (what it
     * finished stays: each customer's metrics are whole). The job holds the refresh lock around it.
     */
    long refreshAllUnlocked(LongConsumer progress, BooleanSupplier cancelled) {
        LifecycleSettings s = tx.execute(status -> load());
        long maxId = maxCustomerId();
        if (maxId == 0) {
            return 0;
        }
        // Every purchase change refreshes its customer's last purchase, count and spend at once, so the cuts
        // can usually be taken before the pass, which then scores everyone against them in the same statement.
        // Purchases loaded in bulk without their metrics (seeding, a first refresh) move the cuts during the pass:
        // then the scores are taken again against the new cuts, from the metrics alone.
        Map<String, Object> before = tx.execute(status -> {
            computeCuts();
            return cuts();
        });
        long done = 0;
        for (long from = 1; from <= maxId; from += CHUNK) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException();
            }
            long to = Math.min(maxId, from + CHUNK - 1);
            MapSqlParameterSource p = params(s, from, to);
            tx.executeWithoutResult(status -> jdbc.update(REFRESH, p));
            done = to;
            progress.accept(done);
        }
        Map<String, Object> after = tx.execute(status -> {
            computeCuts();
            return cuts();
        });
        if (!java.util.Objects.equals(before, after)) {
            for (long from = 1; from <= maxId; from += CHUNK) {
                MapSqlParameterSource p =
                        new MapSqlParameterSource("fromId", from).addValue("toId", Math.min(maxId, from + CHUNK - 1));
                tx.executeWithoutResult(status -> jdbc.update(RESCORE, p));
            }
        }
        return done;
    }

    private Map<String, Object> cuts() {
        return jdbc.getJdbcTemplate()
                .queryForMap(
                        "SELECT r1, r2, r3, r4, f1, f2, f3, f4, m1, m2, m3, m4 FROM customer_rfm_cuts WHERE id = 1");
    }

    /**
     * Stores the quintile cuts of recency, frequency and monetary over the customers with purchases: one
     * numbered pass per measure, reading the values at the four cut positions.
     */
    private void computeCuts() {
        Long counted = jdbc.getJdbcTemplate()
                .queryForObject("SELECT COUNT(*) FROM customer_metrics WHERE last_purchase IS NOT NULL", Long.class);
        long n = counted == null ? 0 : counted;
        MapSqlParameterSource cuts = new MapSqlParameterSource("n", n);
        List<Long> positions = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            positions.add((i * n + 4) / 5);
        }
        String[] prefixes = {"r", "f", "m"};
        for (int k = 0; k < RFM_COLUMNS.length; k++) {
            Map<Long, Object> at = new HashMap<>();
            if (n > 0) {
                jdbc.query(
                        "SELECT rn, v FROM (SELECT " + RFM_COLUMNS[k] + " v, ROW_NUMBER() OVER (ORDER BY "
                                + RFM_COLUMNS[k] + ") rn FROM customer_metrics WHERE last_purchase IS NOT NULL) t"
                                + " WHERE rn IN (:positions)",
                        new MapSqlParameterSource("positions", positions),
                        rs -> {
                            at.put(rs.getLong(1), rs.getObject(2));
                        });
            }
            for (int i = 1; i <= 4; i++) {
                cuts.addValue(prefixes[k] + i, at.get(positions.get(i - 1)));
            }
        }
        jdbc.update("""
                UPDATE customer_rfm_cuts SET r1 = :r1, r2 = :r2, r3 = :r3, r4 = :r4, f1 = :f1, f2 = :f2, f3 = :f3,
                       f4 = :f4, m1 = :m1, m2 = :m2, m3 = :m3, m4 = :m4, customers = :n,
                       computed_at = UTC_TIMESTAMP(6)
                WHERE id = 1
                """, cuts);
    }

    /**
     * Nightly, as a job of the system's: every node fires, and the firing's key (kind and minute) lets only the
     * first insert a job; the job's lock keeps it from overlapping a refresh that is still running.
     */
    @Scheduled(cron = "${keyuan.metrics.refresh-cron:0 30 2 * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    public void nightlyRefresh() {
        String firing = java.time.ZonedDateTime.now(clock.withZone(io.keyuan.shared.BusinessTime.ZONE))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toLocalDateTime()
                .toString();
        JobId id = SystemActor.call(
                () -> jobs.submit(refreshRequest("nightly").oncePer(MetricsRefreshJob.KIND + "@" + firing)));
        log.info("Nightly customer metrics refresh: job {}", id);
    }

    /** Once, in the background as the system: a database whose RFM cuts were never taken (see RfmScoresCatchUp). */
    JobId catchUp() {
        LocalDate today = LocalDate.now(clock);
        return SystemActor.call(
                () -> jobs.submit(refreshRequest("catch-up").oncePer(MetricsRefreshJob.KIND + "@catch-up-" + today)));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public CustomerMetrics metrics(long customerId) {
        var rows = jdbc.query("""
                SELECT first_purchase, last_purchase, frequency, monetary, recent_spend, lifecycle, value_level,
                       r_score, f_score, m_score, refreshed_at
                FROM customer_metrics WHERE customer_id = :id
                """, Map.of("id", customerId), (rs, i) -> {
            LocalDate first = rs.getObject("first_purchase", LocalDate.class);
            LocalDate last = rs.getObject("last_purchase", LocalDate.class);
            int frequency = rs.getInt("frequency");
            BigDecimal monetary = rs.getBigDecimal("monetary");
            Integer recency =
                    last == null ? null : (int) java.time.temporal.ChronoUnit.DAYS.between(last, LocalDate.now(clock));
            BigDecimal aov = frequency == 0
                    ? BigDecimal.ZERO
                    : monetary.divide(BigDecimal.valueOf(frequency), 2, java.math.RoundingMode.HALF_UP);
            return new CustomerMetrics(
                    first,
                    last,
                    recency,
                    frequency,
                    monetary,
                    rs.getBigDecimal("recent_spend"),
                    aov,
                    Lifecycle.valueOf(rs.getString("lifecycle")),
                    ValueLevel.valueOf(rs.getString("value_level")),
                    score(rs.getObject("r_score")),
                    score(rs.getObject("f_score")),
                    score(rs.getObject("m_score")),
                    rs.getTimestamp("refreshed_at").toInstant());
        });
        if (rows.isEmpty()) {
            return new CustomerMetrics(
                    null,
                    null,
                    null,
                    0,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    Lifecycle.POTENTIAL,
                    ValueLevel.LOW,
                    null,
                    null,
                    null,
                    null);
        }
        return rows.getFirst();
    }

    private static Integer score(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private MapSqlParameterSource params(LifecycleSettings s, long fromId, long toId) {
        LocalDate today = LocalDate.now(clock);
        return new MapSqlParameterSource()
                .addValue("newFrom", Date.valueOf(today.minusDays(s.getNewDays())))
                .addValue("activeFrom", Date.valueOf(today.minusDays(s.getActiveDays())))
                .addValue("churnFrom", Date.valueOf(today.minusDays(s.getChurnDays())))
                .addValue("valueFrom", Date.valueOf(today.minusDays(s.getValueWindowDays())))
                .addValue("highValue", s.getHighValueSpend())
                .addValue("fromId", fromId)
                .addValue("toId", toId);
    }

    private LifecycleSettings load() {
        return settings.findById(1L).orElseThrow(() -> new IllegalStateException("lifecycle_settings row missing"));
    }

    private static LifecycleThresholds toThresholds(LifecycleSettings s) {
        return new LifecycleThresholds(
                s.getVersion(),
                s.getNewDays(),
                s.getActiveDays(),
                s.getChurnDays(),
                s.getHighValueSpend(),
                s.getValueWindowDays(),
                s.getUpdatedBy(),
                s.getUpdatedAt());
    }
}
