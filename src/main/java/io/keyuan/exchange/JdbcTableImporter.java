package io.keyuan.exchange;

import io.keyuan.shared.Roles;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one way to write an importer: for a table with Keyuan's audit columns (id, version, created/updated at/by).
 * Rows match records by the key columns the subclass names for each row (its first key with a value); two records
 * with the same key make the row ambiguous. Only the columns present in the file are written, and a blank cell keeps
 * the stored value unless the import clears blanks (required and key fields are never cleared). A new record needs
 * every required column, taking a column's default when it is absent or blank. Matched records are locked for the
 * import's transaction; creates and updates go in positional JDBC batches; each update records its changed fields
 * for the dry run. Undo removes what was created and restores what was updated, except records changed since
 * (their version moved on) and created records that later work refers to: any row of another table that references
 * them through a foreign key that does not cascade (a purchase, a deal, a referral). Tables that cascade from a
 * record are its own details or derived figures and go with it; the schema's foreign keys say which is which.
 *
 * <p>A feature module names its table and columns (constants of its own code, never user input), resolves
 * references in {@link #resolve}, and adds checks in {@link #checkCreate} / {@link #checkUpdate}. Planning and
 * writing take at least a staff member and undo a manager, on the bean itself; an importer whose schema needs more
 * (channels: managers) overrides {@link #plan} and {@link #apply} with its own check.
 */
public abstract class JdbcTableImporter implements SheetImporter {
    /** A reference to a record that a row above in the same file creates: set once that row has its id. */
    protected static final Object UNRESOLVED = new Object() {
        @Override
        public String toString() {
            return "(unresolved)";
        }
    };

    protected final NamedParameterJdbcTemplate jdbc;
    protected final Clock clock;
    private volatile List<String[]> laterWork;

    protected JdbcTableImporter(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The table written. */
    protected abstract String table();

    /** Schema key → database column, for every column an import may write. */
    protected abstract Map<String, String> columns();

    /**
     * The database columns that identify the row's record; empty (or a key with a blank value): the row creates a
     * record.
     */
    protected abstract List<String> keyColumns(ImportRow row);

    /** Values for a created record's columns that are absent from the file or blank: the schema's defaults. */
    protected Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (SheetColumn column : schema().columns()) {
            String db = columns().get(column.key());
            if (column.defaultValue() != null && db != null) {
                defaults.put(db, column.defaultValue());
            }
        }
        return defaults;
    }

    /**
     * Turns the rows' sheet values into database values where they differ (a name into an id, say), adding
     * errors to rows whose references do not resolve. {@code values} holds, per row, column → value.
     */
    protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {}

    /** As {@link #resolve(List, List)}, for importers that need to know about the import (rows above, say). */
    protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values, ImportContext context) {
        resolve(rows, values);
    }

    /** Checks a row about to be created (e.g. that every column a record needs is there). */
    protected void checkCreate(ImportRow row, Map<String, Object> values) {}

    /** Checks a row about to update {@code current} (e.g. fields an import may not change). */
    protected void checkUpdate(ImportRow row, Map<String, Object> values, Map<String, Object> current) {}

    /**
     * A unique column every created row has a value for (after {@link #beforeInsert}), by which created ids are read
     * back in one query; null to use generated keys (which keep the driver from sending the batch in bulk).
     */
    protected String uniqueColumn() {
        return null;
    }

    /** Fills values a new record gets from the importer itself (a generated code, say), just before the insert. */
    protected void beforeInsert(List<Map<String, Object>> values) {}

    /** After a batch was written, in the same transaction (e.g. references to records created in this batch). */
    protected void afterApply(List<ImportRow> rows) {}

    /** The ids {@link #afterWrite} needs for these records (default: the records' own ids); read before deletes. */
    protected List<Long> related(List<Long> ids) {
        return ids;
    }

    /** After a batch was written (or undone), inside the same transaction, with {@link #related} ids. */
    protected void afterWrite(List<Long> relatedIds) {}

    /** A database value as the sheet shows it, for the dry run's before → after (a channel id as its name, say). */
    protected String display(String column, Object value) {
        return text(value);
    }

    @Override
    public String naturalKey(ImportRow row) {
        StringJoiner key = new StringJoiner("|");
        Map<String, String> byColumn = schemaKeys();
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

    private Map<String, String> schemaKeys() {
        Map<String, String> byColumn = new HashMap<>();
        columns().forEach((k, c) -> byColumn.put(c, k));
        return byColumn;
    }

    private record Plan(Map<String, Object> values, Map<String, Object> current) {}

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void plan(List<ImportRow> rows, ImportContext context) {
        SheetSchema schema = schema();
        Map<String, String> columns = columns();
        List<Map<String, Object>> values = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            columns.forEach((key, column) -> {
                if (row.has(key)) {
                    v.put(column, row.value(key));
                }
            });
            values.add(v);
        }
        resolve(rows, values, context);
        Map<String, Object> defaults = defaults();
        for (int i = 0; i < rows.size(); i++) {
            keepBlanks(schema, rows.get(i), values.get(i), context.clearBlanks(), defaults);
        }
        Map<List<String>, List<Integer>> byKeySet = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            List<String> keys = keyColumns(row);
            if (row.hasErrors() || !complete(keys, values.get(i))) {
                continue; // no key: a new record
            }
            byKeySet.computeIfAbsent(keys, k -> new ArrayList<>()).add(i);
        }
        Map<String, List<Map<String, Object>>> existing = load(byKeySet, values, context.dryRun());
        Map<String, String> schemaKeys = schemaKeys();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (row.hasErrors()) {
                continue;
            }
            Map<String, Object> v = values.get(i);
            List<String> keys = keyColumns(row);
            List<Map<String, Object>> found =
                    complete(keys, v) ? existing.getOrDefault(tuple(keys, v), List.of()) : List.of();
            if (found.size() > 1) {
                String key = schemaKeys.getOrDefault(keys.getFirst(), keys.getFirst());
                row.error(
                        key,
                        "exchange.error.ambiguous-match",
                        header(schema, key),
                        v.get(keys.getFirst()),
                        found.size());
            } else if (found.isEmpty()) {
                Map<String, Object> create = new LinkedHashMap<>(defaults);
                v.forEach((column, value) -> {
                    if (value != null || !create.containsKey(column)) {
                        create.put(column, value);
                    }
                });
                for (SheetColumn column : schema.columns()) {
                    String db = columns.get(column.key());
                    if (column.required() && db != null && create.get(db) == null) {
                        row.error(
                                column.key(),
                                schema.keys().isEmpty()
                                        ? "exchange.error.required"
                                        : "exchange.error.required-to-create",
                                header(schema, column.key()),
                                ColumnMapping.keyHeaders(schema));
                    }
                }
                if (row.hasErrors()) {
                    continue;
                }
                checkCreate(row, create);
                row.setState(new Plan(create, null));
                row.plan(ImportAction.CREATE, 0);
            } else {
                Map<String, Object> current = found.getFirst();
                checkUpdate(row, v, current);
                if (row.hasErrors()) {
                    continue;
                }
                boolean same = true;
                for (Map.Entry<String, Object> e : v.entrySet()) {
                    Object before = current.get(e.getKey());
                    if (!sameValue(e.getValue(), before)) {
                        same = false;
                        String key = schemaKeys.getOrDefault(e.getKey(), e.getKey());
                        row.changed(
                                key,
                                display(e.getKey(), before),
                                e.getValue() == UNRESOLVED ? row.text(key) : display(e.getKey(), e.getValue()));
                    }
                }
                row.setState(new Plan(v, current));
                row.plan(same ? ImportAction.UNCHANGED : ImportAction.UPDATE, ((Number) current.get("id")).longValue());
            }
        }
    }

    /**
     * Drops the blank cells' columns so that the stored values stay — unless blanks clear, which empties an optional
     * field (or sets it back to its default); required and key fields are never cleared.
     */
    private void keepBlanks(
            SheetSchema schema,
            ImportRow row,
            Map<String, Object> values,
            boolean clearBlanks,
            Map<String, Object> defaults) {
        columns().forEach((key, column) -> {
            if (row.has(key) && row.value(key) == null && values.containsKey(column) && values.get(column) == null) {
                SheetColumn c = schema.column(key);
                if (!clearBlanks || c.required() || schema.isKey(key)) {
                    values.remove(column);
                } else if (defaults.get(column) != null) {
                    values.put(column, defaults.get(column));
                }
            }
        });
    }

    private static boolean complete(List<String> keys, Map<String, Object> values) {
        if (keys.isEmpty()) {
            return false;
        }
        for (String k : keys) {
            Object v = values.get(k);
            if (v == null || v == UNRESOLVED) {
                return false;
            }
        }
        return true;
    }

    private static String header(SheetSchema schema, String key) {
        if (!schema.index().containsKey(key)) {
            return key;
        }
        SheetColumn c = schema.column(key);
        return c.headerZhCn() + " / " + c.headerEn();
    }

    /**
     * The records matching the rows' keys, by key tuple. Read without locks first (a file of new records would only
     * take gap locks, at a cost), then the found records are locked; if one changed since the transaction's snapshot,
     * all are read again with a locking read, which sees the latest committed values.
     */
    private Map<String, List<Map<String, Object>>> load(
            Map<List<String>, List<Integer>> byKeySet, List<Map<String, Object>> values, boolean dryRun) {
        Map<String, List<Map<String, Object>>> existing = new HashMap<>();
        byKeySet.forEach((keys, indexes) -> read(keys, indexes, values, false, existing));
        if (dryRun || existing.isEmpty()) {
            return existing;
        }
        Map<Long, Long> versions = new HashMap<>();
        existing.values().forEach(list -> list.forEach(m -> versions.put(id(m), version(m))));
        Map<Long, Long> locked = new HashMap<>();
        jdbc.query(
                "SELECT id, version FROM " + table() + " WHERE id IN (:ids) FOR UPDATE",
                new MapSqlParameterSource("ids", versions.keySet()),
                rs -> {
                    locked.put(rs.getLong(1), rs.getLong(2));
                });
        if (!locked.equals(versions)) {
            existing.clear();
            byKeySet.forEach((keys, indexes) -> read(keys, indexes, values, true, existing));
        }
        return existing;
    }

    private void read(
            List<String> keys,
            List<Integer> indexes,
            List<Map<String, Object>> values,
            boolean locking,
            Map<String, List<Map<String, Object>>> existing) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringJoiner tuples = new StringJoiner(", ");
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (int i : indexes) {
            if (!seen.add(tuple(keys, values.get(i)))) {
                continue;
            }
            StringJoiner one = new StringJoiner(", ", "(", ")");
            for (String k : keys) {
                String p = "p" + n++;
                params.addValue(p, values.get(i).get(k));
                one.add(":" + p);
            }
            tuples.add(one.toString());
        }
        String sql = "SELECT * FROM " + table() + " WHERE (" + String.join(", ", keys) + ") IN (" + tuples + ")"
                + (locking ? " FOR UPDATE" : "");
        jdbc.query(sql, params, rs -> {
            Map<String, Object> row = new HashMap<>();
            var meta = rs.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                Object v = rs.getObject(c);
                if (v instanceof java.sql.Date d) {
                    v = d.toLocalDate();
                }
                row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), v);
            }
            existing.computeIfAbsent(tuple(keys, row), k -> new ArrayList<>(1)).add(row);
        });
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    private static long version(Map<String, Object> row) {
        return ((Number) row.get("version")).longValue();
    }

    private static String tuple(List<String> keys, Map<String, Object> values) {
        StringJoiner t = new StringJoiner("\u0001");
        for (String k : keys) {
            t.add(k + "=" + canonical(values.get(k)));
        }
        return t.toString();
    }

    /** A key value as the database compares it (case-insensitive collation, numbers by value). */
    private static String canonical(Object v) {
        return switch (v) {
            case null -> "";
            case BigDecimal b -> b.stripTrailingZeros().toPlainString();
            case String s -> s.toLowerCase(Locale.ROOT);
            case Boolean b -> b ? "1" : "0";
            default -> v.toString();
        };
    }

    private static boolean sameValue(Object a, Object b) {
        if (a == UNRESOLVED) {
            return false;
        }
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
    @PreAuthorize(Roles.HAS_STAFF)
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
            insert(creates, now, who, log, touched);
        }
        if (!updates.isEmpty()) {
            update(updates, now, who, log, touched);
        }
        afterApply(rows);
        afterWrite(related(touched));
    }

    private void insert(List<ImportRow> creates, Timestamp now, String who, ChangeLog log, List<Long> touched) {
        List<Map<String, Object>> values = new ArrayList<>(creates.size());
        for (ImportRow row : creates) {
            values.add(((Plan) row.state()).values());
        }
        beforeInsert(values);
        Set<String> all = new LinkedHashSet<>();
        values.forEach(v -> all.addAll(v.keySet()));
        List<String> cols = new ArrayList<>(all);
        int[] types = sqlTypes(cols, values);
        String sql = "INSERT INTO " + table() + " (" + String.join(", ", cols)
                + ", version, created_at, created_by, updated_at, updated_by) VALUES ("
                + "?, ".repeat(cols.size()) + "0, ?, ?, ?, ?)";
        BatchPreparedStatementSetter setter = new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int r) throws SQLException {
                Map<String, Object> v = values.get(r);
                int i = 1;
                for (int c = 0; c < cols.size(); c++) {
                    Object value = v.get(cols.get(c));
                    bind(ps, i++, value == UNRESOLVED ? null : value, types[c]);
                }
                ps.setTimestamp(i++, now);
                ps.setString(i++, who);
                ps.setTimestamp(i++, now);
                ps.setString(i, who);
            }

            @Override
            public int getBatchSize() {
                return values.size();
            }
        };
        JdbcTemplate plain = jdbc.getJdbcTemplate();
        List<Long> ids = new ArrayList<>(creates.size());
        String unique = uniqueColumn();
        if (unique != null) {
            plain.batchUpdate(sql, setter);
            List<Object> keys = new ArrayList<>(values.size());
            values.forEach(v -> keys.add(v.get(unique)));
            Map<String, Long> byKey = new HashMap<>();
            jdbc.query(
                    "SELECT id, " + unique + " FROM " + table() + " WHERE " + unique + " IN (:keys)",
                    new MapSqlParameterSource("keys", keys),
                    rs -> {
                        byKey.put(canonical(rs.getObject(2)), rs.getLong(1));
                    });
            for (Object key : keys) {
                ids.add(byKey.get(canonical(key)));
            }
        } else {
            GeneratedKeyHolder holder = new GeneratedKeyHolder();
            plain.batchUpdate(
                    (Connection c) -> c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS), setter, holder);
            for (Map<String, Object> k : holder.getKeyList()) {
                ids.add(((Number) k.values().iterator().next()).longValue());
            }
        }
        for (int i = 0; i < creates.size(); i++) {
            long id = ids.get(i);
            creates.get(i).setTargetId(id);
            log.created(id);
            touched.add(id);
        }
    }

    private void update(List<ImportRow> updates, Timestamp now, String who, ChangeLog log, List<Long> touched) {
        // One batched statement per set of columns written (blank cells kept make the sets differ).
        Map<List<String>, List<ImportRow>> byColumns = new LinkedHashMap<>();
        for (ImportRow row : updates) {
            byColumns
                    .computeIfAbsent(List.copyOf(((Plan) row.state()).values().keySet()), k -> new ArrayList<>())
                    .add(row);
        }
        byColumns.forEach((cols, group) -> {
            List<Map<String, Object>> values = new ArrayList<>(group.size());
            for (ImportRow row : group) {
                Plan plan = (Plan) row.state();
                Map<String, Object> v = new HashMap<>(plan.values());
                v.replaceAll(
                        (column, value) -> value == UNRESOLVED ? plan.current().get(column) : value);
                values.add(v);
                Map<String, String> before = new LinkedHashMap<>();
                for (String column : cols) {
                    before.put(column, text(plan.current().get(column)));
                }
                before.put("version", String.valueOf(plan.current().get("version")));
                log.updated(row.targetId(), before);
                touched.add(row.targetId());
            }
            int[] types = sqlTypes(cols, values);
            StringJoiner set = new StringJoiner(", ");
            cols.forEach(column -> set.add(column + " = ?"));
            jdbc.getJdbcTemplate()
                    .batchUpdate(
                            "UPDATE " + table() + " SET " + set
                                    + ", version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                            new BatchPreparedStatementSetter() {
                                @Override
                                public void setValues(PreparedStatement ps, int r) throws SQLException {
                                    Map<String, Object> v = values.get(r);
                                    int i = 1;
                                    for (int c = 0; c < cols.size(); c++) {
                                        bind(ps, i++, v.get(cols.get(c)), types[c]);
                                    }
                                    ps.setTimestamp(i++, now);
                                    ps.setString(i++, who);
                                    ps.setLong(i, group.get(r).targetId());
                                }

                                @Override
                                public int getBatchSize() {
                                    return values.size();
                                }
                            });
        });
    }

    /** Each column's SQL type, from its first value in the batch: a batch binds every row alike. */
    private static int[] sqlTypes(List<String> cols, List<Map<String, Object>> values) {
        int[] types = new int[cols.size()];
        for (int c = 0; c < cols.size(); c++) {
            types[c] = Types.VARCHAR;
            for (Map<String, Object> v : values) {
                Object value = v.get(cols.get(c));
                if (value != null && value != UNRESOLVED) {
                    types[c] = switch (value) {
                        case LocalDate d -> Types.DATE;
                        case BigDecimal b -> Types.DECIMAL;
                        case Long l -> Types.BIGINT;
                        case Integer n -> Types.BIGINT;
                        case Boolean b -> Types.BOOLEAN;
                        default -> Types.VARCHAR;
                    };
                    break;
                }
            }
        }
        return types;
    }

    private static void bind(PreparedStatement ps, int index, Object v, int type) throws SQLException {
        switch (v) {
            case null -> ps.setNull(index, type);
            case LocalDate d -> ps.setDate(index, Date.valueOf(d));
            case BigDecimal b -> ps.setBigDecimal(index, b);
            case Long l -> ps.setLong(index, l);
            case Integer n -> ps.setLong(index, n);
            case Boolean b -> ps.setBoolean(index, b);
            default -> ps.setString(index, v.toString());
        }
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
        List<Long> created = new ArrayList<>();
        List<Long> touched = new ArrayList<>();
        int restored = 0;
        int keptChanged = 0;
        for (RecordedChange change : changes) {
            touched.add(change.targetId());
            if (change.action() == ImportAction.CREATE) {
                created.add(change.targetId());
            } else if (restore(change, preview)) {
                restored++;
            } else {
                keptChanged++;
            }
        }
        List<Long> related = preview ? List.of() : related(touched);
        int removed = 0;
        int keptInUse = 0;
        if (!created.isEmpty()) {
            // Locked first: whoever adds a purchase or a deal for one of them now waits, then finds it gone.
            Map<Long, Long> versions = new HashMap<>();
            jdbc.query(
                    "SELECT id, version FROM " + table() + " WHERE id IN (:ids)" + (preview ? "" : " FOR UPDATE"),
                    new MapSqlParameterSource("ids", created),
                    rs -> {
                        versions.put(rs.getLong(1), rs.getLong(2));
                    });
            List<Long> untouched = new ArrayList<>();
            for (Long id : created) {
                Long v = versions.get(id);
                if (v == null) {
                    continue; // deleted by someone since: nothing to undo
                }
                if (v == 0) {
                    untouched.add(id);
                } else {
                    keptChanged++;
                }
            }
            Set<Long> used = inUse(untouched);
            List<Long> deletable = new ArrayList<>();
            for (Long id : untouched) {
                if (used.contains(id)) {
                    keptInUse++;
                } else {
                    deletable.add(id);
                }
            }
            if (!preview && !deletable.isEmpty()) {
                removed = jdbc.update(
                        "DELETE FROM " + table() + " WHERE id IN (:ids) AND version = 0",
                        new MapSqlParameterSource("ids", deletable));
                keptChanged += deletable.size() - removed;
            } else {
                removed = deletable.size();
            }
        }
        if (!preview) {
            afterWrite(related);
        }
        return new UndoCounts(removed, restored, keptChanged, keptInUse);
    }

    /** Restores the previous values and version unless someone changed the record since; says whether it did. */
    private boolean restore(RecordedChange change, boolean preview) {
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
            // imports recorded before booleans were kept as 1 / 0 wrote true / false
            String old = "true".equals(e.getValue()) ? "1" : "false".equals(e.getValue()) ? "0" : e.getValue();
            p.addValue(e.getKey(), old);
        }
        if (version < 0) {
            throw new IllegalStateException("An import's record of " + change.targetId() + " has no version");
        }
        p.addValue("now", Timestamp.from(clock.instant()))
                .addValue("who", actor())
                .addValue("id", change.targetId())
                .addValue("version", version)
                .addValue("after", version + 1);
        if (preview) {
            return !jdbc.queryForList(
                            "SELECT id FROM " + table() + " WHERE id = :id AND version = :after", p, Long.class)
                    .isEmpty();
        }
        // Someone changed it after the import (its version moved on): left as it is, so no work is lost.
        return jdbc.update(
                        "UPDATE " + table() + " SET " + (set.length() == 0 ? "" : set + ", ")
                                + "version = :version, updated_at = :now, updated_by = :who"
                                + " WHERE id = :id AND version = :after",
                        p)
                > 0;
    }

    /**
     * Which of these records later work refers to: rows of any table with a foreign key to this one that does not
     * cascade. A reference from a record of the same table that is itself about to go does not count.
     */
    protected Set<Long> inUse(Collection<Long> ids) {
        Set<Long> used = new HashSet<>();
        if (ids.isEmpty()) {
            return used;
        }
        List<String[]> selfReferences = new ArrayList<>();
        for (String[] child : laterWork()) {
            if (child[0].equalsIgnoreCase(table())) {
                selfReferences.add(child);
                continue;
            }
            used.addAll(jdbc.queryForList(
                    "SELECT DISTINCT `" + child[1] + "` FROM `" + child[0] + "` WHERE `" + child[1] + "` IN (:ids)",
                    new MapSqlParameterSource("ids", ids),
                    Long.class));
        }
        // A record referred to by one that stays (changed, or in use itself) stays too: repeat until nothing moves.
        boolean moved = !selfReferences.isEmpty();
        while (moved) {
            List<Long> going = new ArrayList<>();
            for (Long id : ids) {
                if (!used.contains(id)) {
                    going.add(id);
                }
            }
            if (going.isEmpty()) {
                break;
            }
            int before = used.size();
            for (String[] self : selfReferences) {
                used.addAll(jdbc.queryForList(
                        "SELECT DISTINCT `" + self[1] + "` FROM `" + self[0] + "` WHERE `" + self[1]
                                + "` IN (:going) AND id NOT IN (:going)",
                        new MapSqlParameterSource("going", going),
                        Long.class));
            }
            moved = used.size() > before;
        }
        return used;
    }

    /** The (table, column) pairs whose foreign keys to this table do not cascade, read once from the schema. */
    private List<String[]> laterWork() {
        List<String[]> children = laterWork;
        if (children == null) {
            children = jdbc.query(
                    "SELECT k.TABLE_NAME, k.COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE k"
                            + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                            + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                            + " AND r.TABLE_NAME = k.TABLE_NAME"
                            + " WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_SCHEMA = DATABASE()"
                            + " AND k.REFERENCED_TABLE_NAME = :table AND r.DELETE_RULE <> 'CASCADE'"
                            + " ORDER BY k.TABLE_NAME, k.COLUMN_NAME",
                    new MapSqlParameterSource("table", table()),
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
            laterWork = children;
        }
        return children;
    }

    protected static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** A value as text for the undo record and the dry run (null stays null; a boolean as 1 or 0). */
    protected static String text(Object v) {
        return switch (v) {
            case null -> null;
            case BigDecimal b -> b.toPlainString();
            case Boolean b -> b ? "1" : "0";
            default -> v.toString();
        };
    }

    /** A LocalDate cell as the first day of its month (for monthly figures). */
    protected static LocalDate firstOfMonth(Object value) {
        return value instanceof LocalDate d ? d.withDayOfMonth(1) : null;
    }
}
