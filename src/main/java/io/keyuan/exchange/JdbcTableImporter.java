package io.keyuan.exchange;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A ready importer for a table with Keyuan's audit columns (id, version, created/updated at/by): rows match
 * records by natural-key columns, only the columns present in the file are written, creates and updates go in
 * JDBC batches, and undo deletes what was created and restores what was updated. A feature module names its
 * table and columns (constants of its own code, never user input) and resolves references in {@link #resolve}.
 */
public abstract class JdbcTableImporter implements SheetImporter {
    protected final NamedParameterJdbcTemplate jdbc;
    protected final Clock clock;

    protected JdbcTableImporter(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The table written. */
    protected abstract String table();

    /** Schema key → database column, for every column an import may write. */
    protected abstract Map<String, String> columns();

    /** The database columns that identify the row's record (all must have values); empty: the row creates. */
    protected abstract List<String> keyColumns(ImportRow row);

    /** Values for a created record's columns that are absent from the file. */
    protected Map<String, Object> defaults() {
        return Map.of();
    }

    /**
     * Turns the rows' sheet values into database values where they differ (a name into an id, say), adding
     * errors to rows whose references do not resolve. {@code values} holds, per row, column → value.
     */
    protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {}

    /** Checks a row about to be created (e.g. that every column a record needs is there). */
    protected void checkCreate(ImportRow row, Map<String, Object> values) {}

    /** Checks a row about to update {@code current} (e.g. fields an import may not change). */
    protected void checkUpdate(ImportRow row, Map<String, Object> values, Map<String, Object> current) {}

    /** The ids {@link #afterWrite} needs for these records (default: the records' own ids); read before deletes. */
    protected List<Long> related(List<Long> ids) {
        return ids;
    }

    /** After a batch was written (or undone), inside the same transaction, with {@link #related} ids. */
    protected void afterWrite(List<Long> relatedIds) {}

    @Override
    public String naturalKey(ImportRow row) {
        StringJoiner key = new StringJoiner("|");
        Map<String, String> byColumn = new HashMap<>();
        columns().forEach((k, c) -> byColumn.put(c, k));
        List<String> keys = keyColumns(row);
        if (keys.isEmpty()) {
            return null;
        }
        for (String column : keys) {
            String schemaKey = byColumn.get(column);
            if (schemaKey == null || !row.has(schemaKey) || row.value(schemaKey) == null) {
                return null;
            }
            key.add(column + ":" + row.text(schemaKey));
        }
        return key.toString();
    }

    private record Plan(Map<String, Object> values, Map<String, Object> current) {}

    @Override
    public void plan(List<ImportRow> rows, ImportContext context) {
        List<Map<String, Object>> values = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            columns().forEach((key, column) -> {
                if (row.has(key)) {
                    v.put(column, row.value(key));
                }
            });
            values.add(v);
        }
        resolve(rows, values);
        Map<List<String>, List<Integer>> byKeySet = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (row.hasErrors()) {
                continue;
            }
            List<String> keys = keyColumns(row);
            if (keys.isEmpty()) {
                continue; // no key: always a new record
            }
            boolean complete = true;
            for (String k : keys) {
                complete &= values.get(i).get(k) != null;
            }
            if (complete) {
                byKeySet.computeIfAbsent(keys, k -> new ArrayList<>()).add(i);
            } else {
                row.error(null, "exchange.error.no-key");
            }
        }
        Map<String, Map<String, Object>> existing = new HashMap<>();
        byKeySet.forEach((keys, indexes) -> load(keys, indexes, values, context, existing));
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (row.hasErrors()) {
                continue;
            }
            Map<String, Object> v = values.get(i);
            List<String> keys = keyColumns(row);
            Map<String, Object> current = keys.isEmpty() ? null : existing.get(tuple(keys, v));
            if (current == null) {
                checkCreate(row, v);
                row.setState(new Plan(v, null));
                row.plan(ImportAction.CREATE, 0);
            } else {
                checkUpdate(row, v, current);
                if (row.hasErrors()) {
                    continue;
                }
                boolean same = true;
                for (Map.Entry<String, Object> e : v.entrySet()) {
                    same &= sameValue(e.getValue(), current.get(e.getKey()));
                }
                row.setState(new Plan(v, current));
                row.plan(same ? ImportAction.UNCHANGED : ImportAction.UPDATE, ((Number) current.get("id")).longValue());
            }
        }
    }

    private void load(
            List<String> keys,
            List<Integer> indexes,
            List<Map<String, Object>> values,
            ImportContext context,
            Map<String, Map<String, Object>> existing) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringJoiner tuples = new StringJoiner(", ");
        int n = 0;
        for (int i : indexes) {
            StringJoiner one = new StringJoiner(", ", "(", ")");
            for (String k : keys) {
                String p = "p" + n++;
                params.addValue(p, values.get(i).get(k));
                one.add(":" + p);
            }
            tuples.add(one.toString());
        }
        String sql = "SELECT * FROM " + table() + " WHERE (" + String.join(", ", keys) + ") IN (" + tuples + ")"
                + (context.dryRun() ? "" : " FOR UPDATE");
        jdbc.query(sql, params, rs -> {
            Map<String, Object> row = new HashMap<>();
            var meta = rs.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object v = rs.getObject(c);
                if (v instanceof java.sql.Date d) {
                    v = d.toLocalDate();
                }
                row.put(meta.getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), v);
            }
            existing.put(tuple(keys, row), row);
        });
    }

    private static String tuple(List<String> keys, Map<String, Object> values) {
        StringJoiner t = new StringJoiner("\u0001");
        for (String k : keys) {
            Object v = values.get(k);
            t.add(k + "=" + canonical(v));
        }
        return t.toString();
    }

    private static String canonical(Object v) {
        return switch (v) {
            case null -> "";
            case BigDecimal b -> b.stripTrailingZeros().toPlainString();
            case String s -> s.toLowerCase(java.util.Locale.ROOT);
            default -> v.toString();
        };
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof Boolean x && b instanceof Number y) {
            return x == (y.intValue() != 0);
        }
        return Objects.equals(a, b);
    }

    @Override
    public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
        Timestamp now = Timestamp.from(clock.instant());
        String who = actor();
        List<ImportRow> creates = new ArrayList<>();
        List<ImportRow> updates = new ArrayList<>();
        for (ImportRow row : rows) {
            (row.action() == ImportAction.CREATE ? creates : updates).add(row);
        }
        List<Long> touched = new ArrayList<>();
        if (!creates.isEmpty()) {
            Map<String, Object> first = new LinkedHashMap<>(defaults());
            first.putAll(((Plan) creates.getFirst().state()).values());
            List<String> cols = new ArrayList<>(first.keySet());
            String sql = "INSERT INTO " + table() + " (" + String.join(", ", cols)
                    + ", version, created_at, created_by, updated_at, updated_by) VALUES (:"
                    + String.join(", :", cols) + ", 0, :now, :who, :now, :who)";
            SqlParameterSource[] batch = new SqlParameterSource[creates.size()];
            for (int i = 0; i < batch.length; i++) {
                Map<String, Object> v = new LinkedHashMap<>(defaults());
                v.putAll(((Plan) creates.get(i).state()).values());
                MapSqlParameterSource p = new MapSqlParameterSource(v);
                p.addValue("now", now).addValue("who", who);
                batch[i] = p;
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(sql, batch, keys, new String[] {"id"});
            List<Map<String, Object>> ids = keys.getKeyList();
            for (int i = 0; i < creates.size(); i++) {
                long id = ((Number) ids.get(i).values().iterator().next()).longValue();
                creates.get(i).setTargetId(id);
                log.created(id);
                touched.add(id);
            }
        }
        // One batched statement per set of columns written (a file's rows normally all write the same columns).
        Map<List<String>, List<ImportRow>> byColumns = new LinkedHashMap<>();
        for (ImportRow row : updates) {
            byColumns
                    .computeIfAbsent(List.copyOf(((Plan) row.state()).values().keySet()), k -> new ArrayList<>())
                    .add(row);
        }
        byColumns.forEach((columns, group) -> {
            StringJoiner set = new StringJoiner(", ");
            columns.forEach(column -> set.add(column + " = :" + column));
            SqlParameterSource[] batch = new SqlParameterSource[group.size()];
            for (int i = 0; i < batch.length; i++) {
                ImportRow row = group.get(i);
                Plan plan = (Plan) row.state();
                batch[i] = new MapSqlParameterSource(plan.values())
                        .addValue("now", now)
                        .addValue("who", who)
                        .addValue("id", row.targetId());
                Map<String, String> before = new LinkedHashMap<>();
                for (String column : columns) {
                    Object old = plan.current().get(column);
                    before.put(
                            column,
                            old == null ? null : old instanceof BigDecimal b ? b.toPlainString() : old.toString());
                }
                before.put("version", String.valueOf(plan.current().get("version")));
                log.updated(row.targetId(), before);
                touched.add(row.targetId());
            }
            jdbc.batchUpdate(
                    "UPDATE " + table() + " SET " + set
                            + ", version = version + 1, updated_at = :now, updated_by = :who WHERE id = :id",
                    batch);
        });
        afterWrite(related(touched));
    }

    @Override
    public int undo(List<RecordedChange> changes) {
        List<Long> created = new ArrayList<>();
        List<Long> touched = new ArrayList<>();
        int kept = 0;
        for (RecordedChange change : changes) {
            touched.add(change.targetId());
            if (change.action() == ImportAction.CREATE) {
                created.add(change.targetId());
                continue;
            }
            MapSqlParameterSource p = new MapSqlParameterSource();
            StringJoiner set = new StringJoiner(", ");
            long version = -1;
            for (Map.Entry<String, String> e : change.before().entrySet()) {
                if (e.getKey().equals("version")) {
                    version = Long.parseLong(e.getValue());
                    continue;
                }
                if (!columns().containsValue(e.getKey())) {
                    throw new IllegalStateException("Unknown column in an import's record: " + e.getKey());
                }
                set.add(e.getKey() + " = :" + e.getKey());
                p.addValue(e.getKey(), e.getValue());
            }
            if (version < 0) {
                throw new IllegalStateException("An import's record of " + change.targetId() + " has no version");
            }
            p.addValue("now", Timestamp.from(clock.instant()))
                    .addValue("who", actor())
                    .addValue("id", change.targetId())
                    .addValue("version", version)
                    .addValue("after", version + 1);
            // Someone changed it after the import (its version moved on): left as it is, so no work is lost.
            int restored = jdbc.update(
                    "UPDATE " + table() + " SET " + set
                            + ", version = :version, updated_at = :now, updated_by = :who"
                            + " WHERE id = :id AND version = :after",
                    p);
            kept += restored > 0 ? 0 : 1;
        }
        List<Long> related = related(touched);
        if (!created.isEmpty()) {
            int deleted = jdbc.update(
                    "DELETE FROM " + table() + " WHERE id IN (:ids) AND version = 0",
                    new MapSqlParameterSource("ids", created));
            kept += created.size() - deleted;
        }
        afterWrite(related);
        return kept;
    }

    protected static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** A LocalDate cell as the first day of its month (for monthly figures). */
    protected static LocalDate firstOfMonth(Object value) {
        return value instanceof LocalDate d ? d.withDayOfMonth(1) : null;
    }
}
