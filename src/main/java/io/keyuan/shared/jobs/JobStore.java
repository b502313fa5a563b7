package io.keyuan.shared.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The job table. Every statement commits on its own (no surrounding transaction): progress and heartbeats must be
 * visible to other nodes at once, and a job's state is one row. Times are stored in UTC.
 */
@Component
class JobStore {
    private static final String ACTIVE = "status IN ('QUEUED', 'RUNNING')";

    private final NamedParameterJdbcTemplate jdbc;

    JobStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row of the table. */
    record Row(
            long id,
            String kind,
            String owner,
            String parameters,
            String subjectKey,
            String subjectArgs,
            JobStatus status,
            boolean cancelRequested,
            boolean retryable,
            Long retryOf,
            String node,
            long progressDone,
            long progressTotal,
            String progressKey,
            String progressArgs,
            String errorKey,
            String errorArgs,
            String summary,
            String inputName,
            String inputFile,
            String resultName,
            String resultType,
            String resultFile,
            Long resultSize,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt,
            Instant heartbeatAt,
            Instant expiresAt) {}

    long insert(
            String kind,
            String owner,
            String parameters,
            String subjectKey,
            String subjectArgs,
            boolean retryable,
            Long retryOf,
            String dedupeKey,
            String node,
            Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                """
                INSERT INTO job (kind, owner, parameters, subject_key, subject_args, status, retryable, retry_of,
                                 dedupe_key, node, queued_at, heartbeat_at)
                VALUES (:kind, :owner, :parameters, :subjectKey, :subjectArgs, 'QUEUED', :retryable, :retryOf,
                        :dedupeKey, :node, :now, :now)""",
                new MapSqlParameterSource("kind", kind)
                        .addValue("owner", owner)
                        .addValue("parameters", parameters)
                        .addValue("subjectKey", subjectKey)
                        .addValue("subjectArgs", subjectArgs)
                        .addValue("retryable", retryable)
                        .addValue("retryOf", retryOf)
                        .addValue("dedupeKey", dedupeKey)
                        .addValue("node", node)
                        .addValue("now", utc(now)),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }

    Optional<Long> idByDedupeKey(String key) {
        return jdbc.queryForList("SELECT id FROM job WHERE dedupe_key = :key", Map.of("key", key), Long.class).stream()
                .findFirst();
    }

    void setInput(long id, String inputFile, String inputName) {
        jdbc.update(
                "UPDATE job SET input_file = :file, input_name = :name WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("file", inputFile).addValue("name", inputName));
    }

    /** Removes a row that never reached a worker (its input could not be stored, the executor refused it). */
    void delete(long id) {
        jdbc.update("DELETE FROM job WHERE id = :id", Map.of("id", id));
    }

    Optional<Row> get(long id) {
        return jdbc.query("SELECT * FROM job WHERE id = :id", Map.of("id", id), JobStore::row).stream()
                .findFirst();
    }

    List<Row> get(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT * FROM job WHERE id IN (:ids)", Map.of("ids", ids), JobStore::row);
    }

    /** The latest jobs first: one owner's, or everyone's when {@code owner} is null. */
    List<Row> latest(String owner, int limit) {
        return jdbc.query(
                "SELECT * FROM job" + (owner == null ? "" : " WHERE owner = :owner") + " ORDER BY id DESC LIMIT :limit",
                new MapSqlParameterSource("owner", owner).addValue("limit", limit),
                JobStore::row);
    }

    long activeCount(String owner) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM job WHERE owner = :owner AND " + ACTIVE, Map.of("owner", owner), Long.class);
        return n == null ? 0 : n;
    }

