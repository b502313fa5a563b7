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
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The referral report as a workbook through the exchange engine: a sheet comparing referred and other customers, the
 * promoters (up to {@link ReferralService#MAX_PROMOTERS}, in the report's ranking) and the chain depths. Rates are
 * percentages; a figure that would divide by zero is a blank cell; an empty report writes its reason in the first row.
 */
@Service
public class ReferralReportExport {
    static final List<String[]> COMPARISON = List.of(
            new String[] {"group", "insight.referrals.col.customers-of"},
            new String[] {"customers", "insight.referrals.col.customers"},
            new String[] {"converted", "insight.report.converted"},
            new String[] {"conversion", "insight.report.conversion"},
            new String[] {"revenue", "insight.referrals.col.revenue"},
            new String[] {"average", "insight.referrals.col.average"});
    static final List<String[]> PROMOTERS = List.of(
            new String[] {"rank", "insight.referrals.col.rank"},
            new String[] {"code", "insight.referrals.col.code"},
            new String[] {"name", "insight.referrals.col.promoter"},
            new String[] {"customers", "insight.referrals.col.brought"},
            new String[] {"converted", "insight.referrals.col.bought"},
            new String[] {"revenue", "insight.referrals.col.revenue"},
            new String[] {"average", "insight.referrals.col.average"});
    static final List<String[]> DEPTHS = List.of(
            new String[] {"depth", "insight.referrals.col.depth"},
            new String[] {"customers", "insight.referrals.col.customers"},
            new String[] {"share", "insight.referrals.col.share"});
    private static final java.util.Set<String> PERCENT = java.util.Set.of("conversion", "share");
    private static final java.util.Set<String> TEXT = java.util.Set.of("group", "code", "name", "depth");

    private final ReferralService referrals;
    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;

    ReferralReportExport(ReferralService referrals, ExchangeService exchange, KeyuanI18NProvider i18n) {
        this.referrals = referrals;
        this.exchange = exchange;
        this.i18n = i18n;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public long export(ReferralQuery query, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        ReferralReport r = referrals.report(query, ReferralService.MAX_PROMOTERS);
        String reason = r.empty() == null
                ? null
                : i18n.getTranslation(
                        ReferralReportLabels.emptyKey(r.empty()), lang, r.from().toString(), r.to().toString());
        boolean figures = r.empty() == null || r.empty() == ReferralReport.Empty.NO_REFERRALS;
        return exchange.writeAll(
                List.of(
                        new ExchangeService.SheetPart(
                                schema("insight.referrals.sheet.comparison", COMPARISON, lang), sink -> {
                                    reason(reason, COMPARISON.size(), sink);
                                    if (figures) {
                                        cohort(
                                                sink,
                                                i18n.getTranslation("insight.referrals.referred", lang),
                                                r.referred());
                                        cohort(sink, i18n.getTranslation("insight.referrals.others", lang), r.others());
                                        cohort(sink, i18n.getTranslation("insight.report.total", lang), r.all());
                                    }
                                }),
                        new ExchangeService.SheetPart(schema("insight.referrals.promoters", PROMOTERS, lang), sink -> {
                            reason(reason, PROMOTERS.size(), sink);
                            int rank = 1;
                            for (ReferralReport.Promoter p : r.promoters()) {
                                sink.accept(new Object[] {
                                    rank++,
                                    p.code(),
                                    p.name(),
                                    p.customers(),
                                    p.converted(),
                                    p.revenue(),
                                    p.averageRevenue()
                                });
                            }
                        }),
                        new ExchangeService.SheetPart(schema("insight.referrals.depths", DEPTHS, lang), sink -> {
                            reason(reason, DEPTHS.size(), sink);
                            for (ReferralReport.Depth d : r.depths()) {
                                sink.accept(new Object[] {
                                    ReferralReportLabels.depth(
                                            d.depth(), (key, args) -> i18n.getTranslation(key, lang, args)),
                                    d.customers(),
                                    percent(
                                            r.referred().customers() == 0
                                                    ? null
                                                    : BigDecimal.valueOf(d.customers())
                                                            .divide(
                                                                    BigDecimal.valueOf(r.referred()
                                                                            .customers()),
                                                                    4,
                                                                    RoundingMode.HALF_UP))
                                });
                            }
                        })),
                lang,
                out);
    }

    private static void reason(String reason, int columns, Consumer<Object[]> sink) {
        if (reason != null) {
            Object[] line = new Object[columns];
            line[0] = reason;
            sink.accept(line);
        }
    }

    private static void cohort(Consumer<Object[]> sink, String label, ReferralReport.Cohort c) {
        sink.accept(new Object[] {
            label, c.customers(), c.converted(), percent(c.conversion()), c.revenue(), c.averageRevenue()
        });
    }

    private SheetSchema schema(String titleKey, List<String[]> spec, Locale lang) {
        List<SheetColumn> columns = new ArrayList<>();
        for (String[] c : spec) {
            String unit = PERCENT.contains(c[0]) ? " (%)" : "";
            columns.add(SheetColumn.of(
                    c[0],
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_CN) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.ZH_TW) + unit,
                    i18n.getTranslation(c[1], KeyuanI18NProvider.EN) + unit,
                    TEXT.contains(c[0]) ? ColumnType.TEXT : ColumnType.DECIMAL,
                    false,
                    200));
        }
        String title = i18n.getTranslation(titleKey, lang).replaceAll("[\\\\\\[\\]:*?/]", " ");
        return new SheetSchema(title.length() > 31 ? title.substring(0, 31) : title, columns, List.of());
    }

    private static BigDecimal percent(BigDecimal ratio) {
        return ratio == null ? null : ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }
}
