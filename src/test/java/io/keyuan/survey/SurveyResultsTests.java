package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pricing.TestPricing;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * NPS, CSAT, CES and response rates as the results' SQL counts them, against a small case worked out by hand:
 * five recipients, four answers.
 *
 * <pre>
 *   customer  acquisition  tier   NPS  CSAT  CES  choice  text
 *   c0        REFERRAL     VIP    10   5     2    A
 *   c1        REFERRAL     VIP     9   4     -    A
 *   c2        REFERRAL     -       6   2     5    B
 *   c3        ADVERTISING  -       8   3     7    -       "&lt;b&gt;差&lt;/b&gt;"
 *   c4        ADVERTISING  -      (no answer)
 * </pre>
 *
 * All: NPS (2 promoters − 1 detractor) / 4 = 25.0; CSAT 2 of 4 = 50.0 %; CES 14 / 3 = 4.67; 4 of 5 answered =
 * 80.0 %. REFERRAL: NPS 1 / 3 = 33.3, CSAT 66.7 %, CES 3.50, 3 of 3. ADVERTISING: NPS 0.0, CSAT 0.0 %, CES 7.00,
 * 1 of 2. VIP: NPS 100.0, CSAT 100.0 %, CES 2.00, 2 of 2; no tier: NPS −50.0, CSAT 0.0 %, CES 6.00, 2 of 3.
 */
