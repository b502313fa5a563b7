package io.keyuan.segmentation;

import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in each segment: refreshes of every rule set's membership (or one set's) as jobs of the job runner (on
 * demand and nightly, one at a time across nodes; see {@link MembershipRefreshJob}), the runs and their progress,
 * and the membership, its history and a customer's segments. Managers start and cancel refreshes; staff read.
 */
@Service
public class SegmentMembershipService {
    public static final int MAX_PAGE = 500;
    public static final int MAX_RUNS = 100;
    /** Nightly at 03:00, after the customer metrics (02:30) it reads. */
    static final String DEFAULT_CRON = "0 0 3 * * *";

    private static final Logger log = LoggerFactory.getLogger(SegmentMembershipService.class);

    private final MembershipRefresher refresher;
    private final JobService jobs;
    private final NamedParameterJdbcTemplate jdbc;
    private final String cron;
    private final Clock clock;

    SegmentMembershipService(
            MembershipRefresher refresher,
            JobService jobs,
            NamedParameterJdbcTemplate jdbc,
            @Value("${keyuan.segments.refresh-cron:" + DEFAULT_CRON + "}") String cron,
            Clock clock) {
        this.refresher = refresher;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.cron = cron;
        this.clock = clock;
    }

    /**
     * When the scheduled refresh runs next, in the business time zone; empty when the schedule is switched off
     * ({@code keyuan.segments.refresh-cron=-}).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<Instant> nextScheduledRefresh() {
        if (cron == null || cron.isBlank() || Scheduled.CRON_DISABLED.equals(cron.strip())) {
            return Optional.empty();
        }
        ZonedDateTime next =
                CronExpression.parse(cron.strip()).next(ZonedDateTime.now(clock.withZone(BusinessTime.ZONE)));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    /**
     * Starts refreshing every segment as a job of the calling manager's and returns the job; its summary names the
     * run ({@link #runOf}) once it has started. Refused with {@code segment.membership.error.running} while a
     * refresh is queued or running anywhere.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public JobId startRefresh() {
        return start(null);
    }

    /**
     * Like {@link #startRefresh()} for one rule set only, so that a manager who changed one set's rules sees its
     * members without waiting for every other set. The other sets' membership stays as their last run left it.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public JobId startRefresh(long ruleSetId) {
        return start(ruleSetId);
    }

    private JobId start(Long ruleSetId) {
        JobRequest request = request(ruleSetId, RefreshTrigger.MANUAL);
        // a run another node holds the lock for (one started before jobs, or by hand) refuses at once, not later
        if (!refresher.lockFree()) {
            throw new KeyuanException("segment.membership.error.running");
        }
        return jobs.submit(request);
    }

    private JobRequest request(Long ruleSetId, RefreshTrigger trigger) {
        JobRequest r =
                JobRequest.of(MembershipRefreshJob.KIND, new MembershipRefreshJob.Parameters(ruleSetId, trigger));
        if (ruleSetId == null) {
            return r.about("jobs.subject.all-segments");
        }
        String name = refresher
                .ruleSetName(ruleSetId)
                .orElseThrow(() -> new NotFoundException("segment-rule-set", ruleSetId));
        return r.about("jobs.subject.rule-set", name);
    }

    /**
     * Asks the run to stop after the segment (or exclusive rule set) it is working on; what it finished stays.
     * Returns false when the run is no longer running.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional
    public boolean cancel(long runId) {
        return jdbc.update(
                        "UPDATE segment_refresh_run SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'",
                        Map.of("id", runId))
                == 1;
    }

    /** Stops the refresh job: at once while it waits, else after the current unit. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public boolean cancel(JobId job) {
        return jobs.cancel(job);
    }

    /** The refresh queued or running now (on any node), as a job. */
    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<JobView> currentRefresh() {
        return jobs.active(MembershipRefreshJob.KIND);
    }

    /** A refresh job as it is now. */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobView refreshJob(JobId job) {
        return jobs.get(job);
    }

