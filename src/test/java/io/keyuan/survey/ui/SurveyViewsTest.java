package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyRow;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.SurveyStatus;
import io.keyuan.survey.TestSurveys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The survey list and designer, as a manager uses them. */
class SurveyViewsTest extends KeyuanViewTest {
    @Autowired
    SurveyService surveys;

    @Autowired
    PublicAnswerService answers;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(applicationContext);
    }

    @Test
    @AsManager
    void the_list_shows_surveys_and_a_click_opens_the_designer() {
        SurveyDetail s = t.activeSurvey();
        SurveyListView view = navigate(SurveyListView.class);

        var grid = test(view.grid);
        int row = -1;
        for (int i = 0; i < grid.size(); i++) {
            if (grid.getRow(i).id() == s.id()) {
                row = i;
            }
        }
        assertThat(row).isNotNegative();
        assertThat(grid.getCellText(row, 0)).isEqualTo(s.code());
        assertThat(grid.getCellText(row, 3)).isEqualTo("5");
        grid.clickRow(row);

        assertThat(getCurrentView()).isInstanceOf(SurveyDesignerView.class);
        assertThat($(SurveyDesignerView.class).single().code.getValue()).isEqualTo(s.code());
    }

    @Test
    @AsManager
    void a_manager_designs_a_new_survey_with_the_keyboard_and_saves_it() {
        navigate(SurveyListView.class);
        fireShortcut(Key.KEY_N, KeyModifier.ALT);
        SurveyDesignerView view = $(SurveyDesignerView.class).single();
        String code = "V-" + unique();

        test(view.code).setValue(code);
        test(view.name).setValue("门店满意度");
        fireShortcut(Key.KEY_Q, KeyModifier.ALT);
        test(view.editors.getFirst().zhCn).setValue("推荐我们的可能性？");
        test(view.addQuestion).click();
        QuestionEditor choice = view.editors.get(1);
        choice.kind.setValue(QuestionKind.SINGLE_CHOICE);
        test(choice.zhCn).setValue("从哪里知道我们？");
        test(choice.options).setValue("朋友 | 朋友 | A friend\n广告");
        test(view.save).click();

        SurveyDetail saved = SystemActor.call(() -> surveys.list().stream()
                .filter(r -> r.code().equals(code))
                .map(SurveyRow::id)
                .map(surveys::get)
                .findFirst()
                .orElseThrow());
        assertThat(saved.questions())
                .extracting(QuestionDraft::kind)
                .containsExactly(QuestionKind.NPS, QuestionKind.SINGLE_CHOICE);
        assertThat(saved.questions().get(1).options())
                .containsExactly(new LocalizedText("朋友", "朋友", "A friend"), LocalizedText.of("广告"));
        assertThat($(SurveyDesignerView.class).single().loaded().id()).isEqualTo(saved.id());
    }

    @Test
    @AsManager
    void a_question_without_text_is_refused_on_that_question() {
        SurveyDesignerView view = (SurveyDesignerView) open("surveys/new");
        test(view.code).setValue("V-" + unique());
        test(view.name).setValue("缺题目");
        test(view.addQuestion).click();

        test(view.save).click();

        assertThat(view.editors.getFirst().zhCn.isInvalid()).isTrue();
        assertThat(view.editors.getFirst().zhCn.getErrorMessage()).isEqualTo(t("survey.error.question-text", 1));
        assertThat(view.loaded()).isNull();
    }

    @Test
    @AsManager
    void the_preview_shows_the_survey_with_the_public_pages_component() {
        SurveyDetail s = t.activeSurvey();
        SurveyDesignerView view = (SurveyDesignerView) open("surveys/" + s.id());

        fireShortcut(Key.KEY_P, KeyModifier.ALT);

        Dialog dialog = $(Dialog.class).id("survey-preview-dialog");
        SurveyFormPanel panel = $(SurveyFormPanel.class, dialog).single();
        assertThat(panel.questions()).hasSize(5);
        assertThat(panel.firstInput()).isInstanceOf(RadioButtonGroup.class);
        assertThat(textOf(dialog)).contains("您向朋友推荐我们的可能性有多大？");
    }

    @Test
    @AsManager
    void a_frozen_survey_is_read_only_and_copy_opens_an_editable_draft() {
        SurveyDetail s = t.activeSurvey();
        var w = t.segmentOf(1);
        var sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, w.segment().id(), null));
        long nps = SystemActor.call(() -> surveys.form(s.id()))
                .questions()
                .getFirst()
                .id();
        answers.submit(sent.tokens().getFirst(), "view-test-" + unique(), List.of(AnswerInput.score(nps, 9)));

        SurveyDesignerView view = (SurveyDesignerView) open("surveys/" + s.id());

        assertThat(view.frozenNote.isVisible()).isTrue();
        assertThat(view.code.isReadOnly()).isTrue();
        assertThat(view.save.isEnabled()).isFalse();
        test(view.copy).click();
        SurveyDesignerView copy = $(SurveyDesignerView.class).single();
        assertThat(copy.loaded().id()).isNotEqualTo(s.id());
        assertThat(copy.code.getValue()).isEqualTo(s.code() + "-2");
        assertThat(copy.code.isReadOnly()).isFalse();
        assertThat(copy.save.isEnabled()).isTrue();
    }

    @Test
    @AsManager
    void deleting_a_survey_in_use_says_why_it_cannot() {
        SurveyDetail s = t.activeSurvey();
        SystemActor.call(() -> t.campaigns.save(t.draft(s.id(), CampaignChannel.PHONE, null, List.of())));
        SurveyDesignerView view = (SurveyDesignerView) open("surveys/" + s.id());

        test(view.delete).click();
        test($(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("survey-delete-confirm"))
                .confirm();

        assertThat(notificationTexts()).contains(t("survey.error.in-use", 1));
        assertThat(SystemActor.call(() -> surveys.get(s.id()))).isNotNull();
    }

    @Test
    @AsManager
    void a_save_over_a_newer_save_names_who_saved() {
        SurveyDetail s = SystemActor.call(() -> surveys.save(
                new SurveyDraft(null, 0, "V-" + unique(), "旧", SurveyStatus.DRAFT, TestSurveys.allKinds())));
        SurveyDesignerView view = (SurveyDesignerView) open("surveys/" + s.id());
        SystemActor.call(() -> surveys.save(s.draft()));

        test(view.name).setValue("我的修改");
        test(view.save).click();

        assertThat(notificationTexts()).anySatisfy(n -> assertThat(n).contains("system"));
        assertThat(SystemActor.call(() -> surveys.get(s.id())).name()).isEqualTo("旧");
    }
}
