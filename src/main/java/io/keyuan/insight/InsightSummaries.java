package io.keyuan.insight;

import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.pipeline.PipelineReport;
import io.keyuan.pipeline.PipelineReportService;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pricing.TierRow;
import io.keyuan.pricing.TierService;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentMonthSize;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.survey.MonthlyResultRow;
import io.keyuan.survey.ResultDimension;
import io.keyuan.survey.ResultFilter;
import io.keyuan.survey.ResultRow;
import io.keyuan.survey.Scores;
import io.keyuan.survey.SurveyResultsService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The summaries of insight/summaries, each over another module's service API or exported SQL: the funnel of a
 * pipeline ({@link PipelineReportService}). Every figure that would divide by zero is null. Managers only.
 */
@Service
@Transactional(readOnly = true)
public class InsightSummaries {
    public static final int MAX_MONTHS = 120;

    private final PipelineService pipelines;
    private final PipelineReportService pipelineReports;
    private final ChannelService channels;
    private final SurveyResultsService surveyResults;
    private final SegmentMembershipService segments;
    private final TierService tiers;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;
    private final KeyuanI18NProvider i18n;

    InsightSummaries(
            PipelineService pipelines,
            PipelineReportService pipelineReports,
            ChannelService channels,
            SurveyResultsService surveyResults,
            SegmentMembershipService segments,
            TierService tiers,
            org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc,
            KeyuanI18NProvider i18n) {
        this.tiers = tiers;
        this.jdbc = jdbc;
        this.segments = segments;
        this.pipelines = pipelines;
        this.pipelineReports = pipelineReports;
        this.channels = channels;
        this.surveyResults = surveyResults;
        this.i18n = i18n;
    }

    static void check(SummaryQuery q) {
        if (q == null || q.from() == null || q.to() == null) {
            throw KeyuanException.onField("period", "insight.error.period-required");
        }
        if (q.to().isBefore(q.from())) {
            throw KeyuanException.onField("period", "insight.error.period-order");
        }
        if (q.from().plusMonths(MAX_MONTHS).isBefore(q.to().plusMonths(1))) {
            throw KeyuanException.onField("period", "insight.error.period-too-long", MAX_MONTHS);
        }
    }

    /** {@code part × 100 ÷ whole}, one decimal, half up; null for a zero whole. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /** A summary's tables for people, and the sentence that says why it is empty (null when it is not). */
    public record Tables(List<SummaryTable> tables, String empty) {}

    /** The tab's tables and empty sentence in the reader's language: what the view shows and the export writes. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Tables tables(SummaryTab tab, SummaryQuery q, Locale locale) {
        return switch (tab) {
            case FUNNEL -> {
                Funnel f = funnel(q, locale);
                yield new Tables(funnelTables(f, locale), funnelEmpty(f, q, locale));
            }
            case SATISFACTION -> {
                Satisfaction f = satisfaction(q, locale);
                yield new Tables(satisfactionTables(f, locale), satisfactionEmpty(f, q, locale));
            }
            case TIERS -> {
                TierRevenue f = tierRevenue(q, locale);
                yield new Tables(tierTables(f, locale), tierEmpty(f, q, locale));
            }
            case SEGMENTS -> {
                SegmentSizes f = segmentSizes(q, locale);
                yield new Tables(segmentTables(f, locale), segmentEmpty(f, q, locale));
            }
        };
    }

    // ---- funnel

    /** A stage of the funnel: entries by the period's deals, how many went on to a later open or won stage. */
    public record FunnelStage(String name, StageKind kind, long reached, Long wentOn, BigDecimal toNextPercent) {}

    /** A source channel's deals of the period: win rate = won ÷ closed (won + lost). */
    public record ChannelWin(
            Long channelId, String name, long deals, long open, long won, long lost, BigDecimal winPercent) {}

    /**
     * The funnel of one pipeline for the deals opened in the period; {@code pipeline} is null when there is no
     * working pipeline. The overall win rate is won ÷ closed over every deal of the period.
     */
    public record Funnel(
            PipelineSummary pipeline,
            String pipelineName,
            List<FunnelStage> stages,
            long deals,
            long won,
            long lost,
            BigDecimal winPercent,
            List<ChannelWin> byChannel) {
        public boolean empty() {
            return deals == 0;
        }
    }

