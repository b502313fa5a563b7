package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackDetail;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackSeverity;
import io.keyuan.survey.FeedbackStatus;
import io.keyuan.survey.NewFeedback;
import io.keyuan.survey.TestFeedback;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One feedback item's page: the moves its status allows as buttons (reopening asks a reason), edits over the
 * version loaded, comments, and the timeline; what people typed is shown as text, never as markup.
 */
class FeedbackViewTest extends KeyuanViewTest {
    @Autowired
    FeedbackService feedback;

    @Autowired
    CustomerService customers;

    @Autowired
    io.keyuan.survey.ResponseService responses;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private FeedbackView view() {
        return $(FeedbackView.class).single();
    }

    private FeedbackDetail item(String title, String description) {
        Customer c = TestFeedback.customer(customers, null);
        return SystemActor.call(() -> feedback.create(new NewFeedback(
                FeedbackKind.COMPLAINT,
                FeedbackCategory.PRODUCT,
                FeedbackSeverity.MEDIUM,
                title,
                description,
                c.getId(),
                null,
                null,
                null,
                null)));
    }

    private List<String> moveButtons() {
        return $(Button.class, view().moves).all().stream()
                .map(b -> b.getId().orElse(""))
                .toList();
    }

    private List<Div> entries() {
        return $(Div.class, view().timeline).withClassName("feedback-entry").all();
    }

    private static Stream<Element> descendants(Element e) {
        return Stream.concat(Stream.of(e), e.getChildren().flatMap(FeedbackViewTest::descendants));
    }

    @Test
    @AsStaff
    void staff_move_an_item_through_its_statuses_and_reopen_it_with_a_reason() {
        FeedbackDetail f = item("屏幕有坏点", null);
        open("feedback/" + f.id());
        assertThat(view().statusBadge.getText()).isEqualTo(t("enum.FeedbackStatus.OPEN"));
        assertThat(moveButtons()).containsExactly("feedback-move-IN_PROGRESS");

        test($(Button.class).id("feedback-move-IN_PROGRESS")).click();
        test($(Button.class).id("feedback-move-RESOLVED")).click();
        assertThat(moveButtons()).containsExactly("feedback-move-CLOSED", "feedback-move-OPEN");
        test($(Button.class).id("feedback-move-CLOSED")).click();
        assertThat(view().statusBadge.getText()).isEqualTo(t("enum.FeedbackStatus.CLOSED"));

        test($(Button.class).id("feedback-move-OPEN")).click(); // no reason yet
        assertThat(view().note.isInvalid()).isTrue();
        assertThat(view().note.getErrorMessage()).isEqualTo(t("feedback.error.reopen-reason"));
        assertThat(view().statusBadge.getText()).isEqualTo(t("enum.FeedbackStatus.CLOSED"));

        test(view().note).setValue("换货后问题依旧");
        test($(Button.class).id("feedback-move-OPEN")).click();

        assertThat(view().statusBadge.getText()).isEqualTo(t("enum.FeedbackStatus.OPEN"));
        assertThat(SystemActor.call(() -> feedback.get(f.id()).status())).isEqualTo(FeedbackStatus.OPEN);
        List<Div> timeline = entries();
        assertThat(timeline).hasSize(5);
        // newest first
        assertThat(textOf(timeline.getFirst()))
                .contains(STAFF_USER)
                .contains(
                        t("feedback.history.REOPENED", t("enum.FeedbackStatus.CLOSED"), t("enum.FeedbackStatus.OPEN")))
                .contains("换货后问题依旧");
        assertThat(textOf(timeline.getLast())).contains(t("feedback.history.CREATED"));
    }

    @Test
    @AsStaff
    void markup_in_the_description_and_comments_is_shown_as_text() {
        String script = "<script>alert('xss')</script>";
        FeedbackDetail f = item("<b>标题</b>", script);
        open("feedback/" + f.id());

        assertThat(view().heading.getText()).isEqualTo("<b>标题</b>");
        assertThat(view().description.getText()).isEqualTo(script);

        test(view().comment).setValue("<img src=x onerror=alert(1)>已致电客户");
        test(view().addComment).click();

        assertThat(view().comment.getValue()).isEmpty();
        Div newest = entries().getFirst();
        assertThat(textOf(newest)).contains("<img src=x onerror=alert(1)>已致电客户");
        assertThat(descendants(view().getElement()))
                .as("no element made from what was typed")
                .noneMatch(e -> !e.isTextNode() && List.of("script", "img", "b").contains(e.getTag()));
        assertThat(descendants(view().getElement()))
                .noneMatch(e -> !e.isTextNode() && e.getProperty("innerHTML") != null);
    }

