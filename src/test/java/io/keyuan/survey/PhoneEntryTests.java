package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Staff working through a phone campaign: next recipient, answers, no answer / refused, once per recipient. */
@KeyuanIntegrationTest
@RecordApplicationEvents
@WithMockUser(
        username = "phone-staff",
        roles = {"STAFF"})
class PhoneEntryTests {
    @Autowired
    ResponseService responses;

    @Autowired
    CustomerService customers;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(context);
    }

    private TestSurveys.Sent phoneCampaign(Customer... picked) {
        SurveyDetail survey = t.activeSurvey();
        return t.send(t.draft(
                survey.id(),
                CampaignChannel.PHONE,
                null,
                java.util.Arrays.stream(picked).map(Customer::getId).toList()));
    }

    @Test
    void staff_work_through_the_list_answering_marking_and_moving_on() {
        Customer a = TestCustomers.create(customers, "PH" + TestData.unique(), "张三", c -> c.setPhone("13800138000"));
        Customer b = TestCustomers.create(customers, "PH" + TestData.unique(), "李四");
        Customer c = TestCustomers.create(customers, "PH" + TestData.unique(), "王五");
        TestSurveys.Sent sent = phoneCampaign(a, b, c);
        long campaignId = sent.campaign().id();
        SurveyForm form = responses.campaignForm(campaignId);

        PhoneCall first = responses.nextCall(campaignId, 0).orElseThrow();
        assertThat(first.name()).isEqualTo("张三");
        assertThat(first.phone()).isEqualTo("13800138000");
        assertThat(first.remaining()).isEqualTo(3);
        long responseId = responses.recordPhone(
                first.recipientId(),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 10)));

        PhoneCall second = responses.nextCall(campaignId, first.recipientId()).orElseThrow();
        assertThat(second.name()).isEqualTo("李四");
        responses.markCall(second.recipientId(), RecipientStatus.NO_ANSWER);
        PhoneCall third = responses.nextCall(campaignId, second.recipientId()).orElseThrow();
        assertThat(third.name()).isEqualTo("王五");
        responses.markCall(third.recipientId(), RecipientStatus.REFUSED);

        assertThat(responses.nextCall(campaignId, third.recipientId())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT entered_by FROM survey_response WHERE id = ?", String.class, responseId))
                .isEqualTo("phone-staff");
        assertThat(jdbc.queryForObject("SELECT channel FROM survey_response WHERE id = ?", String.class, responseId))
                .isEqualTo("PHONE");
        assertThat(events.stream(ResponseRecorded.class).filter(e -> e.responseId() == responseId))
                .singleElement()
                .satisfies(e -> assertThat(e.npsScore()).isEqualTo(10));
        // a recipient who did not pick up may still answer when called again
        responses.recordPhone(
                second.recipientId(),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 3)));
        assertThatThrownBy(() -> responses.recordPhone(
                        first.recipientId(),
                        List.of(AnswerInput.score(form.questions().getFirst().id(), 1))))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.answer.error.already-answered"));
        assertThatThrownBy(() -> responses.recordPhone(
                        third.recipientId(),
                        List.of(AnswerInput.score(form.questions().getFirst().id(), 1))))
                .isInstanceOf(KeyuanException.class);
    }

    @Test
    void a_closed_campaign_takes_no_phone_answers() {
        Customer a = TestCustomers.create(customers, "PH" + TestData.unique(), "赵六");
        TestSurveys.Sent sent = phoneCampaign(a);
        CampaignDetail c = sent.campaign();
        PhoneCall call = responses.nextCall(c.id(), 0).orElseThrow();
        SystemActor.call(() -> t.campaigns.close(c.id(), c.version()));
        SurveyForm form = responses.campaignForm(c.id());

        assertThatThrownBy(() -> responses.recordPhone(
                        call.recipientId(),
                        List.of(AnswerInput.score(form.questions().getFirst().id(), 9))))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("survey.phone.error.closed"));
        assertThatThrownBy(() -> responses.markCall(call.recipientId(), RecipientStatus.REFUSED))
                .isInstanceOf(KeyuanException.class);
    }

    @Test
    void phone_entry_needs_a_signed_in_staff_member() {
        Customer a = TestCustomers.create(customers, "PH" + TestData.unique(), "钱七");
        TestSurveys.Sent sent = phoneCampaign(a);
        PhoneCall call = responses.nextCall(sent.campaign().id(), 0).orElseThrow();

        TestData.as(
                "nobody",
                () -> assertThatThrownBy(() -> responses.recordPhone(call.recipientId(), List.of()))
                        .isInstanceOf(AccessDeniedException.class));
    }
}