    /** A segment to filter by: its id and "rule set › segment". */
    public record SegmentChoice(long id, String name) {}

    /** Every segment, by rule set and priority, as the filters offer them. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SegmentChoice> segments() {
        return segments.overview().stream()
                .map(o -> new SegmentChoice(o.segmentId(), o.ruleSetName() + " › " + o.segmentName()))
                .toList();
    }

    /** The pipelines the funnel can show, oldest first. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public List<PipelineSummary> pipelines() {
        return pipelines.pipelines();
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public Funnel funnel(SummaryQuery q, Locale locale) {
        check(q);
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<PipelineSummary> all = pipelines.pipelines();
        Optional<PipelineSummary> chosen = q.pipelineId() == null
                ? all.stream().findFirst()
                : all.stream().filter(p -> p.id() == q.pipelineId()).findFirst();
        if (chosen.isEmpty()) {
            return new Funnel(null, null, List.of(), 0, 0, 0, null, List.of());
        }
        PipelineSummary pipeline = chosen.get();
        PipelineReport r =
                pipelineReports.report(pipeline.id(), q.from().atDay(1), q.to().atEndOfMonth(), q.channelId());
        List<FunnelStage> stages = new ArrayList<>();
        for (PipelineReport.StageConversion c : r.conversions()) {
            String name = c.stage().nameKey() == null
                    ? c.stage().name()
                    : i18n.getTranslation(c.stage().nameKey(), lang);
            stages.add(new FunnelStage(
                    name,
                    c.stage().kind(),
                    c.reached(),
                    c.reachedNext(),
                    c.reachedNext() == null ? null : percent(c.reachedNext(), c.reached())));
        }
        Map<Long, ChannelSummary> names = new LinkedHashMap<>();
        channels.summaries().forEach(c -> names.put(c.id(), c));
        List<ChannelWin> byChannel = new ArrayList<>();
        long deals = 0;
        long won = 0;
        long lost = 0;
        for (PipelineReport.Breakdown b : r.byChannel()) {
            Long id = b.key() == null ? null : Long.valueOf(b.key());
            String name = id == null
                    ? i18n.getTranslation("insight.report.no-channel", lang)
                    : Optional.ofNullable(names.get(id))
                            .map(ChannelSummary::name)
                            .orElse(i18n.getTranslation("insight.report.deleted-channel", lang, id));
            byChannel.add(new ChannelWin(
                    id, name, b.deals(), b.open(), b.won(), b.lost(), percent(b.won(), b.won() + b.lost())));
            deals += b.deals();
            won += b.won();
            lost += b.lost();
        }
        String pipelineName =
                pipeline.nameKey() == null ? pipeline.name() : i18n.getTranslation(pipeline.nameKey(), lang);
        return new Funnel(pipeline, pipelineName, stages, deals, won, lost, percent(won, won + lost), byChannel);
    }

    /** The funnel's two tables: the stages, then win rates by source channel with the total last. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SummaryTable> funnelTables(Funnel f, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<List<Object>> stages = new ArrayList<>();
        for (FunnelStage s : f.stages()) {
            stages.add(row(
                    s.name(),
                    t(lang, "enum.StageKind." + s.kind().name()),
                    s.reached(),
                    s.wentOn(),
                    s.toNextPercent()));
        }
        List<List<Object>> channelRows = new ArrayList<>();
        for (ChannelWin c : f.byChannel()) {
            channelRows.add(row(c.name(), c.deals(), c.open(), c.won(), c.lost(), c.winPercent()));
        }
        if (!f.byChannel().isEmpty()) {
            channelRows.add(row(
                    t(lang, "insight.report.total"),
                    f.deals(),
                    f.deals() - f.won() - f.lost(),
                    f.won(),
                    f.lost(),
                    f.winPercent()));
        }
        return List.of(
                new SummaryTable(
                        t(lang, "insight.summary.funnel.stages"),
                        List.of(
                                col(lang, "insight.summary.col.stage", SummaryTable.Kind.TEXT),
                                col(lang, "insight.summary.col.stage-kind", SummaryTable.Kind.TEXT),
                                col(lang, "insight.summary.col.reached", SummaryTable.Kind.COUNT),
                                col(lang, "insight.summary.col.went-on", SummaryTable.Kind.COUNT),
                                col(lang, "insight.summary.col.to-next", SummaryTable.Kind.PERCENT)),
                        stages),
                new SummaryTable(
                        t(lang, "insight.summary.funnel.by-channel"),
                        List.of(
                                col(lang, "insight.report.channel", SummaryTable.Kind.TEXT),
                                col(lang, "insight.report.deals", SummaryTable.Kind.COUNT),
                                col(lang, "insight.summary.col.open", SummaryTable.Kind.COUNT),
                                col(lang, "insight.report.won", SummaryTable.Kind.COUNT),
                                col(lang, "insight.summary.col.lost", SummaryTable.Kind.COUNT),
                                col(lang, "insight.report.win-rate", SummaryTable.Kind.PERCENT)),
                        channelRows));
    }

    /** Why the funnel shows nothing, or null when it has deals. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public String funnelEmpty(Funnel f, SummaryQuery q, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        if (f.pipeline() == null) {
            return t(lang, "insight.summary.funnel.no-pipeline");
        }
        return f.empty()
                ? t(
                        lang,
                        "insight.summary.funnel.empty",
                        f.pipelineName(),
                        q.from().toString(),
                        q.to().toString())
                : null;
    }

    // ---- satisfaction

    /**
     * One month's satisfaction, of everyone or of one group (a segment, a source channel): responses, NPS answers
     * and NPS (−100 to 100), CSAT answers and CSAT (% satisfied); a score is null where nobody gave that answer.
     */
    public record MonthScores(
            YearMonth month,
            String key,
            String group,
            long responses,
            long npsAnswers,
            BigDecimal nps,
            long csatAnswers,
            BigDecimal csat) {
        static MonthScores of(YearMonth month, String key, String group, Scores s) {
            return new MonthScores(
                    month, key, group, s.responses(), s.npsAnswers(), s.nps(), s.csatAnswers(), s.csatPercent());
        }
    }

