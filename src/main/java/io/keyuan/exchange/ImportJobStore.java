package io.keyuan.exchange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The import_job and import_change tables, through plain JDBC (the changes are written in batches). */
@Component
class ImportJobStore {
    private static final String COLUMNS = "id, schema_name, file_name, file_format, mode, status, total_rows,"
            + " created_count, updated_count, unchanged_count, error_count, message, started_at, started_by,"
            + " finished_at, undone_at, undone_by, error_workbook IS NOT NULL AS has_errors";

    private final JdbcTemplate jdbc;

    ImportJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(
            String schema,
            String fileName,
            String format,
            ImportMode mode,
            ImportStatus status,
            Instant at,
            String by) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                c -> {
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO import_job (schema_name, file_name, file_format, mode, status, started_at,"
                                    + " started_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, schema);
                    ps.setString(2, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
                    ps.setString(3, format);
                    ps.setString(4, mode.name());
                    ps.setString(5, status.name());
                    ps.setTimestamp(6, Timestamp.from(at));
                    ps.setString(7, by);
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    void finish(long id, ImportStatus status, ImportReport r, String message, Instant at, String format) {
        jdbc.update(
                "UPDATE import_job SET status = ?, file_format = ?, total_rows = ?, created_count = ?, updated_count = ?,"
                        + " unchanged_count = ?, error_count = ?, message = ?, finished_at = ? WHERE id = ?",
                status.name(),
                format,
                r.totalRows(),
                r.created(),
                r.updated(),
                r.unchanged(),
                r.errorRows(),
                message == null || message.length() <= 500 ? message : message.substring(0, 500),
                Timestamp.from(at),
                id);
    }

    void storeErrorWorkbook(long id, byte[] workbook) {
        jdbc.update("UPDATE import_job SET error_workbook = ? WHERE id = ?", workbook, id);
    }

    /** Writes the changes; consecutive created ids become one row (a range). */
    void recordChanges(long jobId, List<RecordedChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        // an importer may use any long as a target id (negative ones for a second kind of record, say)
        boolean open = false;
        long from = 0;
        long to = 0;
        for (RecordedChange c : changes) {
            if (c.action() == ImportAction.CREATE) {
                if (open && c.targetId() == to + 1) {
                    to = c.targetId();
                    continue;
                }
                if (open) {
                    rows.add(new Object[] {jobId, from, to, ImportAction.CREATE.name(), null});
                }
                open = true;
                from = c.targetId();
                to = c.targetId();
            } else {
                rows.add(new Object[] {
                    jobId, c.targetId(), c.targetId(), c.action().name(), c.before() == null ? null : encode(c.before())
                });
            }
        }
        if (open) {
            rows.add(new Object[] {jobId, from, to, ImportAction.CREATE.name(), null});
        }
        jdbc.batchUpdate(
                "INSERT INTO import_change (job_id, target_id, target_to, action, before_values) VALUES (?, ?, ?, ?, ?)",
                rows);
    }

    List<ImportJobSummary> list(int offset, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM import_job ORDER BY id DESC LIMIT ? OFFSET ?", this::map, limit, offset);
    }

    long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM import_job", Long.class);
        return n == null ? 0 : n;
    }

    Optional<ImportJobSummary> get(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_job WHERE id = ?", this::map, id).stream()
                .findFirst();
    }

    Optional<ImportJobSummary> lockForUndo(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM import_job WHERE id = ? FOR UPDATE", this::map, id).stream()
                .findFirst();
    }

    /** A later committed import of the same schema that changed a record this job changed, if any. */
    Optional<Long> laterCommitted(ImportJobSummary job) {
        return jdbc
                .queryForList(
                        "SELECT j.id FROM import_change mine"
                                + " JOIN import_change later ON later.target_id BETWEEN mine.target_id AND mine.target_to"
                                + " AND later.job_id > mine.job_id"
                                + " JOIN import_job j ON j.id = later.job_id"
                                + " WHERE mine.job_id = ? AND j.schema_name = ? AND j.status = 'COMMITTED'"
                                + " ORDER BY j.id LIMIT 1",
                        Long.class,
                        job.id(),
                        job.schemaName())
                .stream()
                .findFirst();
    }

    Optional<byte[]> errorWorkbook(long id) {
        return jdbc.query("SELECT error_workbook FROM import_job WHERE id = ?", (rs, n) -> rs.getBytes(1), id).stream()
                .filter(b -> b != null)
                .findFirst();
    }

    /** A page of a job's change rows, newest first, below {@code beforeId}: id, from, to, action, before. */
    List<Object[]> changes(long jobId, long beforeId, int limit) {
        return jdbc.query(
                "SELECT id, target_id, target_to, action, before_values FROM import_change WHERE job_id = ? AND id < ?"
                        + " ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Object[] {
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    ImportAction.valueOf(rs.getString(4)),
                    rs.getString(5) == null ? null : decode(rs.getString(5))
                },
                jobId,
                beforeId,
                limit);
    }

    void markUndone(long id, Instant at, String by, String message) {
        jdbc.update(
                "UPDATE import_job SET status = 'UNDONE', undone_at = ?, undone_by = ?, message = ? WHERE id = ?",
                Timestamp.from(at),
                by,
                message,
                id);
    }

    private ImportJobSummary map(ResultSet rs, int n) throws SQLException {
        return new ImportJobSummary(
                rs.getLong("id"),
                rs.getString("schema_name"),
                rs.getString("file_name"),
                rs.getString("file_format"),
                ImportMode.valueOf(rs.getString("mode")),
                ImportStatus.valueOf(rs.getString("status")),
                rs.getInt("total_rows"),
                rs.getInt("created_count"),
                rs.getInt("updated_count"),
                rs.getInt("unchanged_count"),
                rs.getInt("error_count"),
                rs.getString("message"),
                instant(rs.getTimestamp("started_at")),
                rs.getString("started_by"),
                instant(rs.getTimestamp("finished_at")),
                instant(rs.getTimestamp("undone_at")),
                rs.getString("undone_by"),
                rs.getBoolean("has_errors"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** column TAB value, one per line; backslash escapes; a NUL value marks SQL NULL. */
    static String encode(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            sb.append(e.getKey()).append('\t');
            String v = e.getValue();
            if (v == null) {
                sb.append("\\0");
            } else {
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    switch (c) {
                        case '\\' -> sb.append("\\\\");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        case '\t' -> sb.append("\\t");
                        default -> sb.append(c);
                    }
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String key = line.substring(0, tab);
            String raw = line.substring(tab + 1);
            if ("\\0".equals(raw)) {
                values.put(key, null);
                continue;
            }
            StringBuilder v = new StringBuilder(raw.length());
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    char n = raw.charAt(++i);
                    v.append(
                            switch (n) {
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                case 't' -> '\t';
                                default -> n;
                            });
                } else {
                    v.append(c);
                }
            }
            values.put(key, v.toString());
        }
        return values;
    }
}
