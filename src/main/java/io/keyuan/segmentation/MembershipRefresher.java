package io.keyuan.segmentation;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refresh itself, set-based in the database. A run owns one connection from start to end: it holds the
 * cluster-wide lock (MariaDB locks belong to a connection) and the session's work tables.
 *
 * <p>Each rule set's matches are selected into a work table in one pass over the customers, outside any
 * transaction (consistent reads, no locks on customers). Then come the writes, in units: one segment of an
 * overlapping set, or a whole exclusive set (its segments depend on each other, so committing half of one would put
 * a customer in two of them); each unit writes events, membership and counts in one transaction. Cancel is honoured
 * between units, so every finished unit is whole. A run is the work of one job ({@link MembershipRefreshJob}).
 */
@Component
class MembershipRefresher {
    static final String LOCK = "keyuan.segments.refresh";
    private static final Logger log = LoggerFactory.getLogger(MembershipRefresher.class);
    private static final String UNREADABLE = "segment.membership.skip.unreadable";

    private final DataSource dataSource;
    private final SegmentService segments;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final SegmentFieldCatalogue fields;
    private volatile LongConsumer afterUnit = runId -> {};

    MembershipRefresher(
            DataSource dataSource,
            SegmentService segments,
            Clock clock,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            SegmentFieldCatalogue fields) {
        this.fields = fields;
        this.dataSource = dataSource;
        this.segments = segments;
        this.clock = clock;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Tests pause or cancel a run between units through this. */
    void afterEachUnit(LongConsumer listener) {
        this.afterUnit = listener == null ? runId -> {} : listener;
    }

    /** Progress of a run: segments done (or skipped) of the total. */
    @FunctionalInterface
    interface Progress {
        void segments(int done, int total);
    }

    /** Whether no run holds the lock now (a hint for refusing early: the run itself takes the lock). */
    boolean lockFree() {
        Integer free = new JdbcTemplate(dataSource).queryForObject("SELECT IS_FREE_LOCK(?)", Integer.class, LOCK);
        return free != null && free == 1;
    }

    /** The rule set's name, or empty when there is no such set. */
    java.util.Optional<String> ruleSetName(long ruleSetId) {
        return new JdbcTemplate(dataSource)
                .queryForList("SELECT name FROM segment_rule_set WHERE id = ?", String.class, ruleSetId).stream()
                        .findFirst();
    }

    /** A connection holding the refresh lock, or a refusal when another run (on any node) holds it. */
    Connection lock() {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("No database connection for the segment refresh", e);
        }
        try {
            // A finished run reports DONE a moment before it lets go of the lock; a short wait covers that gap.
            Integer got = jdbc(c).queryForObject("SELECT GET_LOCK(?, 2)", Integer.class, LOCK);
            if (got == null || got != 1) {
                close(c, false);
                throw new KeyuanException("segment.membership.error.running");
            }
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return c;
        } catch (SQLException e) {
            close(c, true);
            throw new IllegalStateException("Could not prepare the segment refresh connection", e);
        }
    }

    /**
     * Records a new run over every rule set ({@code ruleSetId} null) or one; a run still marked RUNNING can only be
     * one whose node died, since we hold the lock. Refused with a not-found when the one rule set does not exist.
     */
    long createRun(Connection c, RefreshTrigger trigger, String user, Long ruleSetId) {
        JdbcTemplate j = jdbc(c);
        LocalDateTime now = now();
        String setName = null;
        if (ruleSetId != null) {
            List<String> names =
                    j.queryForList("SELECT name FROM segment_rule_set WHERE id = ?", String.class, ruleSetId);
            if (names.isEmpty()) {
                throw new NotFoundException("segment-rule-set", ruleSetId);
            }
            setName = names.getFirst();
        }
        j.update(
                "UPDATE segment_refresh_run SET status = 'FAILED', finished_at = ?, error = 'interrupted'"
                        + " WHERE status = 'RUNNING'",
                now);
        j.update(
                "INSERT INTO segment_refresh_run (trigger_kind, started_by, started_at, status, rule_set_id,"
                        + " rule_set_name) VALUES (?, ?, ?, 'RUNNING', ?, ?)",
                trigger.name(),
                user,
                now,
                ruleSetId,
                setName);
        Long id = j.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
        return id == null ? 0 : id;
    }

