package io.keyuan.pipeline;

import io.keyuan.channel.ChannelService;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.ExchangeService.SheetPart;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.security.UserDirectory;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The funnel report as a workbook: one sheet per section (stage conversion, time in stage, and the breakdowns by
 * source channel, acquisition method and owner), headers and names in the user's language, rates as percentages.
 */
@Service
public class PipelineReportExport {
    private final PipelineReportService reports;
    private final ExchangeService exchange;
    private final ChannelService channels;
    private final UserDirectory users;
    private final KeyuanI18NProvider i18n;

    PipelineReportExport(
            PipelineReportService reports,
            ExchangeService exchange,
            ChannelService channels,
            UserDirectory users,
            KeyuanI18NProvider i18n) {
        this.reports = reports;
        this.exchange = exchange;
        this.channels = channels;
        this.users = users;
        this.i18n = i18n;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public void export(long pipelineId, LocalDate from, LocalDate to, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        PipelineReport report = reports.report(pipelineId, from, to);
        Map<String, String> channelNames = new HashMap<>();
        channels.summaries().forEach(c -> channelNames.put(String.valueOf(c.id()), c.name()));
        Map<String, String> ownerNames = new HashMap<>();
        users.allUsers().forEach(u -> ownerNames.put(String.valueOf(u.id()), u.displayName()));
        String none = i18n.getTranslation("form.none", lang);

        List<SheetPart> parts = new ArrayList<>();
        parts.add(new SheetPart(
                schema(
                        "pipeline.report.conversion",
                        lang,
                        text("stage", "pipeline.stage.name"),
                        number("reached", "pipeline.report.reached"),
                        number("toNext", "pipeline.report.to-next"),
                        number("toWon", "pipeline.report.to-won"),
                        number("won", "pipeline.report.won")),
                sink -> report.conversions()
                        .forEach(c -> sink.accept(new Object[] {
                            stage(c.stage(), lang),
                            c.reached(),
                            percent(c.toNextRate()),
                            percent(c.toWonRate()),
                            c.won()
                        }))));
        parts.add(new SheetPart(
                schema(
                        "pipeline.report.durations",
                        lang,
                        text("stage", "pipeline.stage.name"),
                        number("days", "pipeline.report.avg-days"),
                        number("visits", "pipeline.report.visits")),
                sink -> report.durations()
                        .forEach(d -> sink.accept(new Object[] {
                            stage(d.stage(), lang),
                            BigDecimal.valueOf(d.averageDays()).setScale(2, RoundingMode.HALF_UP),
                            d.visits()
                        }))));
        parts.add(breakdown(
                "pipeline.report.by-channel", lang, report.byChannel(), k -> k == null ? none : channelNames.get(k)));
        parts.add(breakdown(
                "pipeline.report.by-method",
                lang,
                report.byMethod(),
                k -> k == null ? none : i18n.getTranslation("enum.AcquisitionMethod." + k, lang)));
        parts.add(breakdown(
                "pipeline.report.by-owner", lang, report.byOwner(), k -> k == null ? none : ownerNames.get(k)));
        exchange.writeAll(parts, lang, out);
    }

    private SheetPart breakdown(
            String titleKey, Locale lang, List<PipelineReport.Breakdown> rows, Function<String, String> name) {
        return new SheetPart(
                schema(
                        titleKey,
                        lang,
                        text("group", titleKey),
                        number("deals", "pipeline.report.deals"),
                        number("open", "pipeline.report.open"),
                        number("won", "pipeline.report.won"),
                        number("lost", "pipeline.report.lost"),
                        number("winRate", "pipeline.report.win-rate"),
                        number("value", "pipeline.report.total-value"),
                        number("wonValue", "pipeline.report.won-value")),
                sink -> rows.forEach(b -> sink.accept(new Object[] {
                    name.apply(b.key()),
                    b.deals(),
                    b.open(),
                    b.won(),
                    b.lost(),
                    percent(b.winRate()),
                    b.totalValue(),
                    b.wonValue()
                })));
    }

    private record Col(String key, String messageKey, ColumnType type) {}

    private static Col text(String key, String messageKey) {
        return new Col(key, messageKey, ColumnType.TEXT);
    }

    private static Col number(String key, String messageKey) {
        return new Col(key, messageKey, ColumnType.DECIMAL);
    }

    private SheetSchema schema(String titleKey, Locale lang, Col... cols) {
        List<SheetColumn> columns = new ArrayList<>();
        for (Col c : cols) {
            String unit = c.key().equals("toNext")
                            || c.key().equals("toWon")
                            || c.key().equals("winRate")
                    ? " (%)"
                    : "";
            columns.add(SheetColumn.of(
                    c.key(),
                    i18n.getTranslation(c.messageKey(), KeyuanI18NProvider.ZH_CN) + unit,
                    i18n.getTranslation(c.messageKey(), KeyuanI18NProvider.ZH_TW) + unit,
                    i18n.getTranslation(c.messageKey(), KeyuanI18NProvider.EN) + unit,
                    c.type(),
                    false,
                    200));
        }
        // A sheet's name: at most 31 characters, none of []:*?/\\
        String title = i18n.getTranslation(titleKey, lang).replaceAll("[\\\\\\[\\]:*?/]", " ");
        return new SheetSchema(title.length() > 31 ? title.substring(0, 31) : title, columns, List.of());
    }

    private String stage(StageRow s, Locale lang) {
        return s.nameKey() == null ? s.name() : i18n.getTranslation(s.nameKey(), lang);
    }

    /** A rate as a percentage with one decimal (Excel shows 0.4 as 0.4, not 40 %, without a cell style). */
    private static BigDecimal percent(Double rate) {
        return rate == null ? null : BigDecimal.valueOf(rate * 100).setScale(1, RoundingMode.HALF_UP);
    }
}
