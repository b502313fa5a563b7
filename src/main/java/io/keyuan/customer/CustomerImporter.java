package io.keyuan.customer;

import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Imports customer sheets. A row matches an existing customer by code, else by phone, else by e-mail (the order
 * is configurable with {@code keyuan.import.customer-match}); only the columns present in the file are written,
 * and an empty cell clears its field. Channels are named, owners are user names, referrers are customer codes
 * (of existing customers or of rows earlier in the same file).
 */
@Component
class CustomerImporter implements SheetImporter {
    /** Schema key → database column, for the columns an import writes. */
    private static final Map<String, String> DB = new LinkedHashMap<>();

    static {
        DB.put("code", "code");
        DB.put("name", "name");
        DB.put("kind", "kind");
        DB.put("gender", "gender");
        DB.put("birthDate", "birth_date");
        DB.put("occupation", "occupation");
        DB.put("income", "income");
        DB.put("province", "province");
        DB.put("city", "city");
        DB.put("phone", "phone");
        DB.put("email", "email");
        DB.put("channel", "source_channel_id");
        DB.put("acquisitionMethod", "acquisition_method");
        DB.put("referredBy", "referred_by_id");
        DB.put("needType", "need_type");
        DB.put("purchaseStyle", "purchase_style");
        DB.put("loyalty", "loyalty");
        DB.put("tags", "tags");
        DB.put("notes", "notes");
        DB.put("owner", "owner_id");
    }

    private static final Pattern CODE = Pattern.compile(Customer.CODE_PATTERN);
    private static final Pattern PHONE = Pattern.compile(Customer.PHONE_PATTERN);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Object UNRESOLVED = new Object();

    private final NamedParameterJdbcTemplate jdbc;
    private final ChannelService channels;
    private final UserDirectory users;
    private final CustomerService customers;
    private final CustomerMetricsService metrics;
    private final Clock clock;
    private final List<String> matchOrder;

