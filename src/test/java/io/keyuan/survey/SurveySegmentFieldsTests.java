package io.keyuan.survey;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.shared.SystemActor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The survey's segment fields over real answers and the complaint a detractor's answer opens: a manager can build
 * "detractors with an open complaint" from them.
 */
@KeyuanIntegrationTest
class SurveySegmentFieldsTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    PublicAnswerService answers;

    @Autowired
    FeedbackService feedback;

    @Autowired
    SegmentService segments;

    @Test
    void a_detractor_answer_makes_the_customer_match_last_nps_and_open_complaint_rules() throws Exception {
        TestSurveys.forgetRateLimits(context);
        TestSurveys t = TestSurveys.from(context);
        SurveyDetail survey = t.activeSurvey();
        SurveyForm form = SystemActor.call(() -> t.surveys.form(survey.id()));
        TestSurveys.World world = t.segmentOf(2);
        TestSurveys.Sent sent = t.send(
                t.draft(survey.id(), CampaignChannel.ONLINE, world.segment().id(), null));
        long nps = form.questions().get(0).id();
        long csat = form.questions().get(1).id();
        answers.submit(
                sent.tokens().get(0), "192.0.2.1", List.of(AnswerInput.score(nps, 3), AnswerInput.score(csat, 2)));
        answers.submit(sent.tokens().get(1), "192.0.2.2", List.of(AnswerInput.score(nps, 9)));
        long detractor = world.members().get(0).getId();
        // the follow-up complaint is opened after the response's commit
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (SystemActor.call(() -> feedback.countOfCustomer(detractor)) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(SystemActor.call(() -> feedback.countOfCustomer(detractor))).isEqualTo(1);

        RuleNode inCity = when(SegmentField.CITY, Operator.EQ, world.city());
        assertThat(count(and(inCity, when(SurveySegmentFields.LAST_NPS_SCORE, Operator.LE, "6"))))
                .isEqualTo(1);
        assertThat(count(and(inCity, when(SurveySegmentFields.LAST_NPS_SCORE, Operator.GE, "9"))))
                .isEqualTo(1);
        assertThat(count(and(inCity, when(SurveySegmentFields.LAST_CSAT_SCORE, Operator.IS_EMPTY))))
                .isEqualTo(1);
        assertThat(count(and(inCity, when(SurveySegmentFields.OPEN_COMPLAINTS, Operator.GE, "1"))))
                .isEqualTo(1);
        assertThat(count(and(
                        inCity,
                        new RuleNode.Condition(
                                SurveySegmentFields.COMPLAINTS_IN_WINDOW, Operator.GE, List.of("1"), 7))))
                .isEqualTo(1);
        assertThat(count(and(
                        inCity,
                        new RuleNode.Condition(
                                SurveySegmentFields.COMPLAINTS_IN_WINDOW, Operator.EQ, List.of("0"), 7))))
                .isEqualTo(1);
    }

    private long count(RuleNode rule) {
        assertThat(SystemActor.call(() -> segments.check(rule))).isEmpty();
        return SystemActor.call(() -> segments.count(rule));
    }
}
