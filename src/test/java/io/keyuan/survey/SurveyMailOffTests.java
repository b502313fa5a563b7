package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without {@code spring.mail.host} (the suite's own configuration) an e-mail campaign mails nothing. */
@KeyuanIntegrationTest
class SurveyMailOffTests {
    @Autowired
    ApplicationContext context;

    @Test
    void without_smtp_an_email_campaign_mails_nothing_and_every_link_is_in_the_workbook() {
        TestSurveys t = TestSurveys.from(context);
        String u = TestData.unique();
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = t.segmentOf(3, (c, i) -> c.setEmail("ke" + i + "." + u + "@example.com"));

        assertThat(SystemActor.call(() -> t.campaigns.mailConfigured())).isFalse();
        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.EMAIL, w.segment().id(), null));

        assertThat(sent.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(sent.job().summary().get("mailConfigured")).isEqualTo(false);
        assertThat(sent.job().summary()).doesNotContainKeys("mailSent", "mailFailed");
        assertThat(sent.tokens()).hasSize(3).doesNotHaveDuplicates();
        // header and three recipients, each with the address a mail merge needs
        assertThat(sent.rows()).hasSize(4);
        assertThat(sent.rows().subList(1, 4))
                .allSatisfy(r -> assertThat(r[TestSurveys.EMAIL_COLUMN]).endsWith(u + "@example.com"));
    }
}
