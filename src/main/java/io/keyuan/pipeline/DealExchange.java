package io.keyuan.pipeline;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelService;
import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.JdbcTableImporter;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.security.UserDirectory;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * Deals as a sheet: the export (all deals, or a pipeline's deals with the list's filter and order) and the import.
 * A row with a record number updates that deal; without one it creates a deal in an open stage of a non-template
 * pipeline, with its first stage change recorded. An import never moves a deal to another stage or pipeline —
 * moves go through the board, where the pipeline's rules and the history apply. Pipelines and stages are named
 * as shown (template names in any of the three languages), customers by code, owners by user name.
 */
public final class DealExchange {
    static final SheetSchema SCHEMA = new SheetSchema(
            "deals",
            List.of(
                    SheetColumn.of("id", "记录号", "記錄號", "Record no", ColumnType.INTEGER, false, 19),
                    SheetColumn.of("pipeline", "流程", "流程", "Pipeline", ColumnType.TEXT, true, 100),
                    SheetColumn.of("stage", "阶段", "階段", "Stage", ColumnType.TEXT, true, 100),
                    SheetColumn.of("title", "商机名称", "商機名稱", "Title", ColumnType.TEXT, true, 200)
                            .alsoCalled("标题", "名称"),
                    SheetColumn.of("customer", "客户编号", "客戶編號", "Customer code", ColumnType.TEXT, true, 32),
                    SheetColumn.of("value", "金额", "金額", "Value", ColumnType.DECIMAL, false, 16)
                            .checkedBy(io.keyuan.shared.Amounts::cell),
                    SheetColumn.of("owner", "负责人", "負責人", "Owner", ColumnType.TEXT, false, 64),
                    SheetColumn.of("expectedClose", "预计成交日期", "預計成交日期", "Expected close", ColumnType.DATE, false, 10),
                    SheetColumn.of("channel", "客户来源", "客戶來源", "Source channel", ColumnType.TEXT, false, 100),
                    SheetColumn.ofEnum("acquisitionMethod", "获客方式", "獲客方式", "Found by", false, AcquisitionMethod.class),
                    SheetColumn.of("lostReason", "流失原因", "流失原因", "Lost reason", ColumnType.TEXT, false, 500),
                    SheetColumn.of("notes", "备注", "備註", "Notes", ColumnType.TEXT, false, 4000)),
            List.of("id"));

    private DealExchange() {}

    /** Pipelines and stages by every name they show under, read once per batch. */
    record Names(Map<String, Long> pipelines, Map<Long, Map<String, long[]>> stages) {
        static Names read(NamedParameterJdbcTemplate jdbc, KeyuanI18NProvider i18n) {
            Map<String, Long> pipelines = new HashMap<>();
            jdbc.query("SELECT id, name, name_key, is_template FROM pipeline", rs -> {
                if (!rs.getBoolean("is_template")) {
                    for (String n : names(rs.getString("name"), rs.getString("name_key"), i18n)) {
                        pipelines.putIfAbsent(n, rs.getLong("id"));
                    }
                }
            });
            Map<Long, Map<String, long[]>> stages = new HashMap<>();
            jdbc.query("SELECT id, pipeline_id, name, name_key, kind FROM pipeline_stage", rs -> {
                long[] stage = {rs.getLong("id"), "OPEN".equals(rs.getString("kind")) ? 1 : 0};
                for (String n : names(rs.getString("name"), rs.getString("name_key"), i18n)) {
                    stages.computeIfAbsent(rs.getLong("pipeline_id"), k -> new HashMap<>())
                            .putIfAbsent(n, stage);
                }
            });
            return new Names(pipelines, stages);
        }

        private static Set<String> names(String name, String key, KeyuanI18NProvider i18n) {
            Set<String> all = new HashSet<>();
            all.add(name.toLowerCase(Locale.ROOT));
            if (key != null) {
                for (Locale l : KeyuanI18NProvider.LOCALES) {
                    all.add(i18n.getTranslation(key, l).toLowerCase(Locale.ROOT));
                }
            }
            return all;
        }
    }

    @Component
    static class DealImporter extends JdbcTableImporter {
        private final KeyuanI18NProvider i18n;
        private final ChannelService channels;
        private final UserDirectory users;

        private final DealService deals;

        DealImporter(
                NamedParameterJdbcTemplate jdbc,
                Clock clock,
                KeyuanI18NProvider i18n,
                ChannelService channels,
                UserDirectory users,
                DealService deals) {
            super(jdbc, clock);
            this.i18n = i18n;
            this.channels = channels;
            this.users = users;
            this.deals = deals;
        }