    CustomerImporter(
            NamedParameterJdbcTemplate jdbc,
            ChannelService channels,
            UserDirectory users,
            CustomerService customers,
            CustomerMetricsService metrics,
            Clock clock,
            @Value("${keyuan.import.customer-match:code,phone,email}") String matchOrder) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.users = users;
        this.customers = customers;
        this.metrics = metrics;
        this.clock = clock;
        this.matchOrder = Arrays.stream(matchOrder.split(","))
                .map(String::trim)
                .filter(s -> Set.of("code", "phone", "email").contains(s))
                .toList();
    }

    @Override
    public SheetSchema schema() {
        return CustomerExport.SCHEMA;
    }

    @Override
    public String naturalKey(ImportRow row) {
        for (String field : matchOrder) {
            if (row.has(field) && row.value(field) != null) {
                String v = row.text(field);
                return field + ":" + (field.equals("email") ? v.toLowerCase(Locale.ROOT) : v);
            }
        }
        return null;
    }

    /** Channel and user names → ids, read at most every few seconds (a big import plans a thousand batches). */
    private record Lookups(Map<String, Long> channels, Map<String, Long> users, long readAt) {
        boolean knowsAll(List<ImportRow> rows) {
            for (ImportRow row : rows) {
                if (row.has("channel")
                        && row.value("channel") != null
                        && !channels.containsKey(row.text("channel").toLowerCase(Locale.ROOT))) {
                    return false;
                }
                if (row.has("owner")
                        && row.value("owner") != null
                        && !users.containsKey(row.text("owner").toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        }
    }

    private volatile Lookups lookups;

    private Lookups lookups(boolean force) {
        Lookups l = lookups;
        long now = System.nanoTime();
        if (force || l == null || now - l.readAt() > 5_000_000_000L) {
            Map<String, Long> channelIds = new HashMap<>();
            for (ChannelSummary c : channels.summaries()) {
                channelIds.put(c.name().toLowerCase(Locale.ROOT), c.id());
            }
            Map<String, Long> userIds = new HashMap<>();
            for (UserRef u : users.allUsers()) {
                userIds.put(u.username().toLowerCase(Locale.ROOT), u.id());
            }
            l = new Lookups(channelIds, userIds, now);
            lookups = l;
        }
        return l;
    }

    /** What plan found for a row: the target's current values (for an update) and the values to write. */
    private record Plan(Map<String, Object> values, Map<String, Object> current) {}

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void plan(List<ImportRow> rows, ImportContext context) {
        Lookups lookups = lookups(false);
        if (!lookups.knowsAll(rows)) {
            lookups = lookups(true); // a name not seen yet: perhaps created a moment ago
        }
        Map<String, Long> channelIds = lookups.channels();
        Map<String, Long> userIds = lookups.users();
        Map<String, List<Map<String, Object>>> existing = loadExisting(rows, context);
        Map<String, Long> referrers = referrers(rows);
        for (ImportRow row : rows) {
            check(row);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : DB.entrySet()) {
                if (row.has(e.getKey())) {
                    values.put(e.getValue(), row.value(e.getKey()));
                }
            }
            resolve(row, values, "channel", "source_channel_id", channelIds, "customer.import.unknown-channel");
            resolve(row, values, "owner", "owner_id", userIds, "customer.import.unknown-owner");
            if (row.has("referredBy") && row.value("referredBy") != null) {
                String code = row.text("referredBy");
                Long id = referrers.get(code);
                if (code.equals(row.has("code") ? row.text("code") : null)) {
                    row.error("referredBy", "customer.error.referral-loop");
                } else if (id != null) {
                    values.put("referred_by_id", id);
                } else if (context.earlierInFile("code:" + code, row.rowNumber())) {
                    values.put("referred_by_id", UNRESOLVED);
                } else {
                    row.error("referredBy", "customer.import.unknown-referrer", code);
                }
            }
            if (row.hasErrors()) {
                continue;
            }
            Map<String, Object> current = match(row, existing);
            if (current == MULTIPLE) {
                continue;
            }
            if (current == null) {
                if (!row.has("name") || row.value("name") == null) {
                    row.error("name", "exchange.error.required", "名称");
                    continue;
                }
                if (!row.has("kind") || row.value("kind") == null) {
                    row.error("kind", "exchange.error.required", "类别");
                    continue;
                }
                row.setState(new Plan(values, null));
                row.plan(ImportAction.CREATE, 0);
            } else {
                long id = ((Number) current.get("id")).longValue();
                boolean same = true;
                for (Map.Entry<String, Object> e : values.entrySet()) {
                    if (!sameValue(e.getValue(), current.get(e.getKey()))) {
                        same = false;
                        break;
                    }
                }
                row.setState(new Plan(values, current));
                row.plan(same ? ImportAction.UNCHANGED : ImportAction.UPDATE, id);
            }
        }
    }

    private static final Map<String, Object> MULTIPLE = Map.of();

    private Map<String, Object> match(ImportRow row, Map<String, List<Map<String, Object>>> existing) {
        for (String field : matchOrder) {
            if (!row.has(field) || row.value(field) == null) {
                continue;
            }
            String value = field.equals("email") ? row.text(field).toLowerCase(Locale.ROOT) : row.text(field);
            List<Map<String, Object>> found = existing.getOrDefault(field + ":" + value, List.of());
            if (found.size() > 1) {
                row.error(field, "customer.import.ambiguous-match", value, found.size());
                return MULTIPLE;
            }
            return found.isEmpty() ? null : found.getFirst();
        }
        return null;
    }

    private static void check(ImportRow row) {
        if (row.has("code")
                && row.value("code") != null
                && !CODE.matcher(row.text("code")).matches()) {
            row.error("code", "customer.import.bad-code", row.text("code"));
        }
        if (row.has("phone")
                && row.value("phone") != null
                && !PHONE.matcher(row.text("phone")).matches()) {
            row.error("phone", "customer.import.bad-phone", row.text("phone"));
        }
        if (row.has("email")
                && row.value("email") != null
                && !EMAIL.matcher(row.text("email")).matches()) {
            row.error("email", "customer.import.bad-email", row.text("email"));
        }
        if (row.has("income") && row.value("income") instanceof BigDecimal b && b.signum() < 0) {
            row.error("income", "customer.import.negative-income", b.toPlainString());
        }
    }

    private static void resolve(
            ImportRow row,
            Map<String, Object> values,
            String key,
            String column,
            Map<String, Long> ids,
            String unknownKey) {
        if (!row.has(key) || row.value(key) == null) {
            return;
        }
        Long id = ids.get(row.text(key).toLowerCase(Locale.ROOT));
        if (id == null) {
            row.error(key, unknownKey, row.text(key));
        } else {
            values.put(column, id);
        }
    }

    private Map<String, List<Map<String, Object>>> loadExisting(List<ImportRow> rows, ImportContext context) {
        return loadExisting(rows, context, false);
    }

    private Map<String, List<Map<String, Object>>> loadExisting(
            List<ImportRow> rows, ImportContext context, boolean locking) {
        Map<String, List<Map<String, Object>>> byKey = new HashMap<>();
        for (int f = 0; f < matchOrder.size(); f++) {
            String field = matchOrder.get(f);
            Set<String> wanted = new HashSet<>();
            for (ImportRow row : rows) {
                // A row is matched by its first key field that has a value; later fields are not looked up for it.
                if (row.has(field) && row.value(field) != null && !hasEarlierKey(row, f)) {
                    wanted.add(field.equals("email") ? row.text(field).toLowerCase(Locale.ROOT) : row.text(field));
                }
            }
            if (wanted.isEmpty()) {
                continue;
            }
            // Matching rows are locked by id afterwards: a locking read of keys that do not exist (a file of new
            // customers) would only take gap locks, at a cost, and a concurrent insert of the same code still
            // fails on the unique index.
            String sql =
                    "SELECT c.* FROM customer c WHERE c." + field + " IN (:values)" + (locking ? " FOR UPDATE" : "");
            jdbc.query(sql, new MapSqlParameterSource("values", wanted), rs -> {
                Map<String, Object> current = new HashMap<>();
                current.put("id", rs.getLong("id"));
                current.put("version", rs.getLong("version"));
                for (String column : DB.values()) {
                    Object v = switch (column) {
                        case "birth_date" -> rs.getObject(column, LocalDate.class);
                        case "income" -> rs.getBigDecimal(column);
                        case "source_channel_id", "referred_by_id", "owner_id" -> rs.getObject(column, Long.class);
                        default -> rs.getString(column);
                    };
                    current.put(column, v);
                }
                String value = rs.getString(field);
                if (value != null) {
                    String key = field + ":" + (field.equals("email") ? value.toLowerCase(Locale.ROOT) : value);
                    byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(current);
                }
            });
        }
        if (!context.dryRun() && !locking && !byKey.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            byKey.values().forEach(list -> list.forEach(m -> ids.add((Long) m.get("id"))));
            List<Map<String, Object>> locked = jdbc.queryForList(
                    "SELECT id, version FROM customer WHERE id IN (:ids) FOR UPDATE",
                    new MapSqlParameterSource("ids", ids));
            Map<Long, Long> versions = new HashMap<>();
            locked.forEach(
                    m -> versions.put(((Number) m.get("id")).longValue(), ((Number) m.get("version")).longValue()));
            // A row changed since the transaction's snapshot: read them all again with a locking read, which sees
            // the latest committed values (a plain read would keep returning the snapshot).
            for (List<Map<String, Object>> list : byKey.values()) {
                for (Map<String, Object> m : list) {
                    Long v = versions.get((Long) m.get("id"));
                    if (v == null || !v.equals(m.get("version"))) {
                        return loadExisting(rows, context, true);
                    }
                }
            }
        }
        return byKey;
    }

    private boolean hasEarlierKey(ImportRow row, int index) {
        for (int i = 0; i < index; i++) {
            String field = matchOrder.get(i);
            if (row.has(field) && row.value(field) != null) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Long> referrers(List<ImportRow> rows) {
        Set<String> codes = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.has("referredBy") && row.value("referredBy") != null) {
                codes.add(row.text("referredBy"));
            }
        }
        Map<String, Long> ids = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.query(
                    "SELECT id, code FROM customer WHERE code IN (:codes)",
                    new MapSqlParameterSource("codes", codes),
                    rs -> {
                        ids.put(rs.getString("code"), rs.getLong("id"));
                    });
        }
        return ids;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.longValue() == y.longValue();
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
        long minId = Long.MAX_VALUE;
        long maxId = 0;
        if (!creates.isEmpty()) {
            long[] range = insert(creates, now, who, log);
            minId = range[0];
            maxId = range[1];
        }
        if (!updates.isEmpty()) {
            update(updates, now, who, log);
            for (ImportRow row : updates) {
                minId = Math.min(minId, row.targetId());
                maxId = Math.max(maxId, row.targetId());
            }
        }
        resolveLateReferrals(rows);
        if (maxId > 0) {
            metrics.refreshRange(minId, maxId);
        }
    }

    private long[] insert(List<ImportRow> creates, Timestamp now, String who, ChangeLog log) {
        List<String> codes = codesFor(creates);
        String[] columns = DB.values().toArray(String[]::new);
        String sql = "INSERT INTO customer (" + String.join(", ", columns)
                + ", version, created_at, created_by, updated_at, updated_by) VALUES ("
                + "?, ".repeat(columns.length) + "0, ?, ?, ?, ?)";
        jdbc.getJdbcTemplate().batchUpdate(sql, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int r) throws SQLException {
                Plan plan = (Plan) creates.get(r).state();
                int i = 1;
                for (String column : columns) {
                    Object v =
                            column.equals("code") ? codes.get(r) : plan.values().get(column);
                    bind(ps, i++, column, v == UNRESOLVED ? null : v);
                }
                ps.setTimestamp(i++, now);
                ps.setString(i++, who);
                ps.setTimestamp(i++, now);
                ps.setString(i, who);
            }

            @Override
            public int getBatchSize() {
                return creates.size();
            }
        });
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(
                "SELECT id, code FROM customer WHERE code IN (:codes)",
                new MapSqlParameterSource("codes", codes),
                rs -> {
                    ids.put(rs.getString("code"), rs.getLong("id"));
                });
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < creates.size(); i++) {
            long id = ids.get(codes.get(i));
            creates.get(i).setTargetId(id);
            log.created(id);
            min = Math.min(min, id);
            max = Math.max(max, id);
        }
        return new long[] {min, max};
    }

    /** The rows' codes, generating one (C + 8 digits, as the form does) for each row without. */
    private List<String> codesFor(List<ImportRow> creates) {
        List<String> codes = new ArrayList<>(creates.size());
        int blanks = 0;
        for (ImportRow row : creates) {
            Object code = ((Plan) row.state()).values().get("code");
            codes.add(code == null ? null : code.toString());
            if (code == null) {
                blanks++;
            }
        }
        if (blanks == 0) {
            return codes;
        }
        Long max = jdbc.getJdbcTemplate().queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM customer", Long.class);
        long next = max == null ? 1 : max;
        Set<String> taken = new HashSet<>(codes);
        int slot = 0;
        while (blanks > 0) {
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < blanks; i++) {
                String c = String.format("C%08d", next++);
                if (!taken.contains(c)) {
                    candidates.add(c);
                }
            }
            taken.addAll(jdbc.queryForList(
                    "SELECT code FROM customer WHERE code IN (:codes)",
                    new MapSqlParameterSource("codes", candidates),
                    String.class));
            for (String c : candidates) {
                if (blanks > 0 && !taken.contains(c)) {
                    while (codes.get(slot) != null) {
                        slot++;
                    }
                    codes.set(slot, c);
                    taken.add(c);
                    blanks--;
                }
            }
        }
        return codes;
    }

    private void update(List<ImportRow> updates, Timestamp now, String who, ChangeLog log) {
        Map<String, Object> first = ((Plan) updates.getFirst().state()).values();
        List<String> columns = new ArrayList<>(first.keySet());
        String sql = "UPDATE customer SET " + String.join(" = ?, ", columns)
                + " = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?";
        jdbc.getJdbcTemplate().batchUpdate(sql, updates, updates.size(), (ps, row) -> {
            Plan plan = (Plan) row.state();
            int i = 1;
            for (String column : columns) {
                Object v = plan.values().get(column);
                if (v == UNRESOLVED) {
                    v = plan.current().get(column);
                }
                bind(ps, i++, column, v);
            }
            ps.setTimestamp(i++, now);
            ps.setString(i++, who);
            ps.setLong(i, row.targetId());
        });
        for (ImportRow row : updates) {
            Plan plan = (Plan) row.state();
            Map<String, String> before = new LinkedHashMap<>();
            for (String column : columns) {
                before.put(column, text(plan.current().get(column)));
            }
            before.put("version", text(plan.current().get("version")));
            log.updated(row.targetId(), before);
        }
    }

    private void resolveLateReferrals(List<ImportRow> rows) {
        List<Object[]> late = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.state() instanceof Plan plan && plan.values().get("referred_by_id") == UNRESOLVED) {
                late.add(new Object[] {row.text("referredBy"), row.targetId()});
            }
        }
        if (!late.isEmpty()) {
            jdbc.getJdbcTemplate()
                    .batchUpdate(
                            "UPDATE customer c JOIN customer r ON r.code = ? SET c.referred_by_id = r.id WHERE c.id = ?",
                            late);
        }
    }

    private static String text(Object v) {
        return switch (v) {
            case null -> null;
            case BigDecimal b -> b.toPlainString();
            default -> v.toString();
        };
    }

    private static void bind(PreparedStatement ps, int index, String column, Object v) throws SQLException {
        switch (v) {
            case null ->
                ps.setNull(
                        index,
                        switch (column) {
                            case "birth_date" -> Types.DATE;
                            case "income" -> Types.DECIMAL;
                            case "source_channel_id", "referred_by_id", "owner_id" -> Types.BIGINT;
                            default -> Types.VARCHAR;
                        });
            case LocalDate d -> ps.setDate(index, Date.valueOf(d));
            case BigDecimal b -> ps.setBigDecimal(index, b);
            case Long l -> ps.setLong(index, l);
            default -> ps.setString(index, v.toString());
        }
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public int undo(List<RecordedChange> changes) {
        List<Long> created = new ArrayList<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        int kept = 0;
        for (RecordedChange change : changes) {
            if (change.action() == ImportAction.CREATE) {
                created.add(change.targetId());
            } else {
                kept += restore(change) ? 0 : 1;
                min = Math.min(min, change.targetId());
                max = Math.max(max, change.targetId());
            }
        }
        if (!created.isEmpty()) {
            // Referrals to a removed customer are cleared by the foreign key (ON DELETE SET NULL).
            // Version 0: nobody changed it since the import created it.
            int deleted = jdbc.update(
                    "DELETE FROM customer WHERE id IN (:ids) AND version = 0",
                    new MapSqlParameterSource("ids", created));
            kept += created.size() - deleted;
        }
        if (max > 0) {
            metrics.refreshRange(min, max);
        }
        return kept;
    }

    /**
     * Restores the previous values and version unless someone changed the customer after the import (its version is
     * no longer the one the import left); says whether it did.
     */
    private boolean restore(RecordedChange change) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        String version = null;
        for (Map.Entry<String, String> e : change.before().entrySet()) {
            if (e.getKey().equals("version")) {
                version = e.getValue();
                continue;
            }
            if (!DB.containsValue(e.getKey())) {
                throw new IllegalStateException("Unknown column in an import's record: " + e.getKey());
            }
            columns.add(e.getKey() + " = ?");
            values.add(e.getValue());
        }
        if (version == null) {
            throw new IllegalStateException("An import's record of customer " + change.targetId() + " has no version");
        }
        long before = Long.parseLong(version);
        values.add(before);
        values.add(Timestamp.from(clock.instant()));
        values.add(actor());
        values.add(change.targetId());
        values.add(before + 1);
        return jdbc.getJdbcTemplate()
                        .update(
                                "UPDATE customer SET " + (columns.isEmpty() ? "" : String.join(", ", columns) + ", ")
                                        + "version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
                                values.toArray())
                > 0;
    }

    @Override
    public Map<String, List<String>> choices(Locale locale) {
        return Map.of(
                "channel",
                channels.summaries().stream()
                        .filter(ChannelSummary::active)
                        .map(ChannelSummary::name)
                        .toList());
    }

    @Override
    public void afterCommit() {
        customers.bulkChanged();
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
