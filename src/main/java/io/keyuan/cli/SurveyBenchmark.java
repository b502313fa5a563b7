package io.keyuan.cli;

import static io.keyuan.segmentation.RuleNode.when;

import io.keyuan.exchange.WorkbookRows;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignDraft;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.ResultDimension;
import io.keyuan.survey.ResultFilter;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.SurveyResultsService;
import io.keyuan.survey.SurveyRow;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.SurveyStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Satisfaction at scale, at 1,000,000 customers:
 *
 * <ul>
 *   <li>{@code results_500k_ms}: what the results page asks when a manager opens one survey with 500,000 responses
 *       (the scores, the monthly trend, the breakdown by source channel and every question's answers), against
 *       the floor of one plain pass over the same responses;
 *   <li>{@code campaign_send_100k_seconds}: sending an online campaign to a segment of 100,000 customers through
 *       the campaign service and its job (recipients frozen with a link token each, the links workbook written),
 *       against the floor of a bare INSERT … SELECT of the same 100,000 recipient rows;
 *   <li>{@code public_answer_p95_ms}: a respondent opening their link and submitting three answers, through the
 *       public answer service as the page calls it (hash lookup, rate limits, checks, response, answers, the
 *       event), for recipients of that campaign from distinct addresses. Not over HTTP: the command line runs no
 *       web server.
 * </ul>
 *
 * Its survey has the code {@value #SURVEY_CODE}; its responses belong to the campaign "{@value #CAMPAIGN}" and are
 * written straight to the tables (in JDBC batches) when their number differs from the one asked for. The send
 * segment's membership is written directly too: the bench measures the send, not a membership refresh.
 */
@Component
class SurveyBenchmark {
    static final String SURVEY_CODE = "BENCH-SURVEY";
    static final String CAMPAIGN = "BENCH survey responses";
    static final String RULE_SET = "BENCH survey send";
    private static final Pattern TOKEN = Pattern.compile("/a/([A-Za-z0-9_-]+)$");

    private final JdbcTemplate jdbc;
    private final DemoSeeder seeder;
    private final SurveyService surveys;
    private final CampaignService campaigns;
    private final SurveyResultsService results;
    private final PublicAnswerService answers;
    private final SegmentService segments;
    private final JobService jobs;

    SurveyBenchmark(
            JdbcTemplate jdbc,
            DemoSeeder seeder,
            SurveyService surveys,
            CampaignService campaigns,
            SurveyResultsService results,
            PublicAnswerService answers,
            SegmentService segments,
            JobService jobs) {
        this.jdbc = jdbc;
        this.seeder = seeder;
        this.surveys = surveys;
        this.campaigns = campaigns;
        this.results = results;
        this.answers = answers;
        this.segments = segments;
        this.jobs = jobs;
    }

    int run(Options o) {
        int customers = (int) o.longFlag("customers", 1_000_000, 1_000, 5_000_000);
        int responses = (int) o.longFlag("responses", 500_000, 1_000, 5_000_000);
        int recipients = (int) o.longFlag("recipients", 100_000, 100, 1_000_000);
        int submits = (int) o.longFlag("submits", 500, 10, 100_000);
        Timing.printServer(jdbc);
        System.out.printf(
                "# %d cores, JVM %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        seeder.ensureCustomers("survey", customers);
        return SystemActor.call(() -> measure(Math.min(recipients, customers), responses, submits));
    }

    private int measure(int recipients, int responses, int submits) {
        SurveyDetail survey = ensureSurvey();
        SurveyForm form = surveys.form(survey.id());
        ensureResponses(survey.id(), responses);

        // Results: the page's queries for the survey, and the floor of one plain pass over its responses.
        ResultFilter filter = ResultFilter.all().withSurvey(survey.id());
        double page = Timing.median(
                1,
                5,
                () -> results.page(filter, ResultDimension.SOURCE_CHANNEL)
                        .overview()
                        .scores()
                        .responses());
        double[] parts = new double[ResultDimension.values().length];
        for (ResultDimension d : ResultDimension.values()) {
            parts[d.ordinal()] =
                    Timing.median(0, 1, () -> results.breakdown(d, filter).size());
        }
        double questions = Timing.median(0, 3, () -> results.questions(filter).size());
        double scan = Timing.median(
                1,
                5,
                () -> jdbc.queryForObject(
                        "SELECT COUNT(*) + COALESCE(SUM(nps_score), 0) FROM survey_response WHERE survey_id = ?",
                        Long.class,
                        survey.id()));
        StringBuilder each = new StringBuilder("# results: questions " + Math.round(questions) + " ms; breakdown by");
        for (ResultDimension d : ResultDimension.values()) {
            each.append(' ')
                    .append(d.name().toLowerCase(java.util.Locale.ROOT))
                    .append(' ')
                    .append(Math.round(parts[d.ordinal()]))
                    .append(" ms");
        }
        System.out.println(each);

        // Sending: a segment of the first N customers, an online campaign to it, the job to its end. The campaigns
        // of earlier runs go first, with the answers they took.
        jdbc.update("DELETE r FROM survey_response r JOIN survey_campaign c ON c.id = r.campaign_id"
                + " WHERE c.name LIKE 'BENCH send %'");
        jdbc.update("DELETE FROM survey_campaign WHERE name LIKE 'BENCH send %'");
        SegmentSummary segment = ensureSendSegment(recipients);
        Instant now = Instant.now();
        CampaignDetail draft = campaigns.save(new CampaignDraft(
                null,
                0,
                "BENCH send " + now,
                survey.id(),
                CampaignChannel.ONLINE,
                segment.id(),
                null,
                now.minus(1, ChronoUnit.HOURS),
                now.plus(7, ChronoUnit.DAYS)));
        long sendStarted = System.nanoTime();
        JobId job = campaigns.send(draft.id(), draft.version());
        JobView sent = jobs.await(job, Duration.ofMinutes(10));
        double sendSeconds = (System.nanoTime() - sendStarted) / 1e9;
        if (sent.status() != JobStatus.SUCCEEDED) {
            throw new CommandException("the bench campaign was not sent: " + sent.status() + " " + sent.errorKey());
        }
        double sendFloor = Timing.median(1, 3, () -> {
            jdbc.execute("DROP TEMPORARY TABLE IF EXISTS bench_recipient_floor");
            jdbc.execute("CREATE TEMPORARY TABLE bench_recipient_floor LIKE survey_recipient");
            return jdbc.update(
                    "INSERT INTO bench_recipient_floor (campaign_id, customer_id, token_hash, status)"
                            + " SELECT ?, customer_id, UNHEX(SHA2(customer_id, 256)), 'PENDING' FROM segment_membership"
                            + " WHERE segment_id = ?",
                    draft.id(),
                    segment.id());
        });
        jdbc.execute("DROP TEMPORARY TABLE IF EXISTS bench_recipient_floor");

        // Answering: open + submit through the public service, each from its own address.
        List<String> tokens = tokens(job, submits + 50);
        long npsQuestion = form.questions().get(0).id();
        long csatQuestion = form.questions().get(1).id();
        long cesQuestion = form.questions().get(2).id();
        Random random = new Random(11);
        double[] times = new double[Math.min(submits, tokens.size() - 50)];
        for (int i = 0; i < tokens.size(); i++) {
            String address = "10." + (i / 65_536 % 256) + "." + (i / 256 % 256) + "." + (i % 256);
            List<AnswerInput> given = List.of(
                    AnswerInput.score(npsQuestion, random.nextInt(11)),
                    AnswerInput.score(csatQuestion, 1 + random.nextInt(5)),
                    AnswerInput.score(cesQuestion, 1 + random.nextInt(7)));
            long t = System.nanoTime();
            answers.open(tokens.get(i), address);
            answers.submit(tokens.get(i), address, given);
            if (i >= 50) { // the first 50 warm up
                times[i - 50] = (System.nanoTime() - t) / 1e6;
            }
            if (i - 50 + 1 >= times.length) {
                break;
            }
        }
        Arrays.sort(times);

        System.out.printf("BENCH survey.results_500k_ms %.1f ms%n", page);
        System.out.printf("BENCH survey.results_scan_floor_ms %.1f ms%n", scan);
        System.out.printf("BENCH survey.results_ratio_to_floor %.2f x%n", page / scan);
        System.out.printf("BENCH survey.campaign_send_100k_seconds %.2f s%n", sendSeconds);
        System.out.printf("BENCH survey.campaign_send_floor_seconds %.2f s%n", sendFloor / 1000);
        System.out.printf("BENCH survey.campaign_send_ratio_to_floor %.2f x%n", sendSeconds * 1000 / sendFloor);
        System.out.printf("BENCH survey.public_answer_p50_ms %.2f ms%n", times[times.length / 2]);
        System.out.printf("BENCH survey.public_answer_p95_ms %.2f ms%n", Timing.percentile(times, 95));
        System.out.printf(
                "# %,d responses to the bench survey, %,d recipients sent to, %,d answers timed; targets: results"
                        + " under 1 s, send under 10 s, answer p95 under 50 ms%n",
                responses, sent.summary().getOrDefault("recipients", 0), times.length);
        return 0;
    }

    /**
     * The links of the job's result workbook (only the job's owner may read it), in row order, read through the
     * exchange module's streaming reader until {@code wanted} are found.
     */
    private List<String> tokens(JobId job, int wanted) {
        try {
            Path file = Files.createTempFile("bench-links-", ".xlsx");
            try {
                try (OutputStream out = Files.newOutputStream(file)) {
                    jobs.download(job).transferTo(out);
                }
                List<String> tokens = new ArrayList<>();
                WorkbookRows.read(file, cells -> {
                    for (String cell : cells) {
                        Matcher m = TOKEN.matcher(cell == null ? "" : cell);
                        if (m.find()) {
                            tokens.add(m.group(1));
                        }
                    }
                    return tokens.size() < wanted;
                });
                return tokens;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SurveyDetail ensureSurvey() {
        for (SurveyRow r : surveys.list()) {
            if (r.code().equals(SURVEY_CODE)) {
                return surveys.get(r.id());
            }
        }
        return surveys.save(new SurveyDraft(
                null,
                0,
                SURVEY_CODE,
                "BENCH satisfaction",
                SurveyStatus.ACTIVE,
                List.of(
                        new QuestionDraft(QuestionKind.NPS, true, LocalizedText.of("推荐吗？"), List.of()),
                        new QuestionDraft(QuestionKind.CSAT, false, LocalizedText.of("满意吗？"), List.of()),
                        new QuestionDraft(QuestionKind.CES, false, LocalizedText.of("费力吗？"), List.of()),
                        new QuestionDraft(
                                QuestionKind.SINGLE_CHOICE,
                                false,
                                LocalizedText.of("从哪里知道我们？"),
                                List.of(LocalizedText.of("朋友"), LocalizedText.of("广告"), LocalizedText.of("展会"))))));
    }

    /**
     * {@code wanted} responses to the survey in the bench campaign: random customers, channels, days of the last
     * year and scores, with their answer rows; written again when their number differs.
     */
    private void ensureResponses(long surveyId, int wanted) {
        Long campaign =
                jdbc.queryForList("SELECT id FROM survey_campaign WHERE name = ?", Long.class, CAMPAIGN).stream()
                        .findFirst()
                        .orElse(null);
        if (campaign != null) {
            long have = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM survey_response WHERE campaign_id = ?", Long.class, campaign);
            System.out.printf("# survey: %,d bench responses present, %,d wanted%n", have, wanted);
            if (have == wanted) {
                return;
            }
            jdbc.update("DELETE FROM survey_response WHERE campaign_id = ?", campaign);
        } else {
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.update(
                    "INSERT INTO survey_campaign (name, survey_id, channel, status, opens_at, closes_at, sent_at,"
                            + " closed_at, version, created_at, created_by, updated_at, updated_by) VALUES (?, ?,"
                            + " 'ONLINE', 'CLOSED', ?, ?, ?, ?, 0, ?, 'bench', ?, 'bench')",
                    CAMPAIGN,
                    surveyId,
                    now,
                    new Timestamp(now.getTime() + 1000),
                    now,
                    now,
                    now,
                    now);
            campaign = jdbc.queryForObject("SELECT id FROM survey_campaign WHERE name = ?", Long.class, CAMPAIGN);
        }
        List<Long> questions = jdbc.queryForList(
                "SELECT id FROM survey_question WHERE survey_id = ? ORDER BY position", Long.class, surveyId);
        List<Long> options = jdbc.queryForList(
                "SELECT id FROM survey_question_option WHERE question_id = ? ORDER BY position",
                Long.class,
                questions.get(3));
        long maxCustomer = jdbc.queryForObject("SELECT MAX(id) FROM customer", Long.class);
        long minCustomer = jdbc.queryForObject("SELECT MIN(id) FROM customer", Long.class);
        long started = System.nanoTime();
        Random random = new Random(3);
        String[] channels = {"ONLINE", "EMAIL", "PHONE"};
        LocalDateTime yearAgo = LocalDateTime.now(ZoneOffset.UTC).minusDays(365);
        long firstId = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM survey_response", Long.class);
        int batch = 5_000;
        long finalCampaign = campaign;
        for (int done = 0; done < wanted; done += batch) {
            int n = Math.min(batch, wanted - done);
            long base = firstId + done;
            Object[][] rows = new Object[n][];
            for (int i = 0; i < n; i++) {
                Integer nps = random.nextInt(10) == 0 ? null : random.nextInt(11);
                Integer csat = random.nextInt(4) == 0 ? null : 1 + random.nextInt(5);
                Integer ces = random.nextInt(3) == 0 ? null : 1 + random.nextInt(7);
                long customer = minCustomer + (long) (random.nextDouble() * (maxCustomer - minCustomer));
                rows[i] = new Object[] {
                    base + i,
                    customer,
                    channels[random.nextInt(3)],
                    Timestamp.valueOf(yearAgo.plusMinutes(random.nextInt(365 * 24 * 60))),
                    nps,
                    csat,
                    ces,
                    options.get(random.nextInt(options.size()))
                };
            }
            jdbc.batchUpdate(
                    "INSERT INTO survey_response (id, campaign_id, survey_id, customer_id, channel, answered_at,"
                            + " nps_score, csat_score, ces_score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Arrays.asList(rows),
                    n,
                    (PreparedStatement ps, Object[] r) -> {
                        ps.setLong(1, (Long) r[0]);
                        ps.setLong(2, finalCampaign);
                        ps.setLong(3, surveyId);
                        ps.setLong(4, (Long) r[1]);
                        ps.setString(5, (String) r[2]);
                        ps.setTimestamp(6, (Timestamp) r[3]);
                        ps.setObject(7, r[4]);
                        ps.setObject(8, r[5]);
                        ps.setObject(9, r[6]);
                    });
            List<Object[]> answerRows = new ArrayList<>(n * 4);
            for (Object[] r : rows) {
                for (int q = 0; q < 3; q++) {
                    if (r[4 + q] != null) {
                        answerRows.add(new Object[] {r[0], questions.get(q), r[4 + q], null});
                    }
                }
                answerRows.add(new Object[] {r[0], questions.get(3), null, r[7]});
            }
            jdbc.batchUpdate(
                    "INSERT INTO survey_answer (response_id, question_id, score, option_id) VALUES (?, ?, ?, ?)",
                    answerRows);
        }
        // who answered, as the recorder keeps them with each response
        jdbc.update(
                "UPDATE survey_response r JOIN customer c ON c.id = r.customer_id SET r.source_channel_id ="
                        + " c.source_channel_id, r.acquisition_method = c.acquisition_method WHERE r.campaign_id = ?",
                finalCampaign);
        jdbc.update(
                "UPDATE survey_response r JOIN customer_price_tier t ON t.customer_id = r.customer_id"
                        + " SET r.tier_id = t.tier_id WHERE r.campaign_id = ?",
                finalCampaign);
        System.out.printf(
                "# survey: %,d responses with their answers written in %.1f s%n",
                wanted, (System.nanoTime() - started) / 1e9);
    }

    /** A segment whose members are the first {@code n} customers by id (membership rows written directly). */
    private SegmentSummary ensureSendSegment(int n) {
        RuleSetSummary set = segments.ruleSets().stream()
                .filter(s -> s.name().equals(RULE_SET))
                .findFirst()
                .orElseGet(() -> segments.createRuleSet(RULE_SET, RuleSetMode.OVERLAPPING));
        SegmentSummary segment = segments.segments(set.id()).stream()
                .findFirst()
                .orElseGet(() -> segments.createSegment(
                        set.id(), "BENCH send audience", when(SegmentField.NAME, Operator.EQ, "无此人"), null));
        long members = jdbc.queryForObject(
                "SELECT COUNT(*) FROM segment_membership WHERE segment_id = ?", Long.class, segment.id());
        if (members != n) {
            jdbc.update("DELETE FROM segment_membership WHERE segment_id = ?", segment.id());
            jdbc.update(
                    "INSERT INTO segment_membership (segment_id, customer_id, entered_at)"
                            + " SELECT ?, id, NOW(6) FROM customer ORDER BY id LIMIT " + n,
                    segment.id());
        }
        return segment;
    }
}
