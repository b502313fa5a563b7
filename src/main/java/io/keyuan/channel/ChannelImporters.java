package io.keyuan.channel;

import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.JdbcTableImporter;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Source channels and their monthly costs as sheets: a channel matches by name; a cost matches by channel name
 * and month (any day of the month stands for the month, e.g. 2026-03 or 2026-03-01).
 */
final class ChannelImporters {
    static final SheetSchema CHANNELS = new SheetSchema(
            "channels",
            List.of(
                    SheetColumn.of("name", "名称", "名稱", "Name", ColumnType.TEXT, true, 100),
                    SheetColumn.ofEnum("category", "类别", "類別", "Category", true, ChannelCategory.class),
                    SheetColumn.ofEnum("acquisitionMethod", "获客方式", "獲客方式", "Found by", true, AcquisitionMethod.class),
                    SheetColumn.of("active", "启用", "啟用", "Active", ColumnType.BOOLEAN, false, 5)
                            .byDefault(Boolean.TRUE),
                    SheetColumn.of("description", "说明", "說明", "Description", ColumnType.TEXT, false, 500)),
            List.of("name"));

    static final SheetSchema COSTS = new SheetSchema(
            "channel-costs",
            List.of(
                    SheetColumn.of("channel", "客户来源", "客戶來源", "Source channel", ColumnType.TEXT, true, 100),
                    SheetColumn.of("month", "月份", "月份", "Month", ColumnType.MONTH, true, 10),
                    SheetColumn.of("amount", "金额", "金額", "Amount", ColumnType.DECIMAL, true, 16)
                            .checkedBy(io.keyuan.shared.Amounts::cell),
                    SheetColumn.of("note", "备注", "備註", "Note", ColumnType.TEXT, false, 200)),
            List.of("channel", "month"));

    private ChannelImporters() {}

    /** Channels: only managers may create or change them, here as in the channel list. */
    @Component
    static class ChannelImporter extends JdbcTableImporter {
        private final ChannelService channels;

        ChannelImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ChannelService channels) {
            super(jdbc, clock);
            this.channels = channels;
        }

        @Override
        public void afterCommit() {
            channels.bulkChanged();
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void plan(List<ImportRow> rows, ImportContext context) {
            super.plan(rows, context);
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
            super.apply(rows, context, log);
        }

        @Override
        public SheetSchema schema() {
            return CHANNELS;
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        protected String table() {
            return "source_channel";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("name", "name");
            c.put("category", "category");
            c.put("acquisitionMethod", "acquisition_method");
            c.put("active", "active");
            c.put("description", "description");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("name");
        }
    }

    /** Monthly channel costs: managers only, as in the channel cost dialog. */
    @Component
    static class ChannelCostImporter extends JdbcTableImporter {
        private final ChannelService channels;

        ChannelCostImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ChannelService channels) {
            super(jdbc, clock);
            this.channels = channels;
        }

        @Override
        public void afterCommit() {
            channels.bulkChanged();
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void plan(List<ImportRow> rows, ImportContext context) {
            super.plan(rows, context);
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
            super.apply(rows, context, log);
        }

        @Override
        public SheetSchema schema() {
            return COSTS;
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        public String naturalKey(ImportRow row) {
            Object month = row.value("month");
            return row.value("channel") == null || month == null
                    ? null
                    : "cost:" + row.text("channel").toLowerCase(Locale.ROOT) + "|" + firstOfMonth(month);
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public Map<String, List<String>> choices(Locale locale) {
            return Map.of(
                    "channel",
                    jdbc.queryForList("SELECT name FROM source_channel ORDER BY name", Map.of(), String.class));
        }

        @Override
        protected String table() {
            return "channel_cost";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("channel", "channel_id");
            c.put("month", "month");
            c.put("amount", "amount");
            c.put("note", "note");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("channel_id", "month");
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
            Map<String, Long> ids = new HashMap<>();
            jdbc.query("SELECT id, name FROM source_channel", rs -> {
                ids.put(rs.getString("name").toLowerCase(Locale.ROOT), rs.getLong("id"));
            });
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                Map<String, Object> v = values.get(i);
                String name = row.text("channel");
                Long id = name == null ? null : ids.get(name.toLowerCase(Locale.ROOT));
                if (name != null && id == null) {
                    row.error("channel", "customer.import.unknown-channel", name);
                }
                v.put("channel_id", id);
                LocalDate month = firstOfMonth(v.get("month"));
                v.put("month", month);
                if (month != null) {
                    try {
                        ChannelRules.costMonth(java.time.YearMonth.from(month), LocalDate.now(clock));
                    } catch (io.keyuan.shared.KeyuanException e) {
                        row.error("month", e.messageKey(), e.args());
                    }
                }
            }
        }
    }
}
