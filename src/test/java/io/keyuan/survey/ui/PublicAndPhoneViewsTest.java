package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.shared.ui.MainLayout;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.TestSurveys;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The public answer page as an anonymous respondent sees it, and the phone entry form as staff type into it. */
class PublicAndPhoneViewsTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(applicationContext);
        TestSurveys.forgetRateLimits(applicationContext);
    }

    private TestSurveys.Sent sent(CampaignChannel channel, Customer... picked) {
        SurveyDetail s = t.activeSurvey();
        return t.send(t.draft(
                s.id(),
                channel,
                null,
                java.util.Arrays.stream(picked).map(Customer::getId).toList()));
    }

    @Test
    void an_anonymous_respondent_answers_through_the_link_once() {
        Customer a = TestCustomers.create(customers, "PV" + unique(), "王小明");
        var sent = sent(CampaignChannel.ONLINE, a);
        String token = sent.tokens().getFirst();

        HasElement opened = open("a/" + token);

        assertThat(opened).isInstanceOf(PublicAnswerView.class);
        assertThat($(MainLayout.class).exists()).isFalse();
        PublicAnswerView view = (PublicAnswerView) opened;
        // a greeting and the survey, nothing about the customer
        assertThat(textOf(view)).contains(t("survey.public.greeting")).doesNotContain("王小明", a.getCode());
        SurveyForm form = SystemActor.call(() -> t.surveys.form(sent.campaign().surveyId()));
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Integer> nps = (RadioButtonGroup<Integer>)
                view.panel.inputFor(form.questions().getFirst().id());
        test(view.submit).click();
        assertThat(nps.isInvalid()).isTrue();
        assertThat(nps.getErrorMessage()).isEqualTo(t("survey.answer.error.required"));

        nps.setValue(10);
        ((TextArea) view.panel.inputFor(form.questions().get(4).id())).setValue("很好");
        test(view.submit).click();

        assertThat($(Span.class).all().stream().map(Span::getText)).doesNotContain(t("survey.public.error.link"));
        assertThat(textOf(view)).contains(t("survey.public.thanks.title"));
        assertThat(jdbc.queryForObject(
                        "SELECT nps_score FROM survey_response WHERE campaign_id = ?",
                        Integer.class,
                        sent.campaign().id()))
                .isEqualTo(10);

        PublicAnswerView again = (PublicAnswerView) open("a/" + token);
        String reused = textOf(again);
        PublicAnswerView forged = (PublicAnswerView) open("a/not-a-real-link-" + unique());
        assertThat(reused).contains(t("survey.public.error.link"));
        assertThat(textOf(forged)).isEqualTo(reused);
    }

    @Test
    void the_public_page_speaks_the_language_picked_on_it() {
        Customer a = TestCustomers.create(customers, "PV" + unique(), "李");
        var sent = sent(CampaignChannel.ONLINE, a);
        PublicAnswerView view = (PublicAnswerView) open("a/" + sent.tokens().getFirst());

        UI.getCurrent().setLocale(Locale.ENGLISH);
        test($(com.vaadin.flow.component.button.Button.class).all().stream()
                        .filter(b -> "English".equals(b.getText()))
                        .findFirst()
                        .orElseThrow())
                .click();

        assertThat(textOf(view)).contains("Hello!", "How likely are you to recommend us?");
    }

    @Test
    @AsStaff
    void staff_type_scores_press_enter_and_get_the_next_recipient() {
        Customer a = TestCustomers.create(customers, "PE" + unique(), "电话甲", c -> c.setPhone("13900139000"));
        Customer b = TestCustomers.create(customers, "PE" + unique(), "电话乙");
        var sent = sent(CampaignChannel.PHONE, a, b);
        SurveyForm form = SystemActor.call(() -> t.surveys.form(sent.campaign().surveyId()));

        PhoneEntryView view =
                (PhoneEntryView) open("campaigns/" + sent.campaign().id() + "/phone");
        assertThat(view.who.getText()).contains("电话甲");
        assertThat(view.number.getText()).isEqualTo("13900139000");
        IntegerField nps =
                (IntegerField) view.panel.inputFor(form.questions().getFirst().id());
        test(nps).setValue(6);
        fireShortcut(Key.ENTER);

        assertThat(view.who.getText()).contains("电话乙");
        assertThat(nps.getValue()).isNull();
        fireShortcut(Key.KEY_R, KeyModifier.ALT);

        assertThat(view.done.isVisible()).isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT status FROM survey_recipient WHERE campaign_id = ? ORDER BY id",
                        String.class,
                        sent.campaign().id()))
                .containsExactly("ANSWERED", "REFUSED");
        assertThat(jdbc.queryForObject(
                        "SELECT nps_score FROM survey_response WHERE campaign_id = ?",
                        Integer.class,
                        sent.campaign().id()))
                .isEqualTo(6);
    }

    @Test
    @AsStaff
    void a_score_out_of_range_is_refused_on_its_question() {
        Customer a = TestCustomers.create(customers, "PE" + unique(), "电话丙");
        var sent = sent(CampaignChannel.PHONE, a);
        SurveyForm form = SystemActor.call(() -> t.surveys.form(sent.campaign().surveyId()));
        PhoneEntryView view =
                (PhoneEntryView) open("campaigns/" + sent.campaign().id() + "/phone");
        IntegerField csat =
                (IntegerField) view.panel.inputFor(form.questions().get(1).id());
        ((IntegerField) view.panel.inputFor(form.questions().getFirst().id())).setValue(9);
        csat.setValue(7);

        test(view.save).click();

        assertThat(csat.isInvalid()).isTrue();
        assertThat(csat.getErrorMessage()).isEqualTo(t("survey.answer.error.score-range", 1, 5));
        assertThat(view.who.getText()).contains("电话丙");
        assertThat(List.of(view.current().recipientId())).hasSize(1);
    }
}