        @Override
        public void afterCommit() {
            deals.bulkChanged();
        }

        @Override
        public SheetSchema schema() {
            return SCHEMA;
        }

        @Override
        public String requiredRole() {
            return Roles.STAFF;
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
            return super.undo(changes, preview);
        }

        @Override
        protected String table() {
            return "deal";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("id", "id");
            c.put("pipeline", "pipeline_id");
            c.put("stage", "stage_id");
            c.put("title", "title");
            c.put("customer", "customer_id");
            c.put("value", "deal_value");
            c.put("owner", "owner_id");
            c.put("expectedClose", "expected_close");
            c.put("channel", "channel_id");
            c.put("acquisitionMethod", "acquisition_method");
            c.put("lostReason", "lost_reason");
            c.put("notes", "notes");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return row.has("id") && row.value("id") != null ? List.of("id") : List.of();
        }

        @Override
        protected Map<String, Object> defaults() {
            return Map.of("deal_value", BigDecimal.ZERO, "stage_entered_at", Timestamp.from(clock.instant()));
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
            Names names = Names.read(jdbc, i18n);
            Map<String, Long> customers =
                    ids("SELECT id, code AS k FROM customer WHERE code IN (:keys)", rows, "customer");
            Map<String, Long> owners = new HashMap<>();
            users.allUsers().forEach(u -> owners.put(u.username().toLowerCase(Locale.ROOT), u.id()));
            Map<String, Long> channelIds = new HashMap<>();
            channels.summaries().forEach(c -> channelIds.put(c.name().toLowerCase(Locale.ROOT), c.id()));
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                Map<String, Object> v = values.get(i);
                // An update-only file may leave out pipeline, stage and customer: they keep their stored values.
                Long pipeline = null;
                if (row.has("pipeline") && row.value("pipeline") != null) {
                    pipeline = names.pipelines().get(lower(row.text("pipeline")));
                    if (pipeline == null) {
                        row.error("pipeline", "deal.import.unknown-pipeline", row.text("pipeline"));
                        continue;
                    }
                    v.put("pipeline_id", pipeline);
                }
                if (row.has("stage") && row.value("stage") != null) {
                    long[] stage = pipeline == null
                            ? null
                            : names.stages().getOrDefault(pipeline, Map.of()).get(lower(row.text("stage")));
                    if (stage == null) {
                        row.error("stage", "deal.import.unknown-stage", row.text("stage"), row.text("pipeline"));
                        continue;
                    }
                    v.put("stage_id", stage[0]);
                    row.setState(stage[1] == 1);
                }
                if (row.has("customer") && row.value("customer") != null) {
                    Long customer = customers.get(row.text("customer"));
                    if (customer == null) {
                        row.error("customer", "customer.import.unknown-referrer", row.text("customer"));
                    }
                    v.put("customer_id", customer);
                }
                lookup(row, v, "owner", "owner_id", owners, "customer.import.unknown-owner");
                lookup(row, v, "channel", "channel_id", channelIds, "customer.import.unknown-channel");
            }
        }

        private static String lower(String s) {
            return s == null ? "" : s.toLowerCase(Locale.ROOT);
        }

        private static void lookup(
                ImportRow row, Map<String, Object> v, String key, String column, Map<String, Long> ids, String error) {
            if (!row.has(key) || row.value(key) == null) {
                return;
            }
            Long id = ids.get(lower(row.text(key)));
            if (id == null) {
                row.error(key, error, row.text(key));
            }
            v.put(column, id);
        }

        private Map<String, Long> ids(String sql, List<ImportRow> rows, String key) {
            Set<String> keys = new HashSet<>();
            rows.forEach(r -> {
                if (r.value(key) != null) {
                    keys.add(r.text(key));
                }
            });
            Map<String, Long> ids = new HashMap<>();
            if (!keys.isEmpty()) {
                jdbc.query(sql, new MapSqlParameterSource("keys", keys), rs -> {
                    ids.put(rs.getString("k"), rs.getLong("id"));
                });
            }
            return ids;
        }

        @Override
        protected void checkCreate(ImportRow row, Map<String, Object> values) {
            if (values.get("id") != null) {
                row.error("id", "deal.import.unknown-id", values.get("id"));
            } else if (!Boolean.TRUE.equals(row.state())) {
                row.error("stage", "deal.error.start-open");
            }
        }

