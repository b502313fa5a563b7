package io.keyuan.customer;

import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.JdbcTableImporter;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Imports customer sheets. A row matches an existing customer by code, else by phone, else by e-mail (the order
 * is configurable with {@code keyuan.import.customer-match}); a file with only one of those columns may update
 * customers and nothing else. Only the columns present in the file are written, and a blank cell keeps the stored
 * value unless the import clears blanks. A new customer needs a name; its kind is a person unless said otherwise,
 * and a code is generated when it has none. Channels are named, owners are user names, referrers are customer
 * codes (of existing customers or of rows earlier in the same file). The dry run warns of a row whose phone or
 * e-mail belongs to another customer: the same person, perhaps, under a code a spreadsheet changed.
 */
// First in the wizard's list: the sheets teams exchange every day.
@Order(1)
@Component
class CustomerImporter extends JdbcTableImporter {
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

    private final ChannelService channels;
    private final UserDirectory users;
    private final CustomerService customers;
    private final CustomerMetricsService metrics;
    private final KeyuanI18NProvider i18n;
    private final List<String> matchOrder;
    private volatile Lookups lookups;

    CustomerImporter(
            NamedParameterJdbcTemplate jdbc,
            ChannelService channels,
            UserDirectory users,
            CustomerService customers,
            CustomerMetricsService metrics,
            KeyuanI18NProvider i18n,
            Clock clock,
            @Value("${keyuan.import.customer-match:code,phone,email}") String matchOrder) {
        super(jdbc, clock);
        this.channels = channels;
        this.users = users;
        this.customers = customers;
        this.metrics = metrics;
        this.i18n = i18n;
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
    public String requiredRole() {
        return Roles.STAFF;
    }

    @Override
    protected String table() {
        return "customer";
    }

    @Override
    protected Map<String, String> columns() {
        return DB;
    }

    /** The first of code, phone and e-mail (in the configured order) that the row has a value for. */
    @Override
    protected List<String> keyColumns(ImportRow row) {
        for (String field : matchOrder) {
            if (row.has(field) && row.value(field) != null) {
                return List.of(DB.get(field));
            }
        }
        return List.of();
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

    @Override
    protected String uniqueColumn() {
        return "code";
    }

    /** Channel and user names → ids, read at most every few seconds (a big import plans a thousand batches). */
    private record Lookups(Map<String, ChannelSummary> channels, Map<String, Long> users, long readAt) {
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

    private Lookups lookups(boolean force) {
        Lookups l = lookups;
        long now = System.nanoTime();
        if (force || l == null || now - l.readAt() > 5_000_000_000L) {
            Map<String, ChannelSummary> byName = new HashMap<>();
            for (ChannelSummary c : channels.summaries()) {
                byName.put(c.name().toLowerCase(Locale.ROOT), c);
            }
            Map<String, Long> userIds = new HashMap<>();
            for (UserRef u : users.allUsers()) {
                userIds.put(u.username().toLowerCase(Locale.ROOT), u.id());
            }
            l = new Lookups(byName, userIds, now);
            lookups = l;
        }
        return l;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void plan(List<ImportRow> rows, ImportContext context) {
        super.plan(rows, context);
        // The dry run is where people decide; a commit skips the look-up (two index probes a row at a million rows).
        if (context.dryRun()) {
            warnPossibleDuplicates(rows);
        }
    }

    @Override
    protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values, ImportContext context) {
        Lookups found = lookups(false);
        if (!found.knowsAll(rows)) {
            found = lookups(true); // a name not seen yet: perhaps created a moment ago
        }
        Map<String, Long> referrers = referrers(rows);
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            Map<String, Object> v = values.get(i);
            check(row);
            if (row.has("channel") && row.value("channel") != null) {
                ChannelSummary channel =
                        found.channels().get(row.text("channel").toLowerCase(Locale.ROOT));
                if (channel != null) {
                    v.put("source_channel_id", channel.id());
                } else {
                    unknownChannel(row, found);
                }
            }
            if (row.has("owner") && row.value("owner") != null) {
                Long id = found.users().get(row.text("owner").toLowerCase(Locale.ROOT));
                if (id == null) {
                    row.error("owner", "customer.import.unknown-owner", row.text("owner"));
                } else {
                    v.put("owner_id", id);
                }
            }
            if (row.has("referredBy") && row.value("referredBy") != null) {
                String code = row.text("referredBy");
                Long id = referrers.get(code.toLowerCase(Locale.ROOT));
                if (code.equalsIgnoreCase(row.has("code") ? row.text("code") : null)) {
                    row.error("referredBy", "customer.error.referral-loop");
                } else if (id != null) {
                    v.put("referred_by_id", id);
                } else if (context.earlierInFile("code:" + code, row.rowNumber())) {
                    v.put("referred_by_id", UNRESOLVED);
                } else {
                    row.error("referredBy", "customer.import.unknown-referrer", code);
                }
            }
        }
    }

    /** An unknown channel; when the text is a channel category (市场推广 …) rather than a channel, says so. */
    private void unknownChannel(ImportRow row, Lookups found) {
        String text = row.text("channel");
        String key = lookupKey(text);
        for (ChannelCategory category : ChannelCategory.values()) {
            boolean named = lookupKey(category.name()).equals(key);
            for (Locale locale : KeyuanI18NProvider.LOCALES) {
                named |= lookupKey(i18n.getTranslation("enum.ChannelCategory." + category.name(), locale))
                        .equals(key);
            }
            if (named) {
                List<String> examples = found.channels().values().stream()
                        .filter(c -> c.category() == category)
                        .map(ChannelSummary::name)
                        .sorted()
                        .limit(3)
                        .toList();
                row.error(
                        "channel",
                        examples.isEmpty()
                                ? "customer.import.channel-is-category-none"
                                : "customer.import.channel-is-category",
                        text,
                        String.join("、", examples));
                return;
            }
        }
        row.error("channel", "customer.import.unknown-channel", text);
    }

    /** A label as typed in any width and case. */
    private static String lookupKey(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static void check(ImportRow row) {
        if (row.has("code")
                && row.value("code") != null
                && !CODE.matcher(row.text("code")).matches()) {
            row.error("code", "customer.import.bad-code", row.text("code"));
        }
    }

    /** Existing customers by code (lower case), for the rows' referrers. */
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
                        ids.put(rs.getString("code").toLowerCase(Locale.ROOT), rs.getLong("id"));
                    });
        }
        return ids;
    }

    /**
     * Warns of a row whose phone or e-mail belongs to another customer than the one it matched (or creates): the
     * same person under a code that differs, e.g. after a spreadsheet dropped its leading zeros.
     */
    private void warnPossibleDuplicates(List<ImportRow> rows) {
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.action() == null || row.action() == ImportAction.ERROR) {
                continue;
            }
            if (row.has("phone") && row.value("phone") != null) {
                phones.add(row.text("phone"));
            }
            if (row.has("email") && row.value("email") != null) {
                emails.add(row.text("email").toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<String[]>> owners = new HashMap<>();
        collectOwners("phone", phones, owners);
        collectOwners("email", emails, owners);
        if (owners.isEmpty()) {
            return;
        }
        for (ImportRow row : rows) {
            if (row.action() == null || row.action() == ImportAction.ERROR) {
                continue;
            }
            for (String field : List.of("phone", "email")) {
                if (!row.has(field) || row.value(field) == null) {
                    continue;
                }
                String value = row.text(field);
                for (String[] other : owners.getOrDefault(field + ":" + value.toLowerCase(Locale.ROOT), List.of())) {
                    if (Long.parseLong(other[0]) != row.targetId()) {
                        row.warn(field, "customer.import.possible-duplicate", value, other[1], other[2]);
                        break;
                    }
                }
            }
        }
    }

    private void collectOwners(String field, Set<String> values, Map<String, List<String[]>> owners) {
        if (values.isEmpty()) {
            return;
        }
        jdbc.query(
                "SELECT id, code, name, " + field + " FROM customer WHERE " + field + " IN (:values)",
                new MapSqlParameterSource("values", values),
                rs -> {
                    owners.computeIfAbsent(
                                    field + ":" + rs.getString(4).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                            .add(new String[] {String.valueOf(rs.getLong(1)), rs.getString(2), rs.getString(3)});
                });
    }

    /** Generates a code (C + 8 digits, as the form does) for each new customer without one. */
    @Override
    protected void beforeInsert(List<Map<String, Object>> values) {
        for (Map<String, Object> v : values) {
            if (v.get("name") != null) {
                NamePinyin spelling = NamePinyin.of(v.get("name").toString());
                v.put("name_pinyin", spelling.full());
                v.put("name_initials", spelling.initials());
                v.put("pinyin_crc", spelling.crc());
            }
        }
        int blanks = 0;
        Set<String> taken = new HashSet<>();
        for (Map<String, Object> v : values) {
            if (v.get("code") == null) {
                blanks++;
            } else {
                taken.add(v.get("code").toString());
            }
        }
        if (blanks == 0) {
            return;
        }
        Long max = jdbc.getJdbcTemplate().queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM customer", Long.class);
        long next = max == null ? 1 : max;
        List<String> generated = new ArrayList<>(blanks);
        while (generated.size() < blanks) {
            List<String> candidates = new ArrayList<>();
            for (int i = generated.size(); i < blanks; i++) {
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
                if (generated.size() < blanks && !taken.contains(c)) {
                    generated.add(c);
                    taken.add(c);
                }
            }
        }
        int g = 0;
        for (Map<String, Object> v : values) {
            if (v.get("code") == null) {
                v.put("code", generated.get(g++));
            }
        }
    }

    /** Links the referrals to customers that rows above in the same file created. */
    @Override
    protected void afterApply(List<ImportRow> rows) {
        List<Object[]> late = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.has("referredBy")
                    && row.value("referredBy") != null
                    && (row.action() == ImportAction.CREATE || row.action() == ImportAction.UPDATE)
                    && lateReferral(row)) {
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

    private boolean lateReferral(ImportRow row) {
        for (var change : row.changes()) {
            if (change.columnKey().equals("referredBy")) {
                return true;
            }
        }
        return row.action() == ImportAction.CREATE;
    }

    /**
     * Recomputes the written customers' metrics, one range over the batch's ids, and spells the names that an update
     * or an undo changed (new rows were spelt as they were inserted).
     */
    @Override
    protected void afterWrite(List<Long> ids) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long id : ids) {
            min = Math.min(min, id);
            max = Math.max(max, id);
        }
        if (max > 0) {
            metrics.refreshRange(min, max);
            long from = min;
            long to = max;
            jdbc.getJdbcTemplate().execute((java.sql.Connection c) -> CustomerSearchSpelling.spellStale(c, from, to));
        }
    }

    @Override
    protected String display(String column, Object value) {
        if (value == null || value == UNRESOLVED) {
            return super.display(column, value);
        }
        return switch (column) {
            case "source_channel_id" ->
                lookups(false).channels().values().stream()
                        .filter(c -> c.id() == ((Number) value).longValue())
                        .map(ChannelSummary::name)
                        .findFirst()
                        .orElse(value.toString());
            case "owner_id" ->
                lookups(false).users().entrySet().stream()
                        .filter(u -> u.getValue() == ((Number) value).longValue())
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(value.toString());
            case "referred_by_id" ->
                jdbc
                        .queryForList(
                                "SELECT code FROM customer WHERE id = :id",
                                new MapSqlParameterSource("id", value),
                                String.class)
                        .stream()
                        .findFirst()
                        .orElse(value.toString());
            default -> super.display(column, value);
        };
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
        return super.undo(changes, preview);
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
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
}