@KeyuanIntegrationTest
class SurveyResultsTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    SurveyResultsService results;

    @Autowired
    PublicAnswerService answers;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    TestSurveys fixtures;
    SurveyDetail survey;
    SurveyForm form;
    TestSurveys.World world;
    TestSurveys.Sent sent;
    long vipTier;

    @BeforeEach
    void answered() {
        TestSurveys.forgetRateLimits(context);
        fixtures = TestSurveys.from(context);
        survey = SystemActor.call(() -> fixtures.surveys.save(new SurveyDraft(
                null,
                0,
                "R-" + TestData.unique(),
                "结果 " + TestData.unique(),
                SurveyStatus.ACTIVE,
                List.of(
                        new QuestionDraft(QuestionKind.NPS, true, LocalizedText.of("推荐吗？"), List.of()),
                        new QuestionDraft(QuestionKind.CSAT, false, LocalizedText.of("满意吗？"), List.of()),
                        new QuestionDraft(QuestionKind.CES, false, LocalizedText.of("费力吗？"), List.of()),
                        new QuestionDraft(
                                QuestionKind.SINGLE_CHOICE,
                                false,
                                LocalizedText.of("哪个？"),
                                List.of(LocalizedText.of("A"), LocalizedText.of("B"))),
                        new QuestionDraft(QuestionKind.FREE_TEXT, false, LocalizedText.of("还有吗？"), List.of())))));
        form = SystemActor.call(() -> fixtures.surveys.form(survey.id()));
        world = fixtures.segmentOf(5);
        AcquisitionMethod[] how = {
            AcquisitionMethod.REFERRAL,
            AcquisitionMethod.REFERRAL,
            AcquisitionMethod.REFERRAL,
            AcquisitionMethod.ADVERTISING,
            AcquisitionMethod.ADVERTISING
        };
        for (int i = 0; i < 5; i++) {
            int n = i;
            SystemActor.run(() -> {
                Customer fresh = customers.get(world.members().get(n).getId());
                fresh.setAcquisitionMethod(how[n]);
                customers.save(fresh);
            });
        }
        TestPricing pricing = new TestPricing(jdbc, events);
        vipTier = pricing.tier("RV", "结果贵宾");
        pricing.customerTier(world.members().get(0).getId(), vipTier);
        pricing.customerTier(world.members().get(1).getId(), vipTier);

        sent = fixtures.send(fixtures.draft(
                survey.id(), CampaignChannel.ONLINE, world.segment().id(), null));
        assertThat(sent.tokens()).hasSize(5);
        answer(0, 10, 5, 2, 0, null);
        answer(1, 9, 4, null, 0, null);
        answer(2, 6, 2, 5, 1, null);
        answer(3, 8, 3, 7, null, "<b>差</b>");
    }

    /** Answers through the customer's own link (tokens come in customer order); null leaves a question blank. */
    private void answer(int customer, int nps, int csat, Integer ces, Integer option, String text) {
        List<SurveyForm.Question> q = form.questions();
        List<AnswerInput> given = new java.util.ArrayList<>();
        given.add(AnswerInput.score(q.get(0).id(), nps));
        given.add(AnswerInput.score(q.get(1).id(), csat));
        if (ces != null) {
            given.add(AnswerInput.score(q.get(2).id(), ces));
        }
        if (option != null) {
            given.add(AnswerInput.choice(
                    q.get(3).id(), q.get(3).options().get(option).id()));
        }
        if (text != null) {
            given.add(AnswerInput.text(q.get(4).id(), text));
        }
        answers.submit(sent.tokens().get(customer), "203.0.113." + customer, given);
    }

    private ResultFilter mine() {
        return ResultFilter.all().withCampaign(sent.campaign().id());
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void nps_csat_ces_and_the_response_rate_are_counted_in_sql_as_worked_out_by_hand() {
        ResultRow all = SystemActor.call(() -> results.overview(mine()));

        assertThat(all.scores().responses()).isEqualTo(4);
        assertThat(all.scores().promoters()).isEqualTo(2);
        assertThat(all.scores().passives()).isEqualTo(1);
        assertThat(all.scores().detractors()).isEqualTo(1);
        assertThat(all.scores().nps()).isEqualTo(d("25.0"));
        assertThat(all.scores().csatPercent()).isEqualTo(d("50.0"));
        assertThat(all.scores().cesAverage()).isEqualTo(d("4.67"));
        assertThat(all.recipients()).isEqualTo(5);
        assertThat(all.answered()).isEqualTo(4);
        assertThat(all.responseRate()).isEqualTo(d("80.0"));
        // the same through the survey's filter
        assertThat(SystemActor.call(() -> results.overview(ResultFilter.all().withSurvey(survey.id())))
                        .scores())
                .isEqualTo(all.scores());
    }

    @Test
    void breakdowns_by_acquisition_method_tier_segment_and_month_each_count_their_own_group() {
        Map<String, ResultRow> byHow =
                SystemActor.call(() -> results.breakdown(ResultDimension.ACQUISITION_METHOD, mine())).stream()
                        .collect(Collectors.toMap(ResultRow::key, Function.identity()));
        assertThat(byHow).containsOnlyKeys("REFERRAL", "ADVERTISING");
        ResultRow referral = byHow.get("REFERRAL");
        assertThat(referral.scores().responses()).isEqualTo(3);
        assertThat(referral.scores().nps()).isEqualTo(d("33.3"));
        assertThat(referral.scores().csatPercent()).isEqualTo(d("66.7"));
        assertThat(referral.scores().cesAverage()).isEqualTo(d("3.50"));
        assertThat(referral.responseRate()).isEqualTo(d("100.0"));
        ResultRow ads = byHow.get("ADVERTISING");
        assertThat(ads.scores().nps()).isEqualTo(d("0.0"));
        assertThat(ads.scores().csatPercent()).isEqualTo(d("0.0"));
        assertThat(ads.scores().cesAverage()).isEqualTo(d("7.00"));
        assertThat(ads.recipients()).isEqualTo(2);
        assertThat(ads.responseRate()).isEqualTo(d("50.0"));

        List<ResultRow> byTier = SystemActor.call(() -> results.breakdown(ResultDimension.PRICE_TIER, mine()));
        assertThat(byTier).hasSize(2);
        assertThat(byTier.get(0).key()).isEqualTo(String.valueOf(vipTier));
        assertThat(byTier.get(0).label()).startsWith("结果贵宾");
        assertThat(byTier.get(0).scores().nps()).isEqualTo(d("100.0"));
        assertThat(byTier.get(0).scores().csatPercent()).isEqualTo(d("100.0"));
        assertThat(byTier.get(0).scores().cesAverage()).isEqualTo(d("2.00"));
        assertThat(byTier.get(0).responseRate()).isEqualTo(d("100.0"));
        // respondents without a tier come last
        assertThat(byTier.get(1).key()).isNull();
        assertThat(byTier.get(1).scores().nps()).isEqualTo(d("-50.0"));
        assertThat(byTier.get(1).scores().cesAverage()).isEqualTo(d("6.00"));
        assertThat(byTier.get(1).recipients()).isEqualTo(3);
        assertThat(byTier.get(1).answered()).isEqualTo(2);

        List<ResultRow> bySegment = SystemActor.call(() -> results.breakdown(ResultDimension.SEGMENT, mine()));
        ResultRow segment = bySegment.stream()
                .filter(r -> String.valueOf(world.segment().id()).equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(segment.label()).endsWith(" › " + world.segment().name());
        assertThat(segment.scores().nps()).isEqualTo(d("25.0"));
        assertThat(segment.responseRate()).isEqualTo(d("80.0"));

        String month = LocalDate.now(BusinessTime.ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM"));
        List<ResultRow> byMonth = SystemActor.call(() -> results.breakdown(ResultDimension.MONTH, mine()));
        assertThat(byMonth).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(month);
            assertThat(r.scores().nps()).isEqualTo(d("25.0"));
            assertThat(r.recipients()).isNull();
        });
    }

    @Test
    void a_response_keeps_its_respondent_as_they_were_when_they_answered() {
        SystemActor.run(() -> {
            Customer c = customers.get(world.members().get(3).getId());
            c.setAcquisitionMethod(AcquisitionMethod.REFERRAL);
            customers.save(c);
        });
        Map<String, ResultRow> byHow =
                SystemActor.call(() -> results.breakdown(ResultDimension.ACQUISITION_METHOD, mine())).stream()
                        .collect(Collectors.toMap(ResultRow::key, Function.identity()));
        // c3 answered as an advertising customer: that answer stays there
        assertThat(byHow.get("ADVERTISING").scores().responses()).isEqualTo(1);
        assertThat(byHow.get("REFERRAL").scores().responses()).isEqualTo(3);
        // the response rate counts recipients as they are now: four referral customers, three of them answered
        assertThat(byHow.get("REFERRAL").recipients()).isEqualTo(4);
    }

    @Test
    void a_period_before_the_answers_counts_none_of_them() {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        ResultRow before =
                SystemActor.call(() -> results.overview(mine().withPeriod(today.minusDays(30), today.minusDays(1))));
        assertThat(before.scores()).isEqualTo(Scores.NONE);
        assertThat(before.scores().nps()).isNull();
        assertThat(before.scores().csatPercent()).isNull();
        assertThat(before.scores().cesAverage()).isNull();
        ResultRow today_ = SystemActor.call(() -> results.overview(mine().withPeriod(today, today)));
        assertThat(today_.scores().responses()).isEqualTo(4);
    }

    @Test
    void each_question_shows_its_distribution_and_the_texts_as_typed() {
        List<QuestionResult> qs = SystemActor.call(() -> results.questions(mine().withSurvey(survey.id())));
        assertThat(qs).hasSize(5);
        QuestionResult npsQ = qs.get(0);
        assertThat(npsQ.answers()).isEqualTo(4);
        assertThat(npsQ.buckets()).hasSize(11);
        Map<String, Long> nps = npsQ.buckets().stream()
                .collect(Collectors.toMap(QuestionResult.Bucket::key, QuestionResult.Bucket::count));
        assertThat(nps)
                .containsEntry("10", 1L)
                .containsEntry("9", 1L)
                .containsEntry("8", 1L)
                .containsEntry("6", 1L)
                .containsEntry("0", 0L);
        assertThat(qs.get(2).buckets()).hasSize(7);
        assertThat(qs.get(2).answers()).isEqualTo(3);
        QuestionResult choice = qs.get(3);
        assertThat(choice.buckets()).extracting(QuestionResult.Bucket::count).containsExactly(2L, 1L);
        assertThat(choice.buckets().get(0).option().in(Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("A");
        assertThat(qs.get(4).answers()).isEqualTo(1);
        assertThat(qs.get(4).latestTexts()).containsExactly("<b>差</b>");
    }

    @Test
    void a_whole_survey_counted_from_the_answer_indexes_matches_the_count_over_its_responses() {
        // the survey's answers all came through this campaign: both ways of counting see the same answers
        List<QuestionResult> fromIndexes =
                SystemActor.call(() -> results.questions(ResultFilter.all().withSurvey(survey.id())));
        List<QuestionResult> fromResponses = SystemActor.call(() -> results.questions(mine().withSurvey(survey.id())));
        assertThat(fromIndexes).isEqualTo(fromResponses);
        // and the page's overall scores, summed from its months, are the overview's
        SurveyResultsService.ResultPage page =
                SystemActor.call(() -> results.page(mine(), ResultDimension.SOURCE_CHANNEL));
        assertThat(page.overview()).isEqualTo(SystemActor.call(() -> results.overview(mine())));
        assertThat(page.questions()).isEmpty();
    }

    @Test
    void the_page_read_in_one_pass_equals_each_breakdown_read_on_its_own() {
        // the page groups by month and the dimension at once and sums; each part must be what its own query says
        for (ResultDimension by : ResultDimension.values()) {
            SurveyResultsService.ResultPage page = SystemActor.call(() -> results.page(mine(), by));
            assertThat(page.trend())
                    .as("trend with %s", by)
                    .isEqualTo(SystemActor.call(() -> results.breakdown(ResultDimension.MONTH, mine())));
            assertThat(page.breakdown())
                    .as("breakdown by %s", by)
                    .isEqualTo(SystemActor.call(() -> results.breakdown(by, mine())));
            assertThat(page.overview())
                    .as("overview with %s", by)
                    .isEqualTo(SystemActor.call(() -> results.overview(mine())));
        }
    }

    @Test
    void the_breakdown_exports_as_a_workbook_with_a_row_per_group() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SystemActor.run(() ->
                results.exportBreakdown(ResultDimension.ACQUISITION_METHOD, mine(), Locale.SIMPLIFIED_CHINESE, out));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            StringBuilder all = new StringBuilder();
            sheet.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('|')));
            assertThat(all.toString())
                    .contains("介绍")
                    .contains("广告")
                    .contains("33.3")
                    .contains("答卷数");
        }
    }

    @Test
    void staff_cannot_read_results() {
        assertThatThrownBy(() -> TestData.as("results-staff", () -> results.overview(mine()), "STAFF"))
                .isInstanceOf(AccessDeniedException.class);
    }
}
