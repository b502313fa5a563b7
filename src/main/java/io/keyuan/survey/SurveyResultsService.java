package io.keyuan.survey;

import io.keyuan.channel.ChannelQueries;
import io.keyuan.customer.CustomerQueries;
import io.keyuan.exchange.DocumentWorkbook;
import io.keyuan.pricing.TierQueries;
import io.keyuan.segmentation.SegmentQueries;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Satisfaction results, every figure counted in SQL over survey_response (one row per response with its first NPS,
 * CSAT and CES answer): the overall scores and response rate, a breakdown by one {@link ResultDimension}, and each
 * question's distribution. Other modules' data (a respondent's channel, acquisition method, tier, segments) comes
 * in through the query fragments those modules export ({@link CustomerQueries}, {@link TierQueries},
 * {@link SegmentQueries}, {@link ChannelQueries}), so the grouping happens in the database without this module
 * knowing their tables. Response rates count the recipients of the campaigns that overlap the period.
 */
@Service
@Transactional(readOnly = true)
@PreAuthorize(Roles.HAS_MANAGER)
public class SurveyResultsService {
    /** Free-text answers a question's result shows. */
    public static final int LATEST_TEXTS = 20;

    private static final String SCORES = """
            COUNT(*) AS responses,
            COUNT(r.nps_score) AS nps_n,
            COALESCE(SUM(r.nps_score >= 9), 0) AS promoters,
            COALESCE(SUM(r.nps_score <= 6), 0) AS detractors,
            COUNT(r.csat_score) AS csat_n,
            COALESCE(SUM(r.csat_score >= 4), 0) AS csat_top,
            COUNT(r.ces_score) AS ces_n,
            COALESCE(SUM(r.ces_score), 0) AS ces_sum""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SurveyService surveys;
    private final KeyuanI18NProvider i18n;

    SurveyResultsService(NamedParameterJdbcTemplate jdbc, SurveyService surveys, KeyuanI18NProvider i18n) {
        this.jdbc = jdbc;
        this.surveys = surveys;
        this.i18n = i18n;
    }

    /** What the results page shows at once: the scores, the monthly trend, one breakdown, each question. */
    public record ResultPage(
            ResultRow overview, List<ResultRow> trend, List<ResultRow> breakdown, List<QuestionResult> questions) {}

    /**
     * The whole page in as few passes as it takes: the responses are read once for the monthly trend and the
     * breakdown together (grouped by month and the dimension's key; every response falls in one month and, but for
     * segments, in one group), the overall scores are the sum of the months', the overall response rate the sum of
     * the groups' (a recipient is in one group); the questions only when a survey is chosen. A respondent in several
     * segments counts in each, so a breakdown by segment is read on its own.
     */
    public ResultPage page(ResultFilter filter, ResultDimension by) {
        List<ResultRow> months;
        List<ResultRow> grouped;
        long[] rate;
        if (by == ResultDimension.MONTH || by == ResultDimension.SEGMENT) {
            months = breakdown(ResultDimension.MONTH, filter);
            grouped = by == ResultDimension.MONTH ? months : breakdown(by, filter);
            rate = totalRate(filter);
        } else {
            MapSqlParameterSource p = new MapSqlParameterSource();
            Grouping month = grouping(ResultDimension.MONTH, "r.customer_id", "r");
            Grouping g = grouping(by, "r.customer_id", "r");
            Map<String, Scores> byMonth = new HashMap<>();
            Map<String, Scores> byKey = new HashMap<>();
            Map<String, String> labels = new HashMap<>();
            jdbc.query(
                    "SELECT g.*, " + g.label("g.k") + " AS label FROM (SELECT " + month.key() + " AS m, " + g.key()
                            + " AS k, " + SCORES + " FROM survey_response r" + g.join() + " WHERE "
                            + responses(filter, p) + " GROUP BY 1, 2) g",
                    p,
                    rs -> {
                        Scores s = scores(rs);
                        byMonth.merge(month(rs.getString("m")), s, Scores::plus);
                        String key = rs.getString("k");
                        byKey.merge(key, s, Scores::plus);
                        labels.put(key, rs.getString("label"));
                    });
            Map<String, long[]> rates = rates(by, filter);
            months = new ArrayList<>();
            byMonth.forEach((m, s) -> months.add(new ResultRow(m, null, s, null, null)));
            months.sort(order(ResultDimension.MONTH));
            grouped = new ArrayList<>();
            byKey.forEach((k, s) -> {
                long[] r = rates.get(k);
                grouped.add(new ResultRow(k, labels.get(k), s, r == null ? 0L : r[0], r == null ? 0L : r[1]));
            });
            grouped.sort(order(by));
            rate = new long[2];
            for (long[] r : rates.values()) {
                rate[0] += r[0];
                rate[1] += r[1];
            }
        }
        Scores all = Scores.NONE;
        for (ResultRow m : months) {
            all = all.plus(m.scores());
        }
        return new ResultPage(
                new ResultRow(null, null, all, rate[0], rate[1]),
                months,
                grouped,
                filter.surveyId() == null ? List.of() : questions(filter));
    }

    /** The scores of every response the filter takes, with the response rate as a row without key. */
    public ResultRow overview(ResultFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = responses(filter, p);
        Scores scores = jdbc.queryForObject(
                "SELECT " + SCORES + " FROM survey_response r WHERE " + where, p, (rs, i) -> scores(rs));
        long[] rate = totalRate(filter);
        return new ResultRow(null, null, scores, rate[0], rate[1]);
    }

    /** The filter's recipients and how many of them answered. */
    private long[] totalRate(ResultFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(rc.status = 'ANSWERED'), 0) FROM survey_recipient rc WHERE "
                        + recipients(filter, p),
                p,
                (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
    }

    /**
     * The filter's responses grouped by the dimension: months in order, other groups by responses (most first),
     * the group of respondents without a value last. A respondent in three segments counts in each.
     */
    public List<ResultRow> breakdown(ResultDimension dimension, ResultFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Grouping g = grouping(dimension, "r.customer_id", "r");
        String sql = "SELECT g.*, " + g.label("g.k") + " AS label FROM (SELECT " + g.key() + " AS k, " + SCORES
                + " FROM survey_response r" + g.join() + " WHERE " + responses(filter, p) + " GROUP BY 1) g";
        Map<String, long[]> rates = dimension.hasResponseRate() ? rates(dimension, filter) : Map.of();
        List<ResultRow> rows = new ArrayList<>();
        jdbc.query(sql, p, rs -> {
            String key = dimension == ResultDimension.MONTH ? month(rs.getString("k")) : rs.getString("k");
            long[] rate = rates.get(key);
            rows.add(new ResultRow(
                    key,
                    rs.getString("label"),
                    scores(rs),
                    dimension.hasResponseRate() ? (rate == null ? 0L : rate[0]) : null,
                    dimension.hasResponseRate() ? (rate == null ? 0L : rate[1]) : null));
        });
        rows.sort(order(dimension));
        return rows;
    }

    /**
     * The filter's responses grouped by month answered and by the dimension in one pass (a respondent in several
     * segments counts in each), months in order, then groups as {@link #breakdown} orders them; for trends by group.
     * The month cannot be the dimension.
     */
    public List<MonthlyResultRow> monthlyBreakdown(ResultDimension dimension, ResultFilter filter) {
        if (dimension == ResultDimension.MONTH) {
            throw new IllegalArgumentException("dimension");
        }
        MapSqlParameterSource p = new MapSqlParameterSource();
        Grouping month = grouping(ResultDimension.MONTH, "r.customer_id", "r");
        Grouping g = grouping(dimension, "r.customer_id", "r");
        List<MonthlyResultRow> rows = new ArrayList<>();
        jdbc.query(
                "SELECT g.*, " + g.label("g.k") + " AS label FROM (SELECT " + month.key() + " AS m, " + g.key()
                        + " AS k, " + SCORES + " FROM survey_response r" + g.join() + " WHERE "
                        + responses(filter, p) + " GROUP BY 1, 2) g",
                p,
                rs -> {
                    rows.add(new MonthlyResultRow(
                            month(rs.getString("m")), rs.getString("k"), rs.getString("label"), scores(rs)));
                });
        java.util.Comparator<ResultRow> groups = order(dimension);
        rows.sort(java.util.Comparator.comparing(MonthlyResultRow::month)
                .thenComparing((a, b) -> groups.compare(
                        new ResultRow(a.key(), a.label(), a.scores(), null, null),
                        new ResultRow(b.key(), b.label(), b.scores(), null, null))));
        return rows;
    }

    /** The recipients of the filter's campaigns grouped as the dimension groups them: key → {recipients, answered}. */
    private Map<String, long[]> rates(ResultDimension dimension, ResultFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Grouping rg = grouping(dimension, "rc.customer_id", "rc");
        Map<String, long[]> rates = new HashMap<>();
        jdbc.query(
                "SELECT " + rg.key() + " AS k, COUNT(*), COALESCE(SUM(rc.status = 'ANSWERED'), 0)"
                        + " FROM survey_recipient rc" + rg.join() + " WHERE " + recipients(filter, p)
                        + " GROUP BY 1",
                p,
                rs -> {
                    rates.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        return rates;
    }

    /** Months in order; other groups by responses (most first), the group without a value last. */
    private static java.util.Comparator<ResultRow> order(ResultDimension dimension) {
        return dimension == ResultDimension.MONTH
                ? java.util.Comparator.comparing(ResultRow::key, java.util.Comparator.nullsLast(String::compareTo))
                : java.util.Comparator.comparing((ResultRow r) -> r.key() == null)
                        .thenComparing(r -> -r.scores().responses())
                        .thenComparing(ResultRow::key, java.util.Comparator.nullsLast(String::compareTo));
    }

    /** Each question of the filter's survey with its answers counted; the filter must name a survey. */
    public List<QuestionResult> questions(ResultFilter filter) {
        if (filter.surveyId() == null) {
            throw new IllegalArgumentException("survey");
        }
        SurveyForm form = surveys.form(filter.surveyId());
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = responses(filter, p);
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        if (onlySurvey(filter)) {
            // every answer of the survey counts: each question's scores and options straight from the answer
            // indexes (question, score) and (question, option), with no response row read
            countAnswersOf(form, counts);
        } else {
            jdbc.query(
                    "SELECT a.question_id, COALESCE(CAST(a.score AS CHAR), CAST(a.option_id AS CHAR)), COUNT(*)"
                            + " FROM survey_response r JOIN survey_answer a ON a.response_id = r.id"
                            + " WHERE " + where
                            + " AND a.text_value IS NULL GROUP BY a.question_id, a.score, a.option_id",
                    p,
                    rs -> {
                        counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .merge(rs.getString(2), rs.getLong(3), Long::sum);
                    });
        }
        List<QuestionResult> results = new ArrayList<>();
        for (SurveyForm.Question q : form.questions()) {
            Map<String, Long> c = counts.getOrDefault(q.id(), Map.of());
            List<QuestionResult.Bucket> buckets = new ArrayList<>();
            switch (q.kind()) {
                case NPS, CSAT, CES -> {
                    for (int s = q.kind().min(); s <= q.kind().max(); s++) {
                        buckets.add(new QuestionResult.Bucket(
                                String.valueOf(s), null, c.getOrDefault(String.valueOf(s), 0L)));
                    }
                }
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                    for (SurveyForm.Option o : q.options()) {
                        String key = String.valueOf(o.id());
                        buckets.add(new QuestionResult.Bucket(key, o.text(), c.getOrDefault(key, 0L)));
                    }
                }
                case FREE_TEXT -> {}
            }
            long answers;
            List<String> texts = List.of();
            if (q.kind() == QuestionKind.FREE_TEXT) {
                MapSqlParameterSource tp =
                        new MapSqlParameterSource().addValues(p.getValues()).addValue("question", q.id());
                answers = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_response r JOIN survey_answer a ON a.response_id = r.id"
                                + " WHERE " + where + " AND a.question_id = :question AND a.text_value IS NOT NULL",
                        tp,
                        Long.class);
                texts = jdbc.queryForList(
                        "SELECT a.text_value FROM survey_response r JOIN survey_answer a ON a.response_id = r.id"
                                + " WHERE " + where + " AND a.question_id = :question AND a.text_value IS NOT NULL"
                                + " ORDER BY r.answered_at DESC, r.id DESC LIMIT " + LATEST_TEXTS,
                        tp,
                        String.class);
            } else if (q.kind() == QuestionKind.MULTIPLE_CHOICE) {
                // one answer row per chosen option: count the respondents, not the ticks
                MapSqlParameterSource tp =
                        new MapSqlParameterSource().addValues(p.getValues()).addValue("question", q.id());
                answers = jdbc.queryForObject(
                        "SELECT COUNT(DISTINCT a.response_id) FROM survey_response r JOIN survey_answer a"
                                + " ON a.response_id = r.id WHERE " + where + " AND a.question_id = :question",
                        tp,
                        Long.class);
            } else {
                answers =
                        buckets.stream().mapToLong(QuestionResult.Bucket::count).sum();
            }
            results.add(new QuestionResult(q, answers, buckets, texts));
        }
        return results;
    }

    /**
     * The breakdown as a workbook for people (one sheet: the filter, then a row per group with every figure), in
     * the reader's language; figures are numbers, a missing one an empty cell.
     */
    public void exportBreakdown(ResultDimension dimension, ResultFilter filter, Locale locale, OutputStream out) {
        List<ResultRow> rows = breakdown(dimension, filter);
        String dim = t(locale, "survey.results.by." + dimension.name());
        List<DocumentWorkbook.Field> header = new ArrayList<>();
        header.add(new DocumentWorkbook.Field(
                t(locale, "survey.results.filter.survey"),
                filter.surveyId() == null
                        ? t(locale, "survey.results.all-surveys")
                        : surveys.get(filter.surveyId()).name()));
        header.add(new DocumentWorkbook.Field(
                t(locale, "survey.results.filter.channel"),
                filter.channel() == null
                        ? t(locale, "survey.results.all-channels")
                        : t(locale, "enum.CampaignChannel." + filter.channel().name())));
        header.add(new DocumentWorkbook.Field(t(locale, "survey.results.filter.from"), filter.from()));
        header.add(new DocumentWorkbook.Field(t(locale, "survey.results.filter.to"), filter.to()));
        List<String> columns = List.of(
                dim,
                t(locale, "survey.results.col.responses"),
                t(locale, "survey.results.col.recipients"),
                t(locale, "survey.results.col.rate"),
                t(locale, "survey.results.col.nps"),
                t(locale, "survey.results.col.promoters"),
                t(locale, "survey.results.col.passives"),
                t(locale, "survey.results.col.detractors"),
                t(locale, "survey.results.col.csat"),
                t(locale, "survey.results.col.ces"));
        List<List<Object>> table = new ArrayList<>();
        for (ResultRow r : rows) {
            List<Object> line = new ArrayList<>();
            line.add(groupLabel(dimension, r, locale));
            line.add(r.scores().responses());
            line.add(r.recipients());
            line.add(r.responseRate());
            line.add(r.scores().nps());
            line.add(r.scores().promoters());
            line.add(r.scores().passives());
            line.add(r.scores().detractors());
            line.add(r.scores().csatPercent());
            line.add(r.scores().cesAverage());
            table.add(line);
        }
        ResultRow all = overview(filter);
        new DocumentWorkbook(
                        t(locale, "survey.results.sheet"),
                        t(locale, "survey.results.export-title", dim),
                        header,
                        columns,
                        table,
                        List.of(
                                new DocumentWorkbook.Field(
                                        t(locale, "survey.results.col.responses"),
                                        all.scores().responses()),
                                new DocumentWorkbook.Field(
                                        t(locale, "survey.results.col.nps"),
                                        all.scores().nps())))
                .write(out);
    }

    /** A group's name for people: the database's label, a translated month or enum name, or "none". */
    public String groupLabel(ResultDimension dimension, ResultRow row, Locale locale) {
        if (row.key() == null) {
            return t(locale, "survey.results.none." + dimension.name());
        }
        return switch (dimension) {
            case MONTH -> row.key();
            case ACQUISITION_METHOD -> t(locale, "enum.AcquisitionMethod." + row.key());
            case SURVEY_CHANNEL -> t(locale, "enum.CampaignChannel." + row.key());
            default -> row.label() == null ? row.key() : row.label();
        };
    }

    private String t(Locale locale, String key, Object... args) {
        return i18n.getTranslation(key, locale, args);
    }

    private static boolean onlySurvey(ResultFilter f) {
        return f.campaignId() == null && f.channel() == null && f.from() == null && f.to() == null;
    }

    private void countAnswersOf(SurveyForm form, Map<Long, Map<String, Long>> counts) {
        List<Long> scored = form.questions().stream()
                .filter(q -> q.kind().scored())
                .map(SurveyForm.Question::id)
                .toList();
        List<Long> choices = form.questions().stream()
                .filter(q -> q.kind().choice())
                .map(SurveyForm.Question::id)
                .toList();
        if (!scored.isEmpty()) {
            jdbc.query(
                    "SELECT a.question_id, a.score, COUNT(*) FROM survey_answer a"
                            + " WHERE a.question_id IN (:ids) AND a.score IS NOT NULL GROUP BY a.question_id, a.score",
                    new MapSqlParameterSource("ids", scored),
                    rs -> {
                        counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    });
        }
        if (!choices.isEmpty()) {
            jdbc.query(
                    "SELECT a.question_id, a.option_id, COUNT(*) FROM survey_answer a"
                            + " WHERE a.question_id IN (:ids) AND a.option_id IS NOT NULL"
                            + " GROUP BY a.question_id, a.option_id",
                    new MapSqlParameterSource("ids", choices),
                    rs -> {
                        counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    });
        }
    }

    /** The surveys results can be filtered by, newest first. */
    public List<SurveyRow> surveys() {
        return surveys.list();
    }

    // ---- SQL

    /** How one dimension groups a row whose customer id is {@code customerId}, and how its key is labelled. */
    private record Grouping(String key, String join, java.util.function.UnaryOperator<String> labeller) {
        String label(String k) {
            return labeller.apply(k);
        }
    }

    private static Grouping grouping(ResultDimension d, String customerId, String alias) {
        return switch (d) {
            case MONTH ->
                new Grouping(
                        // a number (202611) groups faster than a formatted string; month() writes it as 2026-11
                        "EXTRACT(YEAR_MONTH FROM " + alias + ".answered_at + INTERVAL " + zoneOffsetSeconds()
                                + " SECOND)",
                        "",
                        k -> "NULL");
            case SEGMENT ->
                new Grouping("sm.segment_id", SegmentQueries.membershipJoin("sm", customerId), SegmentQueries::name);
            // a response keeps its respondent's channel, method and tier as they were when they answered; a
            // recipient is grouped by the customer as they are now
            case SOURCE_CHANNEL ->
                "r".equals(alias)
                        ? new Grouping("r.source_channel_id", "", ChannelQueries::name)
                        : new Grouping(
                                CustomerQueries.sourceChannel("cu"),
                                CustomerQueries.join("cu", customerId),
                                ChannelQueries::name);
            case ACQUISITION_METHOD ->
                "r".equals(alias)
                        ? new Grouping("r.acquisition_method", "", k -> "NULL")
                        : new Grouping(
                                CustomerQueries.acquisitionMethodOf("cu"),
                                CustomerQueries.join("cu", customerId),
                                k -> "NULL");
            case PRICE_TIER ->
                "r".equals(alias)
                        ? new Grouping("r.tier_id", "", TierQueries::name)
                        : new Grouping("tq.tier_id", TierQueries.join("tq", customerId), TierQueries::name);
            case SURVEY_CHANNEL ->
                new Grouping(
                        "rc".equals(alias)
                                ? "(SELECT scx.channel FROM survey_campaign scx WHERE scx.id = rc.campaign_id)"
                                : "r.channel",
                        "",
                        k -> "NULL");
            case CAMPAIGN ->
                new Grouping(
                        alias + ".campaign_id",
                        "",
                        k -> "(SELECT scn.name FROM survey_campaign scn WHERE scn.id = " + k + ")");
        };
    }

    /** A month as the database groups it ({@code 202611}) written as keys are ({@code 2026-11}). */
    private static String month(String yearMonth) {
        return yearMonth == null ? null : yearMonth.substring(0, 4) + "-" + yearMonth.substring(4);
    }

    /** The business zone's offset now; the zone is a fixed-offset one (Asia/Shanghai) unless configured otherwise. */
    private static int zoneOffsetSeconds() {
        return BusinessTime.ZONE.getRules().getOffset(Instant.now()).getTotalSeconds();
    }

    /** The responses the filter takes, as a condition on {@code r}. */
    private static String responses(ResultFilter f, MapSqlParameterSource p) {
        StringBuilder w = new StringBuilder("1 = 1");
        if (f.surveyId() != null) {
            w.append(" AND r.survey_id = :survey");
            p.addValue("survey", f.surveyId());
        }
        if (f.campaignId() != null) {
            w.append(" AND r.campaign_id = :campaign");
            p.addValue("campaign", f.campaignId());
        }
        if (f.channel() != null) {
            w.append(" AND r.channel = :channel");
            p.addValue("channel", f.channel().name());
        }
        if (f.from() != null) {
            w.append(" AND r.answered_at >= :from");
            p.addValue("from", startOf(f.from()));
        }
        if (f.to() != null) {
            w.append(" AND r.answered_at < :until");
            p.addValue("until", startOf(f.to().plusDays(1)));
        }
        return w.toString();
    }

    /** The recipients of the campaigns the filter takes (those sent, overlapping the period), as a condition on rc. */
    private static String recipients(ResultFilter f, MapSqlParameterSource p) {
        StringBuilder w = new StringBuilder(
                "rc.campaign_id IN (SELECT sc.id FROM survey_campaign sc WHERE sc.sent_at IS NOT NULL");
        if (f.surveyId() != null) {
            w.append(" AND sc.survey_id = :survey");
            p.addValue("survey", f.surveyId());
        }
        if (f.campaignId() != null) {
            w.append(" AND sc.id = :campaign");
            p.addValue("campaign", f.campaignId());
        }
        if (f.channel() != null) {
            w.append(" AND sc.channel = :channel");
            p.addValue("channel", f.channel().name());
        }
        if (f.from() != null) {
            w.append(" AND sc.closes_at > :from");
            p.addValue("from", startOf(f.from()));
        }
        if (f.to() != null) {
            w.append(" AND sc.opens_at < :until");
            p.addValue("until", startOf(f.to().plusDays(1)));
        }
        return w.append(")").toString();
    }

    /** The first instant of a business day as the DATETIME columns hold it (UTC). */
    private static Timestamp startOf(LocalDate day) {
        Instant start = day.atStartOfDay(BusinessTime.ZONE).toInstant();
        return Timestamp.valueOf(LocalDateTime.ofInstant(start, ZoneOffset.UTC));
    }

    private static Scores scores(ResultSet rs) throws SQLException {
        return new Scores(
                rs.getLong("responses"),
                rs.getLong("nps_n"),
                rs.getLong("promoters"),
                rs.getLong("detractors"),
                rs.getLong("csat_n"),
                rs.getLong("csat_top"),
                rs.getLong("ces_n"),
                rs.getLong("ces_sum"));
    }
}