    Map<String, Long> activeCounts(Collection<String> owners) {
        Map<String, Long> counts = new HashMap<>();
        if (owners.isEmpty()) {
            return counts;
        }
        jdbc.query(
                "SELECT owner, COUNT(*) FROM job WHERE owner IN (:owners) AND " + ACTIVE + " GROUP BY owner",
                Map.of("owners", owners),
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** The newest queued or running job of the kind, on any node. */
    Optional<Row> activeOfKind(String kind) {
        return jdbc
                .query(
                        "SELECT * FROM job WHERE kind = :kind AND " + ACTIVE + " ORDER BY id DESC LIMIT 1",
                        Map.of("kind", kind),
                        JobStore::row)
                .stream()
                .findFirst();
    }

    /** Takes a queued job for a worker; false when it was cancelled (or failed by recovery) meanwhile. */
    boolean claim(long id, String node, Instant now) {
        return jdbc.update(
                        """
                        UPDATE job SET status = 'RUNNING', started_at = :now, heartbeat_at = :now, node = :node
                        WHERE id = :id AND status = 'QUEUED' AND cancel_requested = FALSE""",
                        new MapSqlParameterSource("id", id)
                                .addValue("node", node)
                                .addValue("now", utc(now)))
                == 1;
    }

    /** Writes progress and the heartbeat; returns whether someone asked the job to stop. */
    boolean progress(long id, long done, long total, String key, String args, Instant now) {
        jdbc.update(
                """
                UPDATE job SET progress_done = :done, progress_total = :total, progress_key = :key,
                       progress_args = :args, heartbeat_at = :now
                WHERE id = :id AND status = 'RUNNING'""",
                new MapSqlParameterSource("id", id)
                        .addValue("done", done)
                        .addValue("total", total)
                        .addValue("key", key)
                        .addValue("args", args)
                        .addValue("now", utc(now)));
        return cancelRequested(id);
    }

    boolean cancelRequested(long id) {
        List<Boolean> asked =
                jdbc.queryForList("SELECT cancel_requested FROM job WHERE id = :id", Map.of("id", id), Boolean.class);
        return !asked.isEmpty() && Boolean.TRUE.equals(asked.getFirst());
    }

    void summary(long id, String json) {
        jdbc.update(
                "UPDATE job SET summary = :json WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("json", json));
    }

    /** Every queued or running job of this node is alive. */
    int heartbeat(String node, Instant now) {
        return jdbc.update(
                "UPDATE job SET heartbeat_at = :now WHERE node = :node AND " + ACTIVE,
                new MapSqlParameterSource("node", node).addValue("now", utc(now)));
    }

    /** Ids among {@code ids} whose stop was asked for (jobs this node runs, asked from another node). */
    List<Long> cancelRequested(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT id FROM job WHERE id IN (:ids) AND cancel_requested = TRUE", Map.of("ids", ids), Long.class);
    }

    /** Ends a queued job at once; false when it has started (or ended) meanwhile. */
    boolean cancelQueued(long id, Instant now, Instant expires) {
        return jdbc.update(
                        """
                        UPDATE job SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = :now,
                               expires_at = :expires
                        WHERE id = :id AND status = 'QUEUED'""",
                        new MapSqlParameterSource("id", id)
                                .addValue("now", utc(now))
                                .addValue("expires", utc(expires)))
                == 1;
    }

    /** Asks a running job to stop; false when it is no longer running. */
    boolean requestCancel(long id) {
        return jdbc.update(
                        "UPDATE job SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'",
                        Map.of("id", id))
                == 1;
    }

    /** Records how a running job ended; false when the row was no longer running (recovery took it). */
    boolean finish(
            long id,
            JobStatus status,
            String errorKey,
            String errorArgs,
            String resultFile,
            String resultName,
            String resultType,
            Long resultSize,
            long done,
            long total,
            Instant now,
            Instant expires) {
        return jdbc.update(
                        """
                        UPDATE job SET status = :status, error_key = :errorKey, error_args = :errorArgs,
                               result_file = :resultFile, result_name = :resultName, result_type = :resultType,
                               result_size = :resultSize, progress_done = :done, progress_total = :total,
                               finished_at = :now, heartbeat_at = :now, expires_at = :expires
                        WHERE id = :id AND status = 'RUNNING'""",
                        new MapSqlParameterSource("id", id)
                                .addValue("status", status.name())
                                .addValue("errorKey", errorKey)
                                .addValue("errorArgs", errorArgs)
                                .addValue("resultFile", resultFile)
                                .addValue("resultName", resultName)
                                .addValue("resultType", resultType)
                                .addValue("resultSize", resultSize)
                                .addValue("done", done)
                                .addValue("total", total)
                                .addValue("now", utc(now))
                                .addValue("expires", utc(expires)))
                == 1;
    }

    /**
     * Fails every queued or running job whose node has not beaten for {@code staleSince}: its node died (a live
     * node beats far more often). The dead node is named in the error. Returns the jobs it failed.
     */
    List<Row> failStale(Instant staleSince, Instant now, Instant expires) {
        List<Row> stale = jdbc.query(
                "SELECT * FROM job WHERE " + ACTIVE + " AND heartbeat_at < :cutoff",
                Map.of("cutoff", utc(staleSince)),
                JobStore::row);
        List<Row> failed = new java.util.ArrayList<>();
        for (Row r : stale) {
            int n = jdbc.update(
                    """
                    UPDATE job SET status = 'FAILED', error_key = 'jobs.error.interrupted', error_args = :args,
                           finished_at = :now, expires_at = :expires
                    WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND heartbeat_at < :cutoff""",
                    new MapSqlParameterSource("id", r.id())
                            .addValue("args", JobJson.args(r.node()))
                            .addValue("now", utc(now))
                            .addValue("expires", utc(expires))
                            .addValue("cutoff", utc(staleSince)));
            if (n == 1) {
                failed.add(r);
            }
        }
        return failed;
    }

    /** Fails the queued and running jobs of a node that is stopping: they will not run on. */
    int failNode(String node, Instant now, Instant expires) {
        return jdbc.update(
                """
                UPDATE job SET status = 'FAILED', error_key = 'jobs.error.interrupted', error_args = :args,
                       finished_at = :now, expires_at = :expires
                WHERE node = :node AND status IN ('QUEUED', 'RUNNING')""",
                new MapSqlParameterSource("node", node)
                        .addValue("args", JobJson.args(node))
                        .addValue("now", utc(now))
                        .addValue("expires", utc(expires)));
    }

    /** Forgets the files of jobs whose time is up; the file sweep then deletes them from disk. */
    int expire(Instant now) {
        return jdbc.update("""
                UPDATE job SET result_file = NULL, input_file = NULL
                WHERE expires_at < :now AND (result_file IS NOT NULL OR input_file IS NOT NULL)""", Map.of("now", utc(now)));
    }

    /** Deletes the rows of jobs that ended before {@code before}. */
    int purge(Instant before) {
        return jdbc.update(
                "DELETE FROM job WHERE finished_at < :before AND status NOT IN ('QUEUED', 'RUNNING')",
                Map.of("before", utc(before)));
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("owner"),
                rs.getString("parameters"),
                rs.getString("subject_key"),
                rs.getString("subject_args"),
                JobStatus.valueOf(rs.getString("status")),
                rs.getBoolean("cancel_requested"),
                rs.getBoolean("retryable"),
                rs.getObject("retry_of", Long.class),
                rs.getString("node"),
                rs.getLong("progress_done"),
                rs.getLong("progress_total"),
                rs.getString("progress_key"),
                rs.getString("progress_args"),
                rs.getString("error_key"),
                rs.getString("error_args"),
                rs.getString("summary"),
                rs.getString("input_name"),
                rs.getString("input_file"),
                rs.getString("result_name"),
                rs.getString("result_type"),
                rs.getString("result_file"),
                rs.getObject("result_size", Long.class),
                instant(rs, "queued_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "heartbeat_at"),
                instant(rs, "expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    static LocalDateTime utc(Instant at) {
        return at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