    /**
     * NPS and CSAT by month answered for everyone, by segment (a respondent in two segments counts in both; the
     * segment filter keeps one) and by the respondent's source channel when they answered (the channel filter keeps
     * one), all counted by the survey module ({@link SurveyResultsService}) in SQL.
     */
    public record Satisfaction(
            List<YearMonth> months,
            List<MonthScores> overall,
            List<MonthScores> bySegment,
            List<MonthScores> byChannel) {
        public boolean empty() {
            return overall.stream().allMatch(m -> m.responses() == 0);
        }
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public Satisfaction satisfaction(SummaryQuery q, Locale locale) {
        check(q);
        Locale lang = KeyuanI18NProvider.supported(locale);
        ResultFilter filter = ResultFilter.all().withPeriod(q.from().atDay(1), q.to().atEndOfMonth());
        List<YearMonth> months = months(q);
        Map<YearMonth, Scores> all = new LinkedHashMap<>();
        for (ResultRow r : surveyResults.breakdown(ResultDimension.MONTH, filter)) {
            all.put(YearMonth.parse(r.key()), r.scores());
        }
        List<MonthScores> overall = new ArrayList<>();
        for (YearMonth m : months) {
            overall.add(MonthScores.of(m, null, t(lang, "insight.summary.everyone"), all.getOrDefault(m, Scores.NONE)));
        }
        List<MonthScores> bySegment = new ArrayList<>();
        String segmentKey = q.segmentId() == null ? null : String.valueOf(q.segmentId());
        for (MonthlyResultRow r : surveyResults.monthlyBreakdown(ResultDimension.SEGMENT, filter)) {
            if (segmentKey == null || segmentKey.equals(r.key())) {
                bySegment.add(MonthScores.of(
                        YearMonth.parse(r.month()),
                        r.key(),
                        r.label() == null ? "#" + r.key() : r.label(),
                        r.scores()));
            }
        }
        List<MonthScores> byChannel = new ArrayList<>();
        Map<Long, ChannelSummary> names = new LinkedHashMap<>();
        channels.summaries().forEach(c -> names.put(c.id(), c));
        for (MonthlyResultRow r : surveyResults.monthlyBreakdown(ResultDimension.SOURCE_CHANNEL, filter)) {
            Long id = r.key() == null ? null : Long.valueOf(r.key());
            boolean wanted = q.channelId() == null
                    || (q.channelId() == 0 ? id == null : q.channelId().equals(id));
            if (wanted) {
                byChannel.add(
                        MonthScores.of(YearMonth.parse(r.month()), r.key(), channelName(id, names, lang), r.scores()));
            }
        }
        return new Satisfaction(months, overall, bySegment, byChannel);
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SummaryTable> satisfactionTables(Satisfaction s, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        return List.of(
                scoresTable(lang, "insight.summary.satisfaction.by-month", null, s.overall()),
                scoresTable(lang, "insight.summary.satisfaction.by-segment", "insight.summary.segment", s.bySegment()),
                scoresTable(lang, "insight.summary.satisfaction.by-channel", "insight.report.channel", s.byChannel()));
    }

    private SummaryTable scoresTable(Locale lang, String titleKey, String groupKey, List<MonthScores> rows) {
        List<SummaryTable.Column> columns = new ArrayList<>();
        columns.add(col(lang, "insight.customers.col.month", SummaryTable.Kind.TEXT));
        if (groupKey != null) {
            columns.add(col(lang, groupKey, SummaryTable.Kind.TEXT));
        }
        columns.add(col(lang, "insight.summary.col.responses", SummaryTable.Kind.COUNT));
        columns.add(col(lang, "insight.summary.col.nps-answers", SummaryTable.Kind.COUNT));
        columns.add(col(lang, "insight.summary.col.nps", SummaryTable.Kind.SCORE));
        columns.add(col(lang, "insight.summary.col.csat-answers", SummaryTable.Kind.COUNT));
        columns.add(col(lang, "insight.summary.col.csat", SummaryTable.Kind.PERCENT));
        List<List<Object>> table = new ArrayList<>();
        for (MonthScores m : rows) {
            List<Object> line = new ArrayList<>();
            line.add(m.month().toString());
            if (groupKey != null) {
                line.add(m.group());
            }
            line.addAll(java.util.Arrays.asList(m.responses(), m.npsAnswers(), m.nps(), m.csatAnswers(), m.csat()));
            table.add(line);
        }
        return new SummaryTable(t(lang, titleKey), columns, table);
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public String satisfactionEmpty(Satisfaction s, SummaryQuery q, Locale locale) {
        return s.empty()
                ? t(
                        KeyuanI18NProvider.supported(locale),
                        "insight.summary.satisfaction.empty",
                        q.from().toString(),
                        q.to().toString())
                : null;
    }

    // ---- price tiers

    /**
     * A tier's purchases in a month (or, with {@code month} null, in the whole period): revenue net of returns; of
     * it, the revenue of purchases whose product has a known cost, that cost (unit cost × quantity kept), the margin
     * (costed revenue − cost), the margin in % of the costed revenue, and the costed share of the revenue.
     */
    public record TierMonth(
            YearMonth month,
            Long tierId,
            String tier,
            long purchases,
            BigDecimal revenue,
            BigDecimal costedRevenue,
            BigDecimal cost,
            BigDecimal margin,
            BigDecimal marginPercent,
            BigDecimal costedPercent) {
        static TierMonth of(
                YearMonth month,
                Long tierId,
                String tier,
                long purchases,
                BigDecimal revenue,
                BigDecimal costed,
                BigDecimal cost) {
            BigDecimal margin = costed == null ? null : costed.subtract(cost == null ? BigDecimal.ZERO : cost);
            return new TierMonth(
                    month,
                    tierId,
                    tier,
                    purchases,
                    revenue,
                    costed,
                    costed == null ? null : cost,
                    margin,
                    ratio(margin, costed),
                    ratio(costed == null ? BigDecimal.ZERO : costed, revenue));
        }

        TierMonth plus(TierMonth o) {
            return of(
                    null,
                    tierId,
                    tier,
                    purchases + o.purchases,
                    revenue.add(o.revenue),
                    add(costedRevenue, o.costedRevenue),
                    add(cost, o.cost));
        }
    }

    /** Revenue and margin by the customers' price tier, by month and over the period (a row per tier). */
    public record TierRevenue(List<YearMonth> months, List<TierMonth> byMonth, List<TierMonth> totals) {
        public boolean empty() {
            return byMonth.isEmpty();
        }
    }

    /**
     * Revenue and margin per price tier by month, read from the rollup {@link TierRevenueRollup} builds (one grouped
     * SQL pass per month over its purchases; "as of" its last build). Purchases
     * keep no tier and no cost, so this is what the data allows: a purchase counts in the tier its customer has
     * now (customers without one: "no tier"), its revenue is its amount less returns, and its cost is known only
     * when its product text names a catalogue product by code (as purchases recorded from a quote do), at that
     * product's cost today times the quantity kept.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public TierRevenue tierRevenue(SummaryQuery q, Locale locale) {
        check(q);
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<Long, String> names = new LinkedHashMap<>();
        for (TierRow t : tiers.tiers()) {
            names.put(t.id(), t.name());
        }
        List<TierMonth> byMonth = new ArrayList<>();
        jdbc.query(
                "SELECT tier_id, month, purchases, revenue, costed_revenue, cost FROM insight_tier_month"
                        + " WHERE month >= :from AND month <= :to",
                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                        .addValue("from", java.sql.Date.valueOf(q.from().atDay(1)))
                        .addValue("to", java.sql.Date.valueOf(q.to().atDay(1))),
                rs -> {
                    long stored = rs.getLong("tier_id");
                    Long tierId = stored == 0 ? null : stored;
                    byMonth.add(TierMonth.of(
                            YearMonth.from(rs.getObject("month", java.time.LocalDate.class)),
                            tierId,
                            tierName(tierId, names, lang),
                            rs.getLong("purchases"),
                            rs.getBigDecimal("revenue"),
                            rs.getBigDecimal("costed_revenue"),
                            rs.getBigDecimal("cost")));
                });
        // tiers in priority order, "no tier" last; months in order
        List<Long> order = new ArrayList<>(names.keySet());
        java.util.Comparator<TierMonth> byTier = java.util.Comparator.comparingInt(m -> m.tierId() == null
                ? Integer.MAX_VALUE
                : order.contains(m.tierId()) ? order.indexOf(m.tierId()) : order.size());
        byMonth.sort(java.util.Comparator.comparing(TierMonth::month).thenComparing(byTier));
        Map<String, TierMonth> totals = new LinkedHashMap<>();
        for (TierMonth m : byMonth) {
            totals.merge(String.valueOf(m.tierId()), m, TierMonth::plus);
        }
        List<TierMonth> totalRows = new ArrayList<>();
        for (TierMonth t : totals.values()) {
            totalRows.add(
                    TierMonth.of(null, t.tierId(), t.tier(), t.purchases(), t.revenue(), t.costedRevenue(), t.cost()));
        }
        totalRows.sort(byTier);
        return new TierRevenue(months(q), byMonth, totalRows);
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SummaryTable> tierTables(TierRevenue r, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<List<Object>> monthly = new ArrayList<>();
        for (TierMonth m : r.byMonth()) {
            List<Object> line = new ArrayList<>();
            line.add(m.month().toString());
            line.addAll(tierFigures(m));
            monthly.add(line);
        }
        List<List<Object>> totals = new ArrayList<>();
        for (TierMonth m : r.totals()) {
            totals.add(tierFigures(m));
        }
        List<SummaryTable.Column> figures = List.of(
                col(lang, "insight.summary.col.tier", SummaryTable.Kind.TEXT),
                col(lang, "insight.report.purchases", SummaryTable.Kind.COUNT),
                col(lang, "insight.report.revenue", SummaryTable.Kind.MONEY),
                col(lang, "insight.summary.col.costed-revenue", SummaryTable.Kind.MONEY),
                col(lang, "insight.report.cost", SummaryTable.Kind.MONEY),
                col(lang, "insight.summary.col.margin", SummaryTable.Kind.MONEY),
                col(lang, "insight.summary.col.margin-percent", SummaryTable.Kind.PERCENT),
                col(lang, "insight.summary.col.costed-share", SummaryTable.Kind.PERCENT));
        List<SummaryTable.Column> withMonth = new ArrayList<>();
        withMonth.add(col(lang, "insight.customers.col.month", SummaryTable.Kind.TEXT));
        withMonth.addAll(figures);
        return List.of(
                new SummaryTable(t(lang, "insight.summary.tiers.totals"), figures, totals),
                new SummaryTable(t(lang, "insight.summary.tiers.by-month"), withMonth, monthly));
    }

    private static List<Object> tierFigures(TierMonth m) {
        return java.util.Arrays.asList(
                m.tier(),
                m.purchases(),
                m.revenue(),
                m.costedRevenue(),
                m.cost(),
                m.margin(),
                m.marginPercent(),
                m.costedPercent());
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public String tierEmpty(TierRevenue r, SummaryQuery q, Locale locale) {
        return r.empty()
                ? t(
                        KeyuanI18NProvider.supported(locale),
                        "insight.summary.tiers.empty",
                        q.from().toString(),
                        q.to().toString())
                : null;
    }

    private String tierName(Long id, Map<Long, String> names, Locale lang) {
        return id == null
                ? t(lang, "insight.summary.no-tier")
                : Optional.ofNullable(names.get(id)).orElse(t(lang, "insight.summary.deleted-tier", id));
    }

    /** {@code part × 100 ÷ whole}, one decimal; null without a whole (or a part). */
    static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return part == null || whole == null || whole.signum() == 0
                ? null
                : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    // ---- segment sizes

    /** A segment at a month's end: its members (null before its first refresh), who entered and left that month. */
    public record SegmentMonth(
            YearMonth month, long segmentId, String segment, Long members, long entered, long exited) {}

    /** Every segment (or the one filtered) at each month end of the period, by segment then month. */
    public record SegmentSizes(List<YearMonth> months, List<SegmentMonth> rows) {
        public boolean empty() {
            return rows.stream().allMatch(r -> r.members() == null);
        }
    }

    /**
     * Members per segment at each month end, from the segmentation module's refresh history
     * ({@link SegmentMembershipService#monthlySizes}): the size the last refresh of the month left, the entries and
     * exits of the month's refreshes.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SegmentSizes segmentSizes(SummaryQuery q, Locale locale) {
        check(q);
        Map<Long, String> names = new LinkedHashMap<>();
        segments().forEach(c -> names.put(c.id(), c.name()));
        List<SegmentMonth> rows = new ArrayList<>();
        for (SegmentMonthSize s : segments.monthlySizes(q.from(), q.to())) {
            if ((q.segmentId() == null || q.segmentId() == s.segmentId()) && names.containsKey(s.segmentId())) {
                rows.add(new SegmentMonth(
                        s.month(), s.segmentId(), names.get(s.segmentId()), s.members(), s.entered(), s.exited()));
            }
        }
        List<Long> order = new ArrayList<>(names.keySet());
        rows.sort(java.util.Comparator.comparingInt((SegmentMonth r) -> order.indexOf(r.segmentId()))
                .thenComparing(SegmentMonth::month));
        return new SegmentSizes(months(q), rows);
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SummaryTable> segmentTables(SegmentSizes s, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<List<Object>> rows = new ArrayList<>();
        for (SegmentMonth r : s.rows()) {
            rows.add(row(r.segment(), r.month().toString(), r.members(), r.entered(), r.exited()));
        }
        return List.of(new SummaryTable(
                t(lang, "insight.summary.segments.by-month"),
                List.of(
                        col(lang, "insight.summary.segment", SummaryTable.Kind.TEXT),
                        col(lang, "insight.summary.col.month-end", SummaryTable.Kind.TEXT),
                        col(lang, "insight.summary.col.members", SummaryTable.Kind.COUNT),
                        col(lang, "insight.summary.col.entered", SummaryTable.Kind.COUNT),
                        col(lang, "insight.summary.col.exited", SummaryTable.Kind.COUNT)),
                rows));
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public String segmentEmpty(SegmentSizes s, SummaryQuery q, Locale locale) {
        return s.empty()
                ? t(KeyuanI18NProvider.supported(locale), "insight.summary.segments.empty", q.to().toString())
                : null;
    }

    // ---- helpers

    private static List<YearMonth> months(SummaryQuery q) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = q.from(); !m.isAfter(q.to()); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private String channelName(Long id, Map<Long, ChannelSummary> names, Locale lang) {
        return id == null
                ? t(lang, "insight.report.no-channel")
                : Optional.ofNullable(names.get(id))
                        .map(ChannelSummary::name)
                        .orElse(t(lang, "insight.report.deleted-channel", id));
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    private SummaryTable.Column col(Locale lang, String key, SummaryTable.Kind kind) {
        return new SummaryTable.Column(t(lang, key), kind);
    }

    private String t(Locale lang, String key, Object... args) {
        return i18n.getTranslation(key, lang, args);
    }
}
