package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignRow;
import io.keyuan.survey.CampaignStatus;
import io.keyuan.survey.PublicAnswerService;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.TestSurveys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The campaign list and one campaign's page: sending, recipients, answers shown as text, links, closing. */
class CampaignViewsTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    PublicAnswerService answers;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(applicationContext);
    }

    private Customer customer(String name) {
        return TestCustomers.create(customers, "CV" + unique(), name);
    }

    @Test
    @AsManager
    void a_manager_creates_a_campaign_sends_it_and_sees_its_recipients() {
        SurveyDetail s = t.activeSurvey();
        Customer a = customer("甲" + unique());
        CampaignListView list = navigate(CampaignListView.class);
        test(list.create).click();
        CampaignDialog dialog = $(CampaignDialog.class).single();
        String name = "春季回访 " + unique();

        test(dialog.name).setValue(name);
        dialog.survey.setValue(dialog.survey
                .getListDataView()
                .getItems()
                .filter(r -> r.id() == s.id())
                .findFirst()
                .orElseThrow());
        dialog.channel.setValue(CampaignChannel.PHONE);
        dialog.audience.setValue(CampaignDialog.PICKED);
        dialog.customers.setValue(List.of(new io.keyuan.customer.CustomerRef(a.getId(), a.getCode(), a.getName())));
        test(dialog.save).click();

        CampaignView view = $(CampaignView.class).single();
        assertThat(view.campaign().name()).isEqualTo(name);
        assertThat(view.campaign().status()).isEqualTo(CampaignStatus.DRAFT);
        test(view.send).click();
        var job = view.sentJob();
        SystemActor.call(() -> t.jobs().await(job, java.time.Duration.ofMinutes(1)));
        view.reload();

        assertThat(view.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(view.phone.isVisible()).isTrue();
        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getRow(0).name()).isEqualTo(a.getName());
    }

    @Test
    @AsManager
    void an_email_campaign_without_smtp_says_nothing_is_mailed_and_offers_the_links_workbook() {
        SurveyDetail s = t.activeSurvey();
        Customer a = TestCustomers.create(
                customers, "CV" + unique(), "丙" + unique(), c -> c.setEmail("cv" + unique() + "@example.com"));
        CampaignDetail draft = SystemActor.call(
                () -> t.campaigns.save(t.draft(s.id(), CampaignChannel.EMAIL, null, List.of(a.getId()))));
        CampaignView view = (CampaignView) open("campaigns/" + draft.id());
        assertThat(texts(view.facts)).contains(view.getTranslation("survey.mail.off-draft"));

        test(view.send).click();
        var job = view.sentJob();
        SystemActor.call(() -> t.jobs().await(job, java.time.Duration.ofMinutes(1)));
        view.reload();

        assertThat(view.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(view.download.isVisible()).isTrue();
        List<String> shown = texts(view.download);
        assertThat(shown)
                .contains(view.getTranslation("survey.mail.workbook-download"), view.getTranslation("survey.mail.off"));
    }

    @Test
    @AsManager
    void a_manager_mails_again_the_recipients_whose_mail_failed() throws Exception {
        // a mail server that refuses every connection: both mails fail, at the send and again at the re-mail
        var factory = (org.springframework.beans.factory.support.DefaultListableBeanFactory)
                ((org.springframework.context.ConfigurableApplicationContext) applicationContext).getBeanFactory();
        org.springframework.mail.javamail.JavaMailSenderImpl sender =
                new org.springframework.mail.javamail.JavaMailSenderImpl();
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            sender.setPort(s.getLocalPort());
        }
        sender.setHost("127.0.0.1");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        factory.registerSingleton("campaignViewsTestSender", sender);
        try {
            SurveyDetail s = t.activeSurvey();
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ids.add(TestCustomers.create(
                                customers,
                                "CV" + unique(),
                                "丁" + unique(),
                                c -> c.setEmail("cv" + unique() + "@example.com"))
                        .getId());
            }
            TestSurveys.Sent sent = t.send(t.draft(s.id(), CampaignChannel.EMAIL, null, ids));
            CampaignView view =
                    (CampaignView) open("campaigns/" + sent.campaign().id());
            assertThat(view.remail.isVisible()).isTrue();
            assertThat(view.remail.getText()).isEqualTo(view.getTranslation("survey.mail.remail", "2"));

            test(view.remail).click();
            var job = view.remailJob();
            var done = SystemActor.call(() -> t.jobs().await(job, java.time.Duration.ofMinutes(1)));

            assertThat(view.remailOutcome.isVisible()).isTrue();
            assertThat(done.summary()).containsEntry("mailFailed", 2);
            // still undelivered: both are still to mail again
            assertThat(SystemActor.call(
                            () -> t.campaigns.toRemail(sent.campaign().id())))
                    .isEqualTo(2);
        } finally {
            factory.destroySingleton("campaignViewsTestSender");
        }
    }

    private static List<String> texts(com.vaadin.flow.component.Component parent) {
        return parent.getChildren().map(c -> c.getElement().getText()).toList();
    }

    @Test
    @AsStaff
    void staff_see_campaigns_but_not_the_managers_buttons() {
        SurveyDetail s = t.activeSurvey();
        Customer a = customer("乙" + unique());
        var sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));

        CampaignListView list = navigate(CampaignListView.class);
        assertThat(list.create.isVisible()).isFalse();
        assertThat(test(list.grid).size()).isPositive();
        assertThat(list.grid.getListDataView().getItems().map(CampaignRow::id))
                .contains(sent.campaign().id());

        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());
        assertThat(view.close.isVisible()).isFalse();
        assertThat(view.send.isVisible()).isFalse();
        assertThat($(Button.class).all().stream().map(b -> b.getId().orElse("")))
                .noneMatch(id -> id.startsWith("link-"));
    }

    @Test
    @AsStaff
    void a_script_answer_is_shown_as_text_in_the_campaign_view() {
        SurveyDetail s = t.activeSurvey();
        Customer a = customer("丙" + unique());
        var sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));
        SurveyForm form = SystemActor.call(() -> t.surveys.form(s.id()));
        String script = "<script>alert(1)</script>";
        long text = form.questions().get(4).id();
        answers.submit(
                sent.tokens().getFirst(),
                "view-" + unique(),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 2), AnswerInput.text(text, script)));

        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());
        view.showAnswers(test(view.grid).getRow(0));

        Dialog dialog = $(Dialog.class).id("answers-dialog");
        Span value = $(Span.class, dialog).id("answer-value-" + text);
        assertThat(value.getText()).isEqualTo(script);
        // a text node, not an element: the browser shows the characters and runs nothing
        assertThat(value.getElement().getChildCount()).isOne();
        assertThat(value.getElement().getChild(0).isTextNode()).isTrue();
        assertThat(value.getElement().getOuterHTML()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    @AsManager
    void a_manager_issues_a_new_link_and_the_old_one_stops_working() {
        SurveyDetail s = t.activeSurvey();
        Customer a = customer("丁" + unique());
        var sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));
        String old = sent.tokens().getFirst();
        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());

        view.issueLink(test(view.grid).getRow(0));
        test($(ConfirmDialog.class).id("link-confirm")).confirm();

        String link = $(TextField.class).id("link-value").getValue();
        String token = link.substring(link.lastIndexOf("/a/") + 3);
        assertThat(token).isNotEqualTo(old);
        assertThat(answers.open(token, "view-" + unique()).surveyId()).isEqualTo(s.id());
        assertThatThrownBy(() -> answers.open(old, "view-" + unique()))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("survey.public.error.link"));
    }

    @Test
    @AsManager
    void closing_a_campaign_stops_its_links() {
        SurveyDetail s = t.activeSurvey();
        Customer a = customer("戊" + unique());
        var sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));
        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());

        test(view.close).click();
        test($(ConfirmDialog.class).id("campaign-close-confirm")).confirm();

        CampaignDetail now = view.campaign();
        assertThat(now.status()).isEqualTo(CampaignStatus.CLOSED);
        assertThatThrownBy(() -> answers.open(sent.tokens().getFirst(), "view-" + unique()))
                .isInstanceOf(KeyuanException.class);
    }
}
