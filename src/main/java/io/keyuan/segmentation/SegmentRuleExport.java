package io.keyuan.segmentation;

import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every segment's current rule as a sheet for review and for moving rules to another installation (rule sets
 * in name order, segments in priority order). Re-importing the sheet changes nothing.
 */
@Service
@Transactional(readOnly = true)
public class SegmentRuleExport implements SheetExporter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ExchangeService exchange;
    private final RuleDescriber describer;
    private final KeyuanI18NProvider i18n;
    private final NamedParameterJdbcTemplate jdbc;
    private final SegmentCatalogueService catalogue;
    private final SegmentFieldCatalogue fields;

    SegmentRuleExport(
            ExchangeService exchange,
            RuleDescriber describer,
            KeyuanI18NProvider i18n,
            NamedParameterJdbcTemplate jdbc,
            SegmentCatalogueService catalogue,
            SegmentFieldCatalogue fields) {
        this.catalogue = catalogue;
        this.fields = fields;
        this.exchange = exchange;
        this.describer = describer;
        this.i18n = i18n;
        this.jdbc = jdbc;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema() {
        return SegmentRuleSheet.SCHEMA;
    }

    /** How many rows a full export writes. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM segment", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return export(null, locale, out, progress, cancelled);
    }

    /** The segments of the given rule sets (all when null). */
    @PreAuthorize(Roles.HAS_STAFF)
    public long export(
            Collection<Long> ruleSetIds,
            Locale locale,
            OutputStream out,
            LongConsumer progress,
            BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<Long, String> channels = describer.channelNames();
        Map<CatalogueField, Map<Long, String>> stages = new java.util.HashMap<>();
        catalogue.allChoices().keySet().forEach(f -> stages.put(f, catalogue.references(f)));
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = "";
        if (ruleSetIds != null) {
            if (ruleSetIds.isEmpty()) {
                return exchange.write(SegmentRuleSheet.SCHEMA, lang, sink -> {}, out);
            }
            where = " WHERE r.id IN (:ids)";
            p.addValue("ids", ruleSetIds);
        }
        // Rule definitions number in the hundreds at most: one query, no paging needed.
        List<Object[]> rows = jdbc.query(
                "SELECT r.name, r.mode, s.name, s.priority, v.rule_text, s.current_version, v.created_by,"
                        + " v.created_at FROM segment s JOIN segment_rule_set r ON r.id = s.rule_set_id"
                        + " JOIN segment_rule_version v ON v.segment_id = s.id AND v.version_no = s.current_version"
                        + where + " ORDER BY r.name, s.priority, s.id",
                p,
                (rs, i) -> {
                    RuleNode rule = RuleText.tryRead(rs.getString(5), fields).orElse(null);
                    if (rule == null) {
                        // written as stored, so that nothing is lost; importing it back names the row's problem
                        return row(
                                rs,
                                lang,
                                rs.getString(5),
                                i18n.getTranslation("segment.membership.skip.unreadable", lang));
                    }
                    RuleNode portable = SegmentRuleSheet.mapChannels(rule, id -> {
                        String name = channels.get(Long.valueOf(id));
                        return name != null ? name : "#" + id;
                    });
                    portable = SegmentRuleSheet.mapStages(portable, (field, id) -> {
                        String name = stages.getOrDefault(field, Map.of()).get(Long.valueOf(id));
                        return name != null ? name : "#" + id;
                    });
                    return row(
                            rs,
                            lang,
                            RuleText.write(portable),
                            describer.describe(rule, lang, channels).stream()
                                    .map(RuleDescriber.Line::indented)
                                    .collect(Collectors.joining("\n")));
                });
        long[] n = {0};
        return exchange.write(
                SegmentRuleSheet.SCHEMA,
                lang,
                sink -> {
                    for (Object[] row : rows) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException();
                        }
                        sink.accept(row);
                        if (++n[0] % 100 == 0) {
                            progress.accept(n[0]);
                        }
                    }
                },
                out);
    }

    private Object[] row(ResultSet rs, Locale lang, String ruleText, String words) throws SQLException {
        Timestamp at = rs.getTimestamp(8);
        return new Object[] {
            rs.getString(1),
            i18n.getTranslation("enum.RuleSetMode." + rs.getString(2), lang),
            rs.getString(3),
            rs.getInt(4),
            ruleText,
            words,
            rs.getInt(6),
            rs.getString(7),
            at == null ? null : TIME.format(at.toInstant().atZone(BusinessTime.ZONE))
        };
    }
}
