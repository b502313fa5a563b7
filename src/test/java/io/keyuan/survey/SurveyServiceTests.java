package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** The designer's rules: whole saves, validation on the field at fault, frozen surveys, copies, deletes, stale edits. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "survey-manager",
        roles = {"STAFF", "MANAGER"})
class SurveyServiceTests {
    @Autowired
    SurveyService surveys;

    @Autowired
    PublicAnswerService answers;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(context);
    }

    private SurveyDraft draft(List<QuestionDraft> questions) {
        return new SurveyDraft(
                null, 0, "D-" + TestData.unique(), "问卷 " + TestData.unique(), SurveyStatus.DRAFT, questions);
    }

    private static void refusedOn(String field, String key, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.messageKey()).isEqualTo(key);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void manager_saves_a_survey_with_ordered_questions_in_three_languages() {
        SurveyDetail saved = surveys.save(draft(TestSurveys.allKinds()));

        SurveyDetail read = surveys.get(saved.id());
        assertThat(read.questions())
                .extracting(QuestionDraft::kind)
                .containsExactly(
                        QuestionKind.NPS,
                        QuestionKind.CSAT,
                        QuestionKind.SINGLE_CHOICE,
                        QuestionKind.MULTIPLE_CHOICE,
                        QuestionKind.FREE_TEXT);
        assertThat(read.questions().getFirst().text().in(Locale.TRADITIONAL_CHINESE))
                .isEqualTo("您向朋友推薦我們的可能性有多大？");
        assertThat(read.questions().getFirst().text().in(Locale.ENGLISH))
                .isEqualTo("How likely are you to recommend us?");
        // given in English only: every language falls back to it; given in zh-CN only: English falls back to it
        assertThat(read.questions().get(4).text().in(Locale.SIMPLIFIED_CHINESE)).isEqualTo("Anything else?");
        assertThat(read.questions().get(2).options().get(1).in(Locale.ENGLISH)).isEqualTo("广告");
        assertThat(read.frozen()).isFalse();
    }

    @Test
    void a_reordered_save_keeps_the_new_order_and_moves_the_version() {
        SurveyDetail saved = surveys.save(draft(TestSurveys.allKinds()));
        List<QuestionDraft> reversed = new java.util.ArrayList<>(saved.questions());
        java.util.Collections.reverse(reversed);

        SurveyDetail again = surveys.save(
                new SurveyDraft(saved.id(), saved.version(), saved.code(), saved.name(), saved.status(), reversed));

        assertThat(again.questions().getFirst().kind()).isEqualTo(QuestionKind.FREE_TEXT);
        assertThat(again.version()).isGreaterThan(saved.version());
    }

    @Test
    void bad_drafts_are_refused_on_the_field_at_fault() {
        refusedOn(
                "code",
                "survey.error.code-required",
                () -> surveys.save(new SurveyDraft(null, 0, " ", "名", SurveyStatus.DRAFT, List.of())));
        refusedOn(
                "code",
                "survey.error.code-format",
                () -> surveys.save(new SurveyDraft(null, 0, "有 空格", "名", SurveyStatus.DRAFT, List.of())));
        refusedOn(
                "name",
                "survey.error.name-required",
                () -> surveys.save(
                        new SurveyDraft(null, 0, "C-" + TestData.unique(), "", SurveyStatus.DRAFT, List.of())));
        refusedOn(
                "questions",
                "survey.error.no-questions",
                () -> surveys.save(
                        new SurveyDraft(null, 0, "C-" + TestData.unique(), "名", SurveyStatus.ACTIVE, List.of())));
        refusedOn(
                "q0",
                "survey.error.options-count",
                () -> surveys.save(draft(List.of(new QuestionDraft(
                        QuestionKind.SINGLE_CHOICE,
                        true,
                        LocalizedText.of("只有一项"),
                        List.of(LocalizedText.of("唯一")))))));
        refusedOn(
                "q1",
                "survey.error.question-text",
                () -> surveys.save(draft(List.of(
                        new QuestionDraft(QuestionKind.NPS, true, LocalizedText.of("好"), List.of()),
                        new QuestionDraft(QuestionKind.CSAT, true, new LocalizedText(" ", null, ""), List.of())))));
        refusedOn(
                "q0",
                "survey.error.no-options",
                () -> surveys.save(draft(List.of(new QuestionDraft(
                        QuestionKind.NPS, true, LocalizedText.of("分"), List.of(LocalizedText.of("多余")))))));
        SurveyDetail first = surveys.save(draft(List.of()));
        refusedOn(
                "code",
                "survey.error.code-taken",
                () -> surveys.save(new SurveyDraft(null, 0, first.code(), "另一份", SurveyStatus.DRAFT, List.of())));
    }

    @Test
    void a_stale_edit_is_refused_and_names_who_saved() {
        SurveyDetail saved = surveys.save(draft(TestSurveys.allKinds()));
        surveys.save(saved.draft());

        assertThatThrownBy(() -> surveys.save(saved.draft())).isInstanceOfSatisfying(StaleEditException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("error.stale-by");
            assertThat(e.args()[0]).isEqualTo("survey-manager");
        });
    }

    @Test
    void a_survey_with_responses_is_frozen_and_copy_makes_an_editable_draft() {
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = t.segmentOf(1);
        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.ONLINE, w.segment().id(), null));
        long nps = surveys.form(survey.id()).questions().getFirst().id();
        answers.submit(sent.tokens().getFirst(), "10.0.0." + TestData.digits(2), List.of(AnswerInput.score(nps, 9)));

        SurveyDetail now = surveys.get(survey.id());
        assertThat(now.frozen()).isTrue();
        assertThatThrownBy(() -> surveys.save(now.draft()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("survey.error.frozen"));

        SurveyDetail copy = surveys.copy(survey.id());
        assertThat(copy.status()).isEqualTo(SurveyStatus.DRAFT);
        assertThat(copy.frozen()).isFalse();
        assertThat(copy.code()).isEqualTo(survey.code() + "-2");
        assertThat(copy.questions()).isEqualTo(survey.questions());
        SurveyDetail edited = surveys.save(
                new SurveyDraft(copy.id(), copy.version(), copy.code(), "改过的", SurveyStatus.ACTIVE, copy.questions()));
        assertThat(edited.name()).isEqualTo("改过的");
        assertThat(surveys.get(survey.id()).name()).isEqualTo(survey.name());
    }

    @Test
    void a_survey_used_by_a_campaign_cannot_be_deleted_but_an_unused_one_can() {
        SurveyDetail used = t.activeSurvey();
        t.campaigns.save(t.draft(used.id(), CampaignChannel.PHONE, null, List.of()));
        SurveyDetail unused = surveys.save(draft(TestSurveys.allKinds()));

        assertThatThrownBy(() -> surveys.delete(used.id(), used.version()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("survey.error.in-use"));
        surveys.delete(unused.id(), unused.version());

        assertThat(surveys.get(used.id())).isNotNull();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM survey WHERE id = ?", Long.class, unused.id()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_question WHERE survey_id = ?", Long.class, unused.id()))
                .isZero();
    }

    @Test
    void staff_cannot_design_surveys() {
        SurveyDetail survey = surveys.save(draft(TestSurveys.allKinds()));

        TestData.as(
                "survey-staff",
                () -> {
                    assertThatThrownBy(() -> surveys.save(draft(List.of()))).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> surveys.copy(survey.id())).isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> surveys.delete(survey.id(), survey.version()))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> surveys.list()).isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
        assertThat(surveys.get(survey.id()).version()).isEqualTo(survey.version());
    }
}