    /** The run a refresh job made, once it has started (a job refused before it started has none). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<RefreshRun> runOf(JobId job) {
        Object runId = jobs.get(job).summary().get("runId");
        return runId instanceof Number n ? Optional.of(run(n.longValue())) : Optional.empty();
    }

    /**
     * Nightly, after the customer metrics it reads, as a job of the system's. Every node fires; the firing's key
     * lets only the first insert a job, and a refresh still running refuses the next.
     */
    @Scheduled(cron = "${keyuan.segments.refresh-cron:" + DEFAULT_CRON + "}", zone = "${keyuan.zone:Asia/Shanghai}")
    Optional<JobId> nightlyRefresh() {
        String firing = ZonedDateTime.now(clock.withZone(BusinessTime.ZONE))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .toLocalDateTime()
                .toString();
        try {
            return Optional.of(SystemActor.call(() -> jobs.submit(
                    request(null, RefreshTrigger.SCHEDULED).oncePer(MembershipRefreshJob.KIND + "@" + firing))));
        } catch (KeyuanException e) {
            log.info("Nightly segment refresh not started: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public RefreshRun run(long runId) {
        return runs("WHERE r.id = :id", new MapSqlParameterSource("id", runId), 1).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("segment-refresh-run", runId));
    }

    /** The latest runs first, at most {@link #MAX_RUNS}. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RefreshRun> runs(int limit) {
        return runs("", new MapSqlParameterSource(), Math.clamp(limit, 1, MAX_RUNS));
    }

    /** The run going on now, if any. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<RefreshRun> currentRun() {
        return runs("WHERE r.status = 'RUNNING'", new MapSqlParameterSource(), 1).stream()
                .findFirst();
    }

    /** Every segment with its rule set and its member count as of the last run that refreshed it. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentOverviewRow> overview() {
        return jdbc.query(
                """
                SELECT rs.id AS set_id, rs.name AS set_name, rs.mode, s.id, s.name, s.priority,
                       rc.members, r.started_at,
                       (rc.rule_version <> s.current_version OR rc.mode <> rs.mode
                        OR (rs.mode = 'EXCLUSIVE' AND rc.priority <> s.priority)) AS stale
                FROM segment_rule_set rs
                JOIN segment s ON s.rule_set_id = rs.id
                LEFT JOIN segment_refresh_count rc ON rc.segment_id = s.id
                     AND rc.run_id = (SELECT MAX(x.run_id) FROM segment_refresh_count x WHERE x.segment_id = s.id)
                LEFT JOIN segment_refresh_run r ON r.id = rc.run_id
                ORDER BY rs.name, rs.id, s.priority, s.id""",
                (rs, i) -> new SegmentOverviewRow(
                        rs.getLong("set_id"),
                        rs.getString("set_name"),
                        RuleSetMode.valueOf(rs.getString("mode")),
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getInt("priority"),
                        rs.getObject("members", Long.class),
                        instant(rs, "started_at"),
                        rs.getBoolean("stale")));
    }

    /** How many customers the segment holds now (0 before its first refresh). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long memberCount(long segmentId) {
        List<Long> n = jdbc.queryForList(
                "SELECT members FROM segment_refresh_count WHERE segment_id = :id ORDER BY run_id DESC LIMIT 1",
                Map.of("id", segmentId),
                Long.class);
        return n.isEmpty() ? 0 : n.getFirst();
    }

    /** Up to {@code limit} members with customer ids above {@code afterCustomerId}, by id (keyset paging). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentMember> members(long segmentId, long afterCustomerId, int limit) {
        return jdbc.query(
                """
                SELECT m.customer_id, c.code, c.name, c.city, m.entered_at
                FROM segment_membership m JOIN customer c ON c.id = m.customer_id
                WHERE m.segment_id = :segment AND m.customer_id > :after
                ORDER BY m.customer_id LIMIT :limit""",
                new MapSqlParameterSource("segment", segmentId)
                        .addValue("after", afterCustomerId)
                        .addValue("limit", Math.clamp(limit, 0, MAX_PAGE)),
                SegmentMembershipService::member);
    }

    /**
     * Members by position, for a grid that jumps; reads the ids from the membership key alone before joining,
     * so even a deep position costs an index scan, not a scan of customers.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentMember> membersAt(long segmentId, int offset, int limit) {
        return jdbc.query(
                """
                SELECT m.customer_id, c.code, c.name, c.city, m.entered_at
                FROM (SELECT customer_id FROM segment_membership WHERE segment_id = :segment
                      ORDER BY customer_id LIMIT :limit OFFSET :offset) k
                JOIN segment_membership m ON m.segment_id = :segment AND m.customer_id = k.customer_id
                JOIN customer c ON c.id = m.customer_id
                ORDER BY m.customer_id""",
                new MapSqlParameterSource("segment", segmentId)
                        .addValue("offset", Math.max(0, offset))
                        .addValue("limit", Math.clamp(limit, 0, MAX_PAGE)),
                SegmentMembershipService::member);
    }

    /** The segment after each run that refreshed it, newest first: members, entered, exited. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentHistoryRow> segmentHistory(long segmentId) {
        return jdbc.query(
                """
                SELECT rc.run_id, r.started_at, rc.members, rc.entered, rc.exited
                FROM segment_refresh_count rc JOIN segment_refresh_run r ON r.id = rc.run_id
                WHERE rc.segment_id = :id ORDER BY rc.run_id DESC LIMIT 200""",
                Map.of("id", segmentId),
                (rs, i) -> new SegmentHistoryRow(
                        rs.getLong("run_id"),
                        instant(rs, "started_at"),
                        rs.getLong("members"),
                        rs.getLong("entered"),
                        rs.getLong("exited")));
    }

    /**
     * Every segment's size at the end of each month from {@code from} to {@code to}, by segment and month: the member
     * count a refresh run wrote (a run's counts are the membership it left behind, its entries and exits applied), so
     * one grouped pass over the runs' counts answers it, however many members and events there are. A month without a
     * run keeps the size of the last run before it.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentMonthSize> monthlySizes(java.time.YearMonth from, java.time.YearMonth to) {
        if (from == null || to == null || from.isAfter(to)) {
            throw new KeyuanException("segment.error.period");
        }
        String month = BusinessTime.sqlMonth(BusinessTime.sqlDate("r.started_at"));
        Map<Long, java.util.TreeMap<java.time.YearMonth, long[]>> bySegment = new LinkedHashMap<>();
        jdbc.query(
                "SELECT g.segment_id, g.m, g.entered, g.exited, rc.members FROM (SELECT rc.segment_id, " + month
                        + " m, SUM(rc.entered) entered, SUM(rc.exited) exited, MAX(rc.run_id) last_run"
                        + " FROM segment_refresh_count rc JOIN segment_refresh_run r ON r.id = rc.run_id"
                        + " WHERE r.started_at < :until GROUP BY rc.segment_id, " + month + ") g"
                        + " JOIN segment_refresh_count rc ON rc.run_id = g.last_run AND rc.segment_id = g.segment_id"
                        + " ORDER BY g.segment_id, g.m",
                new MapSqlParameterSource("until", java.sql.Timestamp.from(BusinessTime.monthStart(to.plusMonths(1)))),
                rs -> {
                    bySegment
                            .computeIfAbsent(rs.getLong(1), k -> new java.util.TreeMap<>())
                            .put(
                                    java.time.YearMonth.from(rs.getObject(2, java.time.LocalDate.class)),
                                    new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        List<SegmentMonthSize> sizes = new ArrayList<>();
        bySegment.forEach((segment, months) -> {
            for (java.time.YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                long[] in = months.get(m);
                var last = months.floorEntry(m);
                sizes.add(new SegmentMonthSize(
                        segment,
                        m,
                        last == null ? null : last.getValue()[2],
                        in == null ? 0 : in[0],
                        in == null ? 0 : in[1]));
            }
        });
        return sizes;
    }

    /** The customer's stays in segments, the latest entry first; a stay still going on has no exit. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerSegmentStay> customerHistory(long customerId) {
        Map<Long, List<CustomerSegmentStay>> bySegment = new LinkedHashMap<>();
        Map<Long, CustomerSegmentStay> open = new HashMap<>();
        jdbc.query("""
                SELECT e.segment_id, s.name, rs.id AS set_id, rs.name AS set_name, e.kind, e.happened_at
                FROM segment_membership_event e
                JOIN segment s ON s.id = e.segment_id
                JOIN segment_rule_set rs ON rs.id = s.rule_set_id
                WHERE e.customer_id = :id
                ORDER BY e.happened_at, e.segment_id""", Map.of("id", customerId), rs -> {
            long segment = rs.getLong("segment_id");
            Instant at = instant(rs, "happened_at");
            List<CustomerSegmentStay> stays = bySegment.computeIfAbsent(segment, k -> new ArrayList<>());
            if ("ENTER".equals(rs.getString("kind"))) {
                CustomerSegmentStay stay = new CustomerSegmentStay(
                        segment, rs.getString("name"), rs.getLong("set_id"), rs.getString("set_name"), at, null);
                stays.add(stay);
                open.put(segment, stay);
            } else {
                CustomerSegmentStay stay = open.remove(segment);
                if (stay != null) {
                    stays.set(
                            stays.indexOf(stay),
                            new CustomerSegmentStay(
                                    stay.segmentId(),
                                    stay.segmentName(),
                                    stay.ruleSetId(),
                                    stay.ruleSetName(),
                                    stay.enteredAt(),
                                    at));
                }
            }
        });
        return bySegment.values().stream()
                .flatMap(List::stream)
                .sorted((a, b) -> b.enteredAt().compareTo(a.enteredAt()))
                .toList();
    }

    /** The segments the customer is in now, by rule set and priority. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerSegmentStay> currentSegments(long customerId) {
        return jdbc.query(
                """
                SELECT s.id, s.name, rs.id AS set_id, rs.name AS set_name, m.entered_at
                FROM segment s
                JOIN segment_rule_set rs ON rs.id = s.rule_set_id
                JOIN segment_membership m ON m.segment_id = s.id AND m.customer_id = :id
                ORDER BY rs.name, s.priority, s.id""",
                Map.of("id", customerId),
                (rs, i) -> new CustomerSegmentStay(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("set_id"),
                        rs.getString("set_name"),
                        instant(rs, "entered_at"),
                        null));
    }

    private List<RefreshRun> runs(String where, MapSqlParameterSource params, int limit) {
        List<RefreshRun> runs = new ArrayList<>();
        Map<Long, List<RefreshRun.SkippedSegment>> skips = new HashMap<>();
        List<Object[]> rows = new ArrayList<>();
        jdbc.query(
                "SELECT r.* FROM segment_refresh_run r " + where + " ORDER BY r.id DESC LIMIT :limit",
                params.addValue("limit", limit),
                rs -> {
                    rows.add(new Object[] {
                        rs.getLong("id"),
                        RefreshTrigger.valueOf(rs.getString("trigger_kind")),
                        rs.getString("started_by"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        RefreshStatus.valueOf(rs.getString("status")),
                        rs.getInt("segments_total"),
                        rs.getInt("segments_done"),
                        rs.getLong("entered"),
                        rs.getLong("exited"),
                        rs.getBoolean("cancel_requested"),
                        rs.getString("error"),
                        rs.getObject("rule_set_id", Long.class),
                        rs.getString("rule_set_name")
                    });
                });
        if (rows.isEmpty()) {
            return runs;
        }
        jdbc.query(
                "SELECT run_id, segment_id, segment_name, problem_key, problem_arg FROM segment_refresh_skip"
                        + " WHERE run_id IN (:ids) ORDER BY run_id, segment_id",
                Map.of("ids", rows.stream().map(r -> r[0]).toList()),
                rs -> {
                    skips.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>())
                            .add(new RefreshRun.SkippedSegment(
                                    rs.getLong("segment_id"),
                                    rs.getString("segment_name"),
                                    rs.getString("problem_key"),
                                    rs.getString("problem_arg")));
                });
        for (Object[] r : rows) {
            runs.add(new RefreshRun(
                    (Long) r[0],
                    (RefreshTrigger) r[1],
                    (String) r[2],
                    (Instant) r[3],
                    (Instant) r[4],
                    (RefreshStatus) r[5],
                    (Integer) r[6],
                    (Integer) r[7],
                    (Long) r[8],
                    (Long) r[9],
                    (Boolean) r[10],
                    (String) r[11],
                    (Long) r[12],
                    (String) r[13],
                    skips.getOrDefault((Long) r[0], List.of())));
        }
        return runs;
    }

    private static SegmentMember member(ResultSet rs, int i) throws SQLException {
        return new SegmentMember(
                rs.getLong("customer_id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("city"),
                instant(rs, "entered_at"));
    }

    /** Timestamps are stored in UTC. */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
