package io.keyuan.insight;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The channel report as a workbook through the exchange engine: the rows as on screen and their total, headers and
 * names in the user's language, rates as percentages, figures that would divide by zero left blank. An empty report
 * writes its reason in the first row, so that a file never arrives without a word of explanation.
 */
@Service
public class ChannelReportExport {
    /** Column keys and their message keys, in order; the rates' headers say "(%)". */
    static final List<String[]> COLUMNS = List.of(
            new String[] {"group", "insight.report.group"},
            new String[] {"newCustomers", "insight.report.new-customers"},
            new String[] {"converted", "insight.report.converted"},
            new String[] {"conversion", "insight.report.conversion"},
            new String[] {"deals", "insight.report.deals"},
            new String[] {"won", "insight.report.won"},
            new String[] {"winRate", "insight.report.win-rate"},
            new String[] {"purchases", "insight.report.purchases"},
            new String[] {"revenue", "insight.report.revenue"},
            new String[] {"cost", "insight.report.cost"},
            new String[] {"cac", "insight.report.cac"},
            new String[] {"roi", "insight.report.roi"},
            new String[] {"ltv", "insight.report.ltv"},
            new String[] {"ltvToCac", "insight.report.ltv-cac"},
            new String[] {"payback", "insight.report.payback"});

    /** The mix sheet's columns. */
    static final List<String[]> MIX_COLUMNS = List.of(
            new String[] {"month", "insight.mix.month"},
            new String[] {"group", "insight.report.group"},
            new String[] {"newCustomers", "insight.report.new-customers"},
            new String[] {"customersShare", "insight.mix.customers-share"},
            new String[] {"revenue", "insight.report.revenue"},
            new String[] {"revenueShare", "insight.mix.revenue-share"});

    private static final java.util.Set<String> PERCENT = java.util.Set.of("conversion", "winRate", "roi");

    private final ChannelPerformanceService reports;
    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;

    ChannelReportExport(ChannelPerformanceService reports, ExchangeService exchange, KeyuanI18NProvider i18n) {
        this.reports = reports;
        this.exchange = exchange;
        this.i18n = i18n;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public long export(ChannelReportQuery query, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        ChannelReport report = reports.report(query);
        List<ChannelFigures> rows = new ArrayList<>(report.rows());
        if (report.total() != null) {
            rows.add(report.total());
        }
        String empty = report.empty() == null
                ? null
                : i18n.getTranslation(
                        ChannelReportLabels.emptyKey(report.empty()),
                        lang,
                        report.from().toString(),
                        report.to().toString());
        ChannelMix mix = reports.mix(query);
        return exchange.writeAll(
                List.of(
                        new ExchangeService.SheetPart(schema(lang), sink -> {
                            if (empty != null) {
                                Object[] line = new Object[COLUMNS.size()];
                                line[0] = empty;
                                sink.accept(line);
                            }
                            for (ChannelFigures f : rows) {
                                sink.accept(new Object[] {
                                    ChannelReportLabels.of(
                                            f.group(), (key, args) -> i18n.getTranslation(key, lang, args)),
                                    f.newCustomers(),
                                    f.convertedCustomers(),
                                    percent(f.conversionRate()),
                                    f.deals(),
                                    f.dealsWon(),
                                    percent(f.winRate()),
                                    f.purchases(),
                                    f.revenue(),
                                    f.cost(),
                                    f.cac(),
                                    percent(f.roi()),
                                    f.ltv(),
                                    f.ltvToCac(),
                                    f.paybackMonths()
                                });
                            }
                        }),
                        new ExchangeService.SheetPart(mixSchema(lang), sink -> writeMix(mix, lang, sink))),
                lang,
                out);
    }

    /** The mix one row per month and group, both measures with their shares of the month, so that it pivots. */
    private void writeMix(ChannelMix mix, Locale lang, java.util.function.Consumer<Object[]> sink) {
        if (mix.empty() != null) {
            Object[] line = new Object[MIX_COLUMNS.size()];
            line[0] = i18n.getTranslation(
                    ChannelReportLabels.emptyKey(mix.empty()),
                    lang,
                    mix.from().toString(),
                    mix.to().toString());
            sink.accept(line);
            return;
        }
        for (ChannelMix.Month m : mix.months()) {
            for (int g = 0; g < mix.groups().size(); g++) {
                sink.accept(new Object[] {
                    m.month().toString(),
                    ChannelReportLabels.of(mix.groups().get(g), (key, args) -> i18n.getTranslation(key, lang, args)),
                    m.customers().get(g),
                    percent(m.share(ChannelMix.Measure.CUSTOMERS, g)),
                    m.revenue().get(g),
                    percent(m.share(ChannelMix.Measure.REVENUE, g))
                });
            }
        }
    }

    private SheetSchema mixSchema(Locale lang) {
        List<SheetColumn> columns = new ArrayList<>();
        for (String[] c : MIX_COLUMNS) {
            String unit = c[0].endsWith("Share") ? " (%)" : "";
            columns.add(SheetColumn.of(
                    c[0],
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_CN) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_TW) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.EN) + unit,
                    c[0].equals("month") || c[0].equals("group") ? ColumnType.TEXT : ColumnType.DECIMAL,
                    false,
                    200));
        }
        return new SheetSchema(sheetName(i18n.getTranslation("insight.mix.title", lang)), columns, List.of());
    }

    private static String sheetName(String title) {
        String t = title.replaceAll("[\\\\\\[\\]:*?/]", " ");
        return t.length() > 31 ? t.substring(0, 31) : t;
    }

    private SheetSchema schema(Locale lang) {
        List<SheetColumn> columns = new ArrayList<>();
        for (String[] c : COLUMNS) {
            String unit = PERCENT.contains(c[0]) ? " (%)" : "";
            columns.add(SheetColumn.of(
                    c[0],
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_CN) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_TW) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.EN) + unit,
                    c[0].equals("group") ? ColumnType.TEXT : ColumnType.DECIMAL,
                    false,
                    200));
        }
        String title = i18n.getTranslation("insight.nav.channels", lang).replaceAll("[\\\\\\[\\]:*?/]", " ");
        return new SheetSchema(title.length() > 31 ? title.substring(0, 31) : title, columns, List.of());
    }

    /** A ratio as a percentage with one decimal (Excel shows 0.4 as 0.4, not 40 %, without a cell style). */
    private static BigDecimal percent(BigDecimal ratio) {
        return ratio == null ? null : ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }
}