    /** Gives up a locked connection whose run never started. */
    void abandon(Connection c) {
        close(c, false);
    }

    /** Runs to the end (or cancel, or failure), then releases the lock and the connection. */
    RefreshStatus run(Connection c, long runId) {
        return run(c, runId, () -> false, (done, total) -> {});
    }

    /**
     * The same, also stopping between units once {@code stop} says so (a cancelled job), and reporting the
     * segments done after each unit. Returns how the run ended.
     */
    RefreshStatus run(Connection c, long runId, BooleanSupplier stop, Progress progress) {
        JdbcTemplate j = jdbc(c);
        NamedParameterJdbcTemplate nj = new NamedParameterJdbcTemplate(j);
        boolean broken = false;
        Long scope = null;
        RefreshStatus end = RefreshStatus.FAILED;
        try {
            scope = j.queryForObject("SELECT rule_set_id FROM segment_refresh_run WHERE id = ?", Long.class, runId);
            List<RuleSet> sets = ruleSets(j, scope);
            int total = sets.stream().mapToInt(u -> u.segments().size()).sum();
            j.update("UPDATE segment_refresh_run SET segments_total = ? WHERE id = ?", total, runId);
            progress.segments(0, total);
            createWorkTables(j);
            LocalDateTime at = j.queryForObject(
                    "SELECT started_at FROM segment_refresh_run WHERE id = ?", LocalDateTime.class, runId);
            LocalDate today = LocalDate.now(clock);
            end = RefreshStatus.DONE;
            BooleanSupplier stopped = () -> stop.getAsBoolean() || cancelRequested(j, runId);
            for (RuleSet set : sets) {
                if (stopped.getAsBoolean()
                        || !refreshSet(c, j, nj, runId, set, at, today, stopped, () -> report(j, runId, progress))) {
                    end = RefreshStatus.CANCELLED;
                    break;
                }
                report(j, runId, progress);
            }
            j.update(
                    "UPDATE segment_refresh_run SET status = ?, finished_at = ? WHERE id = ?",
                    end.name(),
                    now(),
                    runId);
        } catch (RuntimeException | Error e) {
            end = RefreshStatus.FAILED;
            log.error("Segment refresh {} failed", runId, e);
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                String message = String.valueOf(e.getMessage());
                j.update(
                        "UPDATE segment_refresh_run SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?",
                        now(),
                        message.length() > 1000 ? message.substring(0, 1000) : message,
                        runId);
            } catch (SQLException | RuntimeException inner) {
                broken = true;
                log.error("Could not record the failure of segment refresh {}", runId, inner);
            }
        } finally {
            close(c, broken);
        }
        if (!broken) {
            announce(runId, scope, end);
        }
        return end;
    }

    private static void report(JdbcTemplate j, long runId, Progress progress) {
        j.query(
                "SELECT segments_done, segments_total FROM segment_refresh_run WHERE id = ?",
                rs -> {
                    progress.segments(rs.getInt(1), rs.getInt(2));
                },
                runId);
    }

    /**
     * Tells the other modules what the run changed, in a transaction of its own so that listeners bound to a
     * commit hear it too. The run's writes are committed by now; a listener that fails does not undo them.
     */
    private void announce(long runId, Long scope, RefreshStatus end) {
        try {
            transaction.executeWithoutResult(status -> {
                List<SegmentMembershipRefreshed.SegmentChange> changes = new JdbcTemplate(dataSource)
                        .query(
                                "SELECT rc.segment_id, s.rule_set_id, rc.members, rc.entered, rc.exited"
                                        + " FROM segment_refresh_count rc JOIN segment s ON s.id = rc.segment_id"
                                        + " WHERE rc.run_id = ? ORDER BY s.rule_set_id, s.priority, s.id",
                                (rs, i) -> new SegmentMembershipRefreshed.SegmentChange(
                                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                                runId);
                if (!changes.isEmpty()) {
                    events.publishEvent(new SegmentMembershipRefreshed(runId, scope, end, changes));
                }
            });
        } catch (RuntimeException e) {
            log.error("A listener failed on the end of segment refresh {}", runId, e);
        }
    }

    private record Seg(long id, String name, String ruleText, int ruleVersion, int priority) {}

    private record RuleSet(long id, RuleSetMode mode, List<Seg> segments) {}

    /** Every rule set with its segments in priority order, or only the one named. */
    private static List<RuleSet> ruleSets(JdbcTemplate j, Long only) {
        List<RuleSet> sets = new ArrayList<>();
        j.query(
                """
                SELECT rs.id AS set_id, rs.mode, s.id, s.name, v.rule_text, s.current_version, s.priority
                FROM segment_rule_set rs
                JOIN segment s ON s.rule_set_id = rs.id
                JOIN segment_rule_version v ON v.segment_id = s.id AND v.version_no = s.current_version
                WHERE ? IS NULL OR rs.id = ?
                ORDER BY rs.id, s.priority, s.id""",
                rs -> {
                    long setId = rs.getLong("set_id");
                    Seg seg = new Seg(
                            rs.getLong("id"),
                            rs.getString("name"),
                            rs.getString("rule_text"),
                            rs.getInt("current_version"),
                            rs.getInt("priority"));
                    if (sets.isEmpty() || sets.getLast().id() != setId) {
                        sets.add(new RuleSet(setId, RuleSetMode.valueOf(rs.getString("mode")), new ArrayList<>()));
                    }
                    sets.getLast().segments().add(seg);
                },
                only,
                only);
        return sets;
    }

    // Aria: work tables need no transactions or crash safety, and Aria fills them faster than InnoDB here.
    private static void createWorkTables(JdbcTemplate j) {
        j.execute("CREATE TEMPORARY TABLE IF NOT EXISTS seg_work_match (segment_id BIGINT NOT NULL,"
                + " customer_id BIGINT NOT NULL, PRIMARY KEY (segment_id, customer_id)) ENGINE = Aria");
        j.execute("CREATE TEMPORARY TABLE IF NOT EXISTS seg_work_delta (segment_id BIGINT NOT NULL,"
                + " kind CHAR(1) NOT NULL, customer_id BIGINT NOT NULL, PRIMARY KEY (segment_id, kind, customer_id))"
                + " ENGINE = Aria");
    }

    private static void dropWorkTables(JdbcTemplate j) {
        j.execute("DROP TEMPORARY TABLE IF EXISTS seg_work_match, seg_work_delta");
    }

    private record Planned(Seg seg, long members, boolean hadMembers) {}

    /**
     * Refreshes one rule set; returns false when it stopped for a cancel. Matching takes one pass over the
     * customers for the whole set, however many segments it has: each customer row is joined once and every rule
     * is evaluated on it, instead of one full join per segment.
     */
    private boolean refreshSet(
            Connection c,
            JdbcTemplate j,
            NamedParameterJdbcTemplate nj,
            long runId,
            RuleSet set,
            LocalDateTime at,
            LocalDate today,
            BooleanSupplier stopped,
            Runnable unitDone) {
        j.execute("TRUNCATE TABLE seg_work_match");
        j.execute("TRUNCATE TABLE seg_work_delta");
        boolean exclusive = set.mode() == RuleSetMode.EXCLUSIVE;
        long started = System.nanoTime();
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> cases = new ArrayList<>();
        List<Seg> ready = new ArrayList<>();
        int skipped = 0;
        for (Seg seg : set.segments()) {
            RuleProblem problem = problem(seg);
            if (problem != null) {
                skipped++;
                String arg = problem.args().length == 0 ? null : String.valueOf(problem.args()[0]);
                j.update(
                        "INSERT INTO segment_refresh_skip (run_id, segment_id, segment_name, problem_key, problem_arg)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        runId,
                        seg.id(),
                        seg.name(),
                        problem.key(),
                        arg == null || arg.length() <= 200 ? arg : arg.substring(0, 200));
                if (exclusive) {
                    // The skipped segment keeps its members, so lower segments must not claim them as well.
                    params.addValue("skip" + seg.id(), seg.id());
                    cases.add("WHEN EXISTS (SELECT 1 FROM segment_membership sm WHERE sm.segment_id = :skip" + seg.id()
                            + " AND sm.customer_id = c.id) THEN 0");
                }
                continue;
            }
            String where =
                    renamed(SqlRuleCompiler.compile(RuleText.read(seg.ruleText(), fields), today), seg.id(), params);
            cases.add((exclusive ? "WHEN " : "WHEN " + seg.id() + " THEN ")
                    + where
                    + (exclusive ? " THEN " + seg.id() : ""));
            ready.add(seg);
        }
        if (skipped > 0) {
            j.update("UPDATE segment_refresh_run SET segments_done = segments_done + ? WHERE id = ?", skipped, runId);
        }
        if (ready.isEmpty()) {
            return true;
        }
        if (exclusive) {
            nj.update(
                    "INSERT INTO seg_work_match (segment_id, customer_id) SELECT x.seg, x.id FROM (SELECT c.id, CASE "
                            + String.join(" ", cases) + " ELSE 0 END AS seg FROM " + SqlRuleCompiler.FROM
                            + ") x WHERE x.seg > 0",
                    params);
        } else {
            // The segment list is joined last, so each customer row is read once and tested against every rule.
            List<String> ids =
                    ready.stream().map(s -> "SELECT " + s.id() + " AS seg").toList();
            nj.update(
                    "INSERT INTO seg_work_match (segment_id, customer_id) SELECT STRAIGHT_JOIN s.seg, c.id FROM "
                            + SqlRuleCompiler.FROM + " JOIN (" + String.join(" UNION ALL ", ids)
                            + ") s ON (CASE s.seg " + String.join(" ", cases) + " ELSE FALSE END)",
                    params);
        }
        long matched = System.nanoTime();
        java.util.Map<Long, Long> members = new java.util.HashMap<>();
        j.query("SELECT segment_id, COUNT(*) FROM seg_work_match GROUP BY segment_id", rs -> {
            members.put(rs.getLong(1), rs.getLong(2));
        });
        List<Planned> planned = new ArrayList<>();
        for (Seg seg : ready) {
            Boolean had = j.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM segment_membership WHERE segment_id = ?)", Boolean.class, seg.id());
            planned.add(new Planned(seg, members.getOrDefault(seg.id(), 0L), Boolean.TRUE.equals(had)));
        }
        try {
            if (exclusive) {
                // Its segments depend on each other: all of the set is written, or none.
                inTransaction(c, () -> write(j, runId, planned, at, set.mode()));
                afterUnit.accept(runId);
                unitDone.run();
                return true;
            }
            for (Planned one : planned) {
                if (stopped.getAsBoolean()) {
                    return false;
                }
                inTransaction(c, () -> write(j, runId, List.of(one), at, set.mode()));
                afterUnit.accept(runId);
                unitDone.run();
            }
            return true;
        } finally {
            log.info(
                    "Segment refresh {}: rule set {} ({} segments) matched in {} ms, written in {} ms",
                    runId,
                    set.id(),
                    ready.size(),
                    (matched - started) / 1_000_000,
                    (System.nanoTime() - matched) / 1_000_000);
        }
    }

    private static final java.util.regex.Pattern PARAMETER =
            java.util.regex.Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * The rule's WHERE with every one of its parameters renamed apart from the other rules' in the same statement
     * (each compiled rule numbers its own from zero); whatever names the compiler chooses, each rule keeps its own.
     */
    static String renamed(SqlRuleCompiler.CompiledRule rule, long segmentId, MapSqlParameterSource into) {
        java.util.Set<String> names = java.util.Set.of(rule.params().getParameterNames());
        String prefix = "s" + segmentId + "_";
        for (String name : names) {
            into.addValue(prefix + name, rule.params().getValue(name));
        }
        return PARAMETER
                .matcher(rule.where())
                .replaceAll(m -> names.contains(m.group(1))
                        ? java.util.regex.Matcher.quoteReplacement(":" + prefix + m.group(1))
                        : java.util.regex.Matcher.quoteReplacement(m.group()));
    }

    /** Events, membership and counts for the planned segments, inside the caller's transaction. */
    private void write(JdbcTemplate j, long runId, List<Planned> planned, LocalDateTime at, RuleSetMode mode) {
        long entered = 0;
        long exited = 0;
        for (Planned pl : planned) {
            long id = pl.seg().id();
            long in;
            long out = 0;
            if (!pl.hadMembers()) {
                // nobody to leave: everyone matching enters, straight from the match table
                in = enter(j, runId, id, at, "seg_work_match WHERE segment_id = ?");
            } else {
                j.update(
                        "INSERT INTO seg_work_delta (segment_id, kind, customer_id) SELECT ?, 'N', t.customer_id"
                                + " FROM seg_work_match t WHERE t.segment_id = ? AND NOT EXISTS (SELECT 1 FROM"
                                + " segment_membership m WHERE m.segment_id = ? AND m.customer_id = t.customer_id)",
                        id,
                        id,
                        id);
                j.update(
                        "INSERT INTO seg_work_delta (segment_id, kind, customer_id) SELECT ?, 'X', m.customer_id"
                                + " FROM segment_membership m WHERE m.segment_id = ? AND NOT EXISTS (SELECT 1 FROM"
                                + " seg_work_match t WHERE t.segment_id = ? AND t.customer_id = m.customer_id)",
                        id,
                        id,
                        id);
                out = j.update(
                        "INSERT INTO segment_membership_event (run_id, segment_id, customer_id, kind, happened_at)"
                                + " SELECT ?, ?, customer_id, 'EXIT', ? FROM seg_work_delta"
                                + " WHERE segment_id = ? AND kind = 'X'",
                        runId,
                        id,
                        at,
                        id);
                if (out > 0) {
                    j.update(
                            "DELETE m FROM segment_membership m JOIN seg_work_delta d ON d.segment_id = m.segment_id"
                                    + " AND d.kind = 'X' AND d.customer_id = m.customer_id WHERE m.segment_id = ?",
                            id);
                }
                in = enter(j, runId, id, at, "seg_work_delta WHERE segment_id = ? AND kind = 'N'");
            }
            j.update(
                    "INSERT INTO segment_refresh_count (run_id, segment_id, members, entered, exited, rule_version,"
                            + " priority, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    runId,
                    id,
                    pl.members(),
                    in,
                    out,
                    pl.seg().ruleVersion(),
                    pl.seg().priority(),
                    mode.name());
            entered += in;
            exited += out;
        }
        j.update(
                "UPDATE segment_refresh_run SET segments_done = segments_done + ?, entered = entered + ?,"
                        + " exited = exited + ? WHERE id = ?",
                planned.size(),
                entered,
                exited,
                runId);
    }

    /**
     * Everyone in {@code source} (a work table and its condition on the segment, a constant of this class) enters
     * the segment: an ENTER event and a membership row each. Returns how many entered.
     */
    private static int enter(JdbcTemplate j, long runId, long segmentId, LocalDateTime at, String source) {
        int in = j.update(
                "INSERT INTO segment_membership_event (run_id, segment_id, customer_id, kind, happened_at)"
                        + " SELECT ?, ?, customer_id, 'ENTER', ? FROM " + source,
                runId,
                segmentId,
                at,
                segmentId);
        j.update(
                "INSERT INTO segment_membership (segment_id, customer_id, entered_at) SELECT ?, customer_id, ? FROM "
                        + source,
                segmentId,
                at,
                segmentId);
        return in;
    }

    /** Null when the segment's rule may run; else the first thing wrong with it. */
    private RuleProblem problem(Seg seg) {
        try {
            List<RuleProblem> problems = segments.check(RuleText.read(seg.ruleText(), fields));
            return problems.isEmpty() ? null : problems.getFirst();
        } catch (RuntimeException e) {
            log.warn("Segment {} has a rule that cannot be read; skipped: {}", seg.id(), e.toString());
            return new RuleProblem("", UNREADABLE);
        }
    }

    private static boolean cancelRequested(JdbcTemplate j, long runId) {
        Boolean asked =
                j.queryForObject("SELECT cancel_requested FROM segment_refresh_run WHERE id = ?", Boolean.class, runId);
        return Boolean.TRUE.equals(asked);
    }

    private static void inTransaction(Connection c, Runnable work) {
        try {
            c.setAutoCommit(false);
            try {
                work.run();
                c.commit();
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Segment refresh transaction failed", e);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static JdbcTemplate jdbc(Connection c) {
        return new JdbcTemplate(new SingleConnectionDataSource(c, true));
    }

    /** Drops the work tables and the lock; a connection in an unknown state is evicted instead of reused. */
    private static void close(Connection c, boolean broken) {
        try {
            if (!broken) {
                JdbcTemplate j = jdbc(c);
                dropWorkTables(j);
                j.queryForObject("SELECT RELEASE_LOCK(?)", Integer.class, LOCK);
            } else {
                c.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not release the segment refresh lock cleanly", e);
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                log.warn("Could not close the segment refresh connection", e);
            }
        }
    }
}
