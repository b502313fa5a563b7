package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.insight.InsightSummaries.MonthScores;
import io.keyuan.insight.InsightSummaries.Satisfaction;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.SurveyStatus;
import io.keyuan.survey.TestSurveys;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * NPS and CSAT by month, segment and source channel, against four answers worked out by hand, moved to two months
 * long ago so that no other test's answers fall in them:
 *
 * <pre>
 *   customer  channel  month  NPS  CSAT
 *   c0        X        M1     10   5
 *   c1        X        M1      6   4
 *   c2        Y        M2      9   2
 *   c3        Y        M2      7   5
 * </pre>
 *
 * M1: NPS (1 − 1) / 2 = 0.0, CSAT 2 of 2 = 100.0 %; M2: NPS (1 − 0) / 2 = 50.0, CSAT 1 of 2 = 50.0 %; M3: no
 * answer, so "—". X is M1's figures, Y M2's; the segment of all four has everyone's.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "summary-manager",
        roles = {"STAFF", "MANAGER"})
class SatisfactionSummaryTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    InsightSummaries summaries;

    @Autowired
    PublicAnswerService answers;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void nps_and_csat_by_month_segment_and_channel_match_the_hand_computed_case() {
        TestSurveys.forgetRateLimits(context);
        TestSurveys fixtures = TestSurveys.from(context);
        long x = TestInsight.channel(channels, "满意甲", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH);
        long y = TestInsight.channel(channels, "满意乙", ChannelCategory.PARTNER, AcquisitionMethod.EVENTS);
        SurveyDetail survey = SystemActor.call(() -> fixtures.surveys.save(new SurveyDraft(
                null,
                0,
                "IS-" + TestData.unique(),
                "汇总满意度 " + TestData.unique(),
                SurveyStatus.ACTIVE,
                List.of(
                        new QuestionDraft(QuestionKind.NPS, true, LocalizedText.of("推荐吗？"), List.of()),
                        new QuestionDraft(QuestionKind.CSAT, false, LocalizedText.of("满意吗？"), List.of())))));
        SurveyForm form = SystemActor.call(() -> fixtures.surveys.form(survey.id()));
        TestSurveys.World world = fixtures.segmentOf(4, (c, i) -> c.setSourceChannelId(i < 2 ? x : y));
        TestSurveys.Sent sent = fixtures.send(fixtures.draft(
                survey.id(), CampaignChannel.ONLINE, world.segment().id(), null));
        int[][] given = {{10, 5}, {6, 4}, {9, 2}, {7, 5}};
        for (int i = 0; i < 4; i++) {
            answers.submit(
                    sent.tokens().get(i),
                    "198.51.100." + i,
                    List.of(
                            AnswerInput.score(form.questions().get(0).id(), given[i][0]),
                            AnswerInput.score(form.questions().get(1).id(), given[i][1])));
        }
        YearMonth m1 = TestInsight.currentMonth().minusMonths(30);
        YearMonth m2 = m1.plusMonths(1);
        for (int i = 0; i < 4; i++) {
            YearMonth m = i < 2 ? m1 : m2;
            jdbc.update(
                    "UPDATE survey_response SET answered_at = ? WHERE campaign_id = ? AND customer_id = ?",
                    Timestamp.from(
                            m.atDay(10).atTime(12, 0).atZone(BusinessTime.ZONE).toInstant()),
                    sent.campaign().id(),
                    world.members().get(i).getId());
        }

        Satisfaction s = summaries.satisfaction(
                new SummaryQuery(m1, m2.plusMonths(1), null, world.segment().id(), null), Locale.ENGLISH);

        assertThat(s.months()).containsExactly(m1, m2, m2.plusMonths(1));
        assertThat(s.overall()).extracting(MonthScores::responses).containsExactly(2L, 2L, 0L);
        assertThat(s.overall()).extracting(MonthScores::nps).containsExactly(d("0.0"), d("50.0"), null);
        assertThat(s.overall()).extracting(MonthScores::csat).containsExactly(d("100.0"), d("50.0"), null);
        assertThat(s.bySegment()).as("the segment filter keeps one segment").hasSize(2);
        assertThat(s.bySegment()).extracting(MonthScores::month).containsExactly(m1, m2);
        assertThat(s.bySegment()).extracting(MonthScores::nps).containsExactly(d("0.0"), d("50.0"));
        assertThat(s.bySegment().getFirst().group())
                .endsWith(" › " + world.segment().name());
        MonthScores inX = one(s.byChannel(), String.valueOf(x));
        assertThat(inX.month()).isEqualTo(m1);
        assertThat(inX.nps()).isEqualTo(d("0.0"));
        assertThat(inX.csat()).isEqualTo(d("100.0"));
        MonthScores inY = one(s.byChannel(), String.valueOf(y));
        assertThat(inY.month()).isEqualTo(m2);
        assertThat(inY.nps()).isEqualTo(d("50.0"));
        assertThat(inY.csat()).isEqualTo(d("50.0"));

        Satisfaction onlyX = summaries.satisfaction(new SummaryQuery(m1, m2, null, null, x), Locale.ENGLISH);
        assertThat(onlyX.byChannel()).extracting(MonthScores::key).containsExactly(String.valueOf(x));
        assertThat(summaries
                        .satisfactionTables(onlyX, Locale.ENGLISH)
                        .get(2)
                        .rows()
                        .getFirst())
                .containsExactly(m1.toString(), onlyX.byChannel().getFirst().group(), 2L, 2L, d("0.0"), 2L, d("100.0"));

        YearMonth before = m1.minusMonths(3);
        Satisfaction none = summaries.satisfaction(new SummaryQuery(before, before, null, null, null), Locale.ENGLISH);
        assertThat(none.empty()).isTrue();
        assertThat(summaries.satisfactionEmpty(
                        none, new SummaryQuery(before, before, null, null, null), Locale.ENGLISH))
                .contains("No survey answers", before.toString());
    }

    private static MonthScores one(List<MonthScores> rows, String key) {
        List<MonthScores> found = rows.stream().filter(r -> key.equals(r.key())).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }
}
