package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test but a measurement, run on request ({@code -Dkeyuan.bench.survey=true}): sending an online campaign to
 * a segment of 100,000 customers — freezing the recipients with a link token each and writing the links file.
 * Customers and membership rows are written directly for this run and removed at the end.
 */
@KeyuanIntegrationTest
@EnabledIfSystemProperty(named = "keyuan.bench.survey", matches = "true")
class CampaignSendBenchmarkTests {
    private static final int CUSTOMERS = Integer.getInteger("keyuan.bench.survey.customers", 100_000);

    @Autowired
    SegmentService segments;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublicAnswerService answer;

    @Test
    void send_to_a_hundred_thousand() {
        String u = TestData.unique();
        TestSurveys t = TestSurveys.from(context);
        SurveyDetail survey = t.activeSurvey();
        SegmentSummary segment = SystemActor.call(() -> {
            var set = segments.createRuleSet("基准" + u, RuleSetMode.OVERLAPPING);
            return segments.createSegment(
                    set.id(), "段" + u, RuleNode.when(SegmentField.CITY, Operator.EQ, "无" + u), null);
        });
        jdbc.update("INSERT INTO customer (code, name, kind, version, created_at, created_by, updated_at, updated_by)"
                + " SELECT CONCAT('B" + u
                + "', seq), CONCAT('基准客户', seq), 'PERSON', 0, NOW(6), 'bench', NOW(6), 'bench'"
                + " FROM seq_1_to_" + CUSTOMERS);
        jdbc.update(
                "INSERT INTO segment_membership (segment_id, customer_id, entered_at)"
                        + " SELECT ?, id, NOW(6) FROM customer WHERE code LIKE ?",
                segment.id(),
                "B" + u + "%");
        long campaignId = 0;
        try {
            long start = System.nanoTime();
            TestSurveys.Sent sent = t.send(t.draft(survey.id(), CampaignChannel.ONLINE, segment.id(), null));
            double seconds = (System.nanoTime() - start) / 1e9;
            campaignId = sent.campaign().id();
            System.out.printf(
                    "survey.campaign_send_100k_seconds: %.2f s for %d recipients (job %d ms)%n",
                    seconds,
                    sent.campaign().recipients(),
                    java.time.Duration.between(
                                    sent.job().startedAt(), sent.job().finishedAt())
                            .toMillis());
            assertThat(sent.campaign().recipients()).isEqualTo(CUSTOMERS);
            assertThat(sent.tokens()).hasSize(CUSTOMERS);

            // the public page's submit, through the service as the view calls it (no HTTP): 1,000 respondents
            SurveyForm form = SystemActor.call(() -> t.surveys.form(survey.id()));
            List<AnswerInput> answers = List.of(
                    AnswerInput.score(form.questions().get(0).id(), 9),
                    AnswerInput.score(form.questions().get(1).id(), 4),
                    AnswerInput.text(form.questions().get(4).id(), "挺好的"));
            long[] ms = new long[1000];
            for (int i = 0; i < ms.length; i++) {
                String token = sent.tokens().get(i);
                long s0 = System.nanoTime();
                answer.open(token, "bench-" + i);
                answer.submit(token, "bench-" + i, answers);
                ms[i] = (System.nanoTime() - s0) / 1000;
            }
            java.util.Arrays.sort(ms);
            System.out.printf(
                    "survey.public_answer_p95_ms: %.2f ms open+submit (median %.2f ms, %d respondents, service level)%n",
                    ms[ms.length * 95 / 100] / 1000.0, ms[ms.length / 2] / 1000.0, ms.length);
        } finally {
            jdbc.update("DELETE FROM survey_response WHERE campaign_id = ?", campaignId);
            jdbc.update("DELETE FROM survey_campaign WHERE id = ?", campaignId);
            jdbc.update("DELETE FROM segment_membership WHERE segment_id = ?", segment.id());
            jdbc.update("DELETE FROM customer WHERE code LIKE ?", "B" + u + "%");
        }
    }
}