        @Override
        protected void checkUpdate(ImportRow row, Map<String, Object> values, Map<String, Object> current) {
            if (values.containsKey("pipeline_id") && !sameId(values.get("pipeline_id"), current.get("pipeline_id"))
                    || values.containsKey("stage_id") && !sameId(values.get("stage_id"), current.get("stage_id"))) {
                row.error("stage", "deal.import.no-moves");
            }
        }

        private static boolean sameId(Object a, Object b) {
            return a instanceof Number x && b instanceof Number y
                    ? x.longValue() == y.longValue()
                    : Objects.equals(a, b);
        }

        /** Writes, then records each created deal's first stage (as creating one on the board does). */
        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
            super.apply(rows, context, log);
            List<Long> created = new ArrayList<>();
            for (ImportRow row : rows) {
                if (row.action() == ImportAction.CREATE) {
                    created.add(row.targetId());
                }
            }
            if (!created.isEmpty()) {
                jdbc.update(
                        "INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)"
                                + " SELECT id, NULL, stage_id, :now, :who FROM deal WHERE id IN (:ids)",
                        new MapSqlParameterSource("ids", created)
                                .addValue("now", Timestamp.from(clock.instant()))
                                .addValue("who", actor()));
            }
        }
    }

    @Service
    public static class DealExport implements SheetExporter {
        private final ExchangeService exchange;
        private final KeyuanI18NProvider i18n;
        private final NamedParameterJdbcTemplate streaming;

        DealExport(ExchangeService exchange, KeyuanI18NProvider i18n, DataSource dataSource) {
            this.exchange = exchange;
            this.i18n = i18n;
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.setFetchSize(1_000);
            this.streaming = new NamedParameterJdbcTemplate(jdbc);
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public SheetSchema schema() {
            return SCHEMA;
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return write("", new MapSqlParameterSource(), " ORDER BY d.id", locale, out, progress, cancelled);
        }

        /** A pipeline's deals that match the list's filter, in the list's order (last changed first). */
        @PreAuthorize(Roles.HAS_STAFF)
        public long export(
                long pipelineId,
                DealFilter filter,
                Locale locale,
                OutputStream out,
                LongConsumer progress,
                BooleanSupplier cancelled) {
            MapSqlParameterSource p = new MapSqlParameterSource("p", pipelineId);
            String where = " WHERE d.pipeline_id = :p" + DealService.where(filter, p);
            return write(where, p, " ORDER BY d.updated_at DESC, d.id DESC", locale, out, progress, cancelled);
        }

        private long write(
                String where,
                MapSqlParameterSource params,
                String order,
                Locale locale,
                OutputStream out,
                LongConsumer progress,
                BooleanSupplier cancelled) {
            Locale lang = KeyuanI18NProvider.supported(locale);
            long[] n = {0};
            String sql = "SELECT d.id, p.name AS pipeline, p.name_key AS pipeline_key, s.name AS stage,"
                    + " s.name_key AS stage_key, d.title, c.code, d.deal_value, u.username, d.expected_close,"
                    + " ch.name AS channel, d.acquisition_method, d.lost_reason, d.notes"
                    + " FROM deal d JOIN pipeline p ON p.id = d.pipeline_id"
                    + " JOIN pipeline_stage s ON s.id = d.stage_id JOIN customer c ON c.id = d.customer_id"
                    + " LEFT JOIN app_user u ON u.id = d.owner_id LEFT JOIN source_channel ch ON ch.id = d.channel_id"
                    + where + order;
            return exchange.write(
                    SCHEMA,
                    lang,
                    sink -> streaming.query(sql, params, rs -> {
                        if (++n[0] % 1000 == 0) {
                            progress.accept(n[0]);
                            if (cancelled.getAsBoolean()) {
                                throw new CancellationException();
                            }
                        }
                        String method = rs.getString("acquisition_method");
                        sink.accept(new Object[] {
                            rs.getLong("id"),
                            name(rs.getString("pipeline"), rs.getString("pipeline_key"), lang),
                            name(rs.getString("stage"), rs.getString("stage_key"), lang),
                            rs.getString("title"),
                            rs.getString("code"),
                            rs.getBigDecimal("deal_value"),
                            rs.getString("username"),
                            rs.getObject("expected_close", LocalDate.class),
                            rs.getString("channel"),
                            method == null ? null : i18n.getTranslation("enum.AcquisitionMethod." + method, lang),
                            rs.getString("lost_reason"),
                            rs.getString("notes")
                        });
                    }),
                    out);
        }

        private String name(String name, String key, Locale lang) {
            return key == null ? name : i18n.getTranslation(key, lang);
        }
    }
}