    @Test
    @AsStaff
    void edits_are_saved_with_one_history_entry_per_field_and_a_stale_save_is_refused() {
        FeedbackDetail f = item("价格不符", null);
        open("feedback/" + f.id());

        view().severity.setValue(FeedbackSeverity.HIGH);
        view().category.setValue(FeedbackCategory.PRICE);
        LocalDate due = LocalDate.now(BusinessTime.ZONE).plusDays(4);
        view().dueDate.setValue(due);
        test(view().save).click();

        FeedbackDetail saved = SystemActor.call(() -> feedback.get(f.id()));
        assertThat(saved.severity()).isEqualTo(FeedbackSeverity.HIGH);
        assertThat(saved.category()).isEqualTo(FeedbackCategory.PRICE);
        assertThat(saved.dueDate()).isEqualTo(due);
        assertThat(entries()).hasSize(4);
        assertThat(textOf(entries().getFirst()))
                .contains(
                        t("feedback.history.DUE_DATE", t("feedback.due.none"), io.keyuan.shared.ui.Formats.date(due)));

        // someone else moves it meanwhile; this page still holds the old version
        SystemActor.run(() -> feedback.move(f.id(), saved.version(), FeedbackStatus.IN_PROGRESS, null));
        view().severity.setValue(FeedbackSeverity.LOW);
        test(view().save).click();

        assertThat(notificationTexts()).anyMatch(text -> text.contains(SystemActor.NAME));
        assertThat(SystemActor.call(() -> feedback.get(f.id()).severity())).isEqualTo(FeedbackSeverity.HIGH);
    }

    @Test
    @AsStaff
    void an_empty_comment_is_refused_on_the_comment_box() {
        FeedbackDetail f = item("空评论", null);
        open("feedback/" + f.id());

        test(view().addComment).click();

        assertThat(view().comment.isInvalid()).isTrue();
        assertThat(entries()).hasSize(1);
    }

    @Test
    @AsStaff
    void an_item_opened_by_a_response_names_its_survey_and_campaign_and_shows_the_answers_as_text() {
        io.keyuan.survey.TestSurveys t = io.keyuan.survey.TestSurveys.from(context);
        Customer c = TestFeedback.customer(customers, null);
        io.keyuan.survey.SurveyDetail survey = t.activeSurvey();
        io.keyuan.survey.TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), io.keyuan.survey.CampaignChannel.PHONE, null, List.of(c.getId())));
        io.keyuan.survey.SurveyForm form =
                responses.campaignForm(sent.campaign().id());
        long recipient =
                responses.nextCall(sent.campaign().id(), 0).orElseThrow().recipientId();
        List<io.keyuan.survey.AnswerInput> answers = new java.util.ArrayList<>();
        // a promoter: no follow-up opens by itself, so this test links a suggestion to the response
        answers.add(
                io.keyuan.survey.AnswerInput.score(form.questions().getFirst().id(), 10));
        form.questions().stream()
                .filter(q -> q.kind() == io.keyuan.survey.QuestionKind.FREE_TEXT)
                .findFirst()
                .ifPresent(q -> answers.add(io.keyuan.survey.AnswerInput.text(q.id(), "<i>太慢</i>")));
        long responseId = responses.recordPhone(recipient, answers);
        FeedbackDetail f = SystemActor.call(() -> feedback.create(new NewFeedback(
                FeedbackKind.SUGGESTION,
                FeedbackCategory.SERVICE,
                FeedbackSeverity.LOW,
                "回访",
                null,
                c.getId(),
                null,
                null,
                null,
                responseId)));

        open("feedback/" + f.id());

        Div shown = $(Div.class).id("feedback-response");
        String text = textOf(shown);
        assertThat(text)
                .contains(survey.name())
                .contains(sent.campaign().name())
                .contains("<i>太慢</i>");
        assertThat(text)
                .contains(t(
                        "feedback.response.answer",
                        form.questions().getFirst().text().in(java.util.Locale.SIMPLIFIED_CHINESE),
                        "10"));
        // the typed markup is a span's text, not elements
        assertThat($(com.vaadin.flow.component.html.Span.class, shown).all())
                .anyMatch(span -> span.getText().contains("<i>太慢</i>"));
        assertThat($(com.vaadin.flow.component.html.Anchor.class)
                        .id("feedback-response-campaign")
                        .getHref())
                .isEqualTo("campaigns/" + sent.campaign().id());
    }

    @Test
    @AsStaff
    void an_item_that_does_not_exist_shows_the_not_found_page() {
        Component shown = (Component) open("feedback/999999999");

        assertThat(shown.getElement().getAttribute("id")).isEqualTo("not-found");
    }
}
