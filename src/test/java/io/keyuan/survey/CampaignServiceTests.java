package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.segmentation.SegmentMember;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Campaigns: sending freezes the audience with hashed links; drafts only are edited; closing stops answers. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "campaign-manager",
        roles = {"STAFF", "MANAGER"})
class CampaignServiceTests {
    @Autowired
    CampaignService campaigns;

    @Autowired
    CustomerService customers;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(context);
    }

    private List<Long> recipientCustomers(long campaignId) {
        return jdbc.queryForList(
                "SELECT customer_id FROM survey_recipient WHERE campaign_id = ? ORDER BY customer_id",
                Long.class,
                campaignId);
    }

    @Test
    void sending_to_a_segment_freezes_its_members_and_later_changes_leave_the_list_alone() {
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = t.segmentOf(3);

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.ONLINE, w.segment().id(), null));

        List<Long> members = w.members().stream().map(Customer::getId).sorted().toList();
        assertThat(sent.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(sent.campaign().recipients()).isEqualTo(3);
        assertThat(sent.job().summary().get("recipients")).isEqualTo(3);
        assertThat(recipientCustomers(sent.campaign().id())).isEqualTo(members);

        // a newcomer enters the segment and a member leaves it
        Customer newcomer = TestCustomers.create(customers, "SVN" + TestData.unique(), "新人", c -> c.setCity(w.city()));
        Customer leaver =
                SystemActor.call(() -> customers.get(w.members().getFirst().getId()));
        leaver.setCity("别处" + TestData.unique());
        SystemActor.call(() -> customers.save(leaver));
        t.refresh(w.ruleSetId());
        List<Long> nowIn = membership.members(w.segment().id(), 0, 100).stream()
                .map(SegmentMember::customerId)
                .toList();
        assertThat(nowIn).contains(newcomer.getId()).doesNotContain(leaver.getId());

        assertThat(recipientCustomers(sent.campaign().id())).isEqualTo(members);
    }

    @Test
    void online_recipients_get_unguessable_links_of_which_only_the_hash_is_stored() {
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = t.segmentOf(2);

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.ONLINE, w.segment().id(), null));

        assertThat(sent.tokens()).hasSize(2).doesNotHaveDuplicates();
        for (String token : sent.tokens()) {
            // 144 random bits in base64url
            assertThat(token).matches("[A-Za-z0-9_-]{24}");
            String hex = HexFormat.of().formatHex(AnswerLinks.hash(token));
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = ? AND HEX(token_hash) = UPPER(?)",
                            Long.class,
                            sent.campaign().id(),
                            hex))
                    .isEqualTo(1);
        }
        // the token itself is nowhere in the recipient rows
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = ? AND (HEX(token_hash) = HEX(?)"
                                + " OR status = ?)",
                        Long.class,
                        sent.campaign().id(),
                        sent.tokens().getFirst(),
                        sent.tokens().getFirst()))
                .isZero();
    }

    @Test
    void a_phone_campaign_to_picked_customers_freezes_them_without_links() {
        SurveyDetail survey = t.activeSurvey();
        Customer a = TestCustomers.create(customers, "PK" + TestData.unique(), "甲客户");
        Customer b = TestCustomers.create(customers, "PK" + TestData.unique(), "乙客户");

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.PHONE, null, List.of(a.getId(), b.getId(), 999_999_999L)));

        assertThat(recipientCustomers(sent.campaign().id())).containsExactly(a.getId(), b.getId());
        assertThat(sent.job().resultAvailable()).isFalse();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = ? AND token_hash IS NOT NULL",
                        Long.class,
                        sent.campaign().id()))
                .isZero();
        assertThat(campaigns.recipients(sent.campaign().id(), RecipientStatus.PENDING, 0, 50))
                .extracting(RecipientRow::name)
                .containsExactly("甲客户", "乙客户");
    }

    @Test
    void a_sent_campaign_is_not_edited_sent_again_or_deleted() {
        SurveyDetail survey = t.activeSurvey();
        Customer a = TestCustomers.create(customers, "PK" + TestData.unique(), "甲");
        TestSurveys.Sent sent = t.send(t.draft(survey.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));
        CampaignDetail c = sent.campaign();

        assertThatThrownBy(() -> campaigns.save(c.draft()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.campaign.error.not-draft"));
        assertThatThrownBy(() -> campaigns.send(c.id(), c.version()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.campaign.error.not-draft"));
        assertThatThrownBy(() -> campaigns.delete(c.id(), c.version()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.campaign.error.not-draft"));
    }

    @Test
    void bad_campaigns_are_refused_on_the_field_at_fault() {
        SurveyDetail survey = t.activeSurvey();
        SurveyDetail draftSurvey = t.surveys.save(
                new SurveyDraft(null, 0, "DR-" + TestData.unique(), "草稿", SurveyStatus.DRAFT, TestSurveys.allKinds()));
        CampaignDraft ok = t.draft(survey.id(), CampaignChannel.ONLINE, null, List.of());
        Instant now = Instant.now();

        assertThatThrownBy(() -> campaigns.save(new CampaignDraft(
                        null,
                        0,
                        "活动",
                        draftSurvey.id(),
                        CampaignChannel.ONLINE,
                        null,
                        List.of(),
                        ok.opensAt(),
                        ok.closesAt())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("survey"));
        assertThatThrownBy(() -> campaigns.save(new CampaignDraft(
                        null,
                        0,
                        "活动",
                        survey.id(),
                        CampaignChannel.ONLINE,
                        null,
                        List.of(),
                        now,
                        now.minusSeconds(60))))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("closesAt");
                    assertThat(e.messageKey()).isEqualTo("survey.campaign.error.period");
                });
        assertThatThrownBy(() -> campaigns.save(new CampaignDraft(
                        null,
                        0,
                        "活动",
                        survey.id(),
                        CampaignChannel.ONLINE,
                        null,
                        List.of(),
                        now.minus(3, ChronoUnit.DAYS),
                        now.minus(1, ChronoUnit.DAYS))))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.campaign.error.closes-past"));
        CampaignDetail empty = campaigns.save(ok);
        assertThatThrownBy(() -> campaigns.send(empty.id(), empty.version()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.campaign.error.no-audience"));
    }

    @Test
    void staff_read_campaigns_but_cannot_run_them() {
        SurveyDetail survey = t.activeSurvey();
        Customer a = TestCustomers.create(customers, "PK" + TestData.unique(), "甲");
        CampaignDetail c = campaigns.save(t.draft(survey.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));

        TestData.as(
                "campaign-staff",
                () -> {
                    assertThat(campaigns.get(c.id()).name()).isEqualTo(c.name());
                    assertThatThrownBy(
                                    () -> campaigns.save(t.draft(survey.id(), CampaignChannel.ONLINE, null, List.of())))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> campaigns.send(c.id(), c.version()))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> campaigns.close(c.id(), c.version()))
                            .isInstanceOf(AccessDeniedException.class);
                },
                "STAFF");
        assertThat(campaigns.get(c.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }
}
