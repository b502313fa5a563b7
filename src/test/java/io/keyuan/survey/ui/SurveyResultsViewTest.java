package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.ResultDimension;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.TestSurveys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The results page as a manager reads it: tiles, trend, breakdown, questions, the filter in the URL. */
class SurveyResultsViewTest extends KeyuanViewTest {
    @Autowired
    PublicAnswerService answers;

    TestSurveys t;
    SurveyDetail survey;
    TestSurveys.Sent sent;

    @BeforeEach
    void answered() {
        TestSurveys.forgetRateLimits(applicationContext);
        t = TestSurveys.from(applicationContext);
        survey = t.activeSurvey();
        SurveyForm form = SystemActor.call(() -> t.surveys.form(survey.id()));
        TestSurveys.World world = t.segmentOf(3);
        sent = t.send(
                t.draft(survey.id(), CampaignChannel.ONLINE, world.segment().id(), null));
        long nps = form.questions().get(0).id();
        long text = form.questions().get(4).id();
        answers.submit(sent.tokens().get(0), "198.51.100.1", List.of(AnswerInput.score(nps, 10)));
        answers.submit(
                sent.tokens().get(1),
                "198.51.100.2",
                List.of(AnswerInput.score(nps, 3), AnswerInput.text(text, "<script>alert(1)</script>")));
    }

    @Test
    @AsManager
    void a_survey_in_the_url_shows_its_scores_breakdown_and_questions_with_texts_escaped() {
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(
                        "survey-results",
                        com.vaadin.flow.router.QueryParameters.simple(
                                java.util.Map.of("survey", String.valueOf(survey.id()), "by", "SURVEY_CHANNEL")));
        SurveyResultsView view = $(SurveyResultsView.class).single();

        assertThat(view.survey.getValue().id()).isEqualTo(survey.id());
        assertThat(view.by.getValue()).isEqualTo(ResultDimension.SURVEY_CHANNEL);
        assertThat(view.responses.getText()).isEqualTo("2");
        // one promoter, one detractor: 0.0
        assertThat(view.nps.getText()).isEqualTo("0.0");
        assertThat(view.npsMix.getText()).isEqualTo(t("survey.results.nps-mix", "1", "0", "1"));
        assertThat(view.rate.getText()).isEqualTo("66.7 %");
        assertThat(view.empty.isVisible()).isFalse();
        var breakdown = test(view.breakdown);
        assertThat(breakdown.size()).isEqualTo(1);
        assertThat(breakdown.getCellText(0, 0)).isEqualTo(t("enum.CampaignChannel.ONLINE"));
        assertThat(test(view.trend).size()).isEqualTo(1);

        // the free text as typed, shown as text: no script element anywhere
        Div texts = $(Div.class).withClassName("keyuan-free-text").first();
        assertThat(texts.getText()).isEqualTo("<script>alert(1)</script>");
        assertThat(texts.getElement().getChildren()).allMatch(com.vaadin.flow.dom.Element::isTextNode);
        assertThat(view.questions.getElement().getOuterHTML()).doesNotContain("<script>");
    }

    @Test
    @AsManager
    void changing_the_breakdown_regroups_and_the_filters_reach_the_url_an_empty_period_says_so() {
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(
                        "survey-results",
                        com.vaadin.flow.router.QueryParameters.simple(
                                java.util.Map.of("survey", String.valueOf(survey.id()))));
        SurveyResultsView view = $(SurveyResultsView.class).single();
        view.by.setValue(ResultDimension.SEGMENT);
        assertThat(test(view.breakdown).getCellText(0, 0)).contains(" › ");

        view.from.setValue(java.time.LocalDate.now().minusYears(3));
        view.to.setValue(java.time.LocalDate.now().minusYears(2));
        assertThat(view.responses.getText()).isEqualTo("0");
        assertThat(view.nps.getText()).isEqualTo("—");
        assertThat(view.empty.isVisible()).isTrue();

        // an end before the start is refused on the field and changes nothing
        view.to.setValue(java.time.LocalDate.now().minusYears(4));
        assertThat(view.to.isInvalid()).isTrue();
    }

    @Test
    @AsStaff
    void staff_cannot_open_results() {
        assertThat(open("survey-results")).isInstanceOf(AccessDeniedView.class);
    }
}
