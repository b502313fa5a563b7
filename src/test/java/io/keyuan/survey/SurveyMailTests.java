package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * E-mail campaigns through a real SMTP server (GreenMail, in this JVM on a loopback port). Only these tests have a
 * mail sender: each puts one (what Spring Boot makes of {@code spring.mail.host} and {@code spring.mail.port}) into
 * the suite's one application context and takes it out afterwards, so the rest of the suite runs without SMTP. (A
 * second context with {@code spring.mail.*} properties would run a second job engine on the same database and
 * broke the tests that ran after it.)
 */
@KeyuanIntegrationTest
class SurveyMailTests {
    private static final int PORT = freePort();
    private static final Pattern TOKEN = Pattern.compile("/a/([A-Za-z0-9_-]{24})");
    private static final String SENDER = "surveyMailTestsSender";

    @Autowired
    ApplicationContext context;

    @Autowired
    PublicAnswerService answers;

    @Autowired
    JdbcTemplate jdbc;

    private GreenMail smtp;
    private TestSurveys t;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(PORT);
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "2000");
        factory().registerSingleton(SENDER, sender);
        t = TestSurveys.from(context);
        TestSurveys.forgetRateLimits(context);
    }

    @AfterEach
    void stop() {
        factory().destroySingleton(SENDER);
        smtp.stop();
    }

    private DefaultListableBeanFactory factory() {
        return (DefaultListableBeanFactory) ((ConfigurableApplicationContext) context).getBeanFactory();
    }

    /** Three customers of a new segment, the first two with an e-mail address. */
    private TestSurveys.World threeOfWhichTwoHaveEmail(String u) {
        return t.segmentOf(3, (c, i) -> c.setEmail(i < 2 ? "kehu" + i + "." + u + "@example.com" : null));
    }

    @Test
    void an_email_campaign_mails_each_recipient_with_an_address_a_link_that_opens_the_survey() throws Exception {
        String u = TestData.unique();
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = threeOfWhichTwoHaveEmail(u);

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.EMAIL, w.segment().id(), null));

        assertThat(sent.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(sent.campaign().recipients()).isEqualTo(3);
        Map<String, Object> summary = sent.job().summary();
        assertThat(summary.get("mailConfigured")).isEqualTo(true);
        assertThat(number(summary, "mailSent")).isEqualTo(2);
        assertThat(number(summary, "mailFailed")).isZero();
        assertThat(number(summary, "mailNoAddress")).isEqualTo(1);

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        List<String> mailed = new ArrayList<>();
        for (MimeMessage mail : mails) {
            String to = Arrays.stream(mail.getAllRecipients())
                    .map(Address::toString)
                    .collect(Collectors.joining());
            assertThat(to).endsWith(u + "@example.com");
            assertThat(mail.getSubject()).contains(survey.name());
            String text = text(mail, "text/plain");
            String html = text(mail, "text/html");
            assertThat(text).contains(survey.name()).contains("客户"); // the greeting names the customer
            assertThat(html).contains("<a href=");
            // nothing about the customer beyond the greeting: not their code, not their address
            for (Customer c : w.members()) {
                assertThat(text).doesNotContain(c.getCode());
            }
            assertThat(text).doesNotContain(to);
            Matcher m = TOKEN.matcher(text);
            assertThat(m.find()).as("a link in " + text).isTrue();
            String token = m.group(1);
            assertThat(html).contains(token);
            mailed.add(token);
            SurveyForm form = answers.open(token, "198.51.100." + mailed.size());
            assertThat(form.surveyId()).isEqualTo(survey.id());
        }
        assertThat(mailed).doesNotHaveDuplicates();

        // the workbook has every link: the two mailed ones, and the third customer's with no address
        assertThat(sent.rows().getFirst()).containsExactly("编号", "名称", "邮箱", "答卷链接", "截止日期");
        assertThat(sent.tokens()).hasSize(3).containsAll(mailed);
        String[] third = sent.rows().stream()
                .filter(r -> r[0] != null && r[0].equals(w.members().get(2).getCode()))
                .findFirst()
                .orElseThrow();
        assertThat(third.length <= TestSurveys.EMAIL_COLUMN || third[TestSurveys.EMAIL_COLUMN] == null)
                .as("no e-mail in " + Arrays.toString(third))
                .isTrue();
        assertThat(mailed).doesNotContain(token(third));
    }

    @Test
    void a_mail_server_that_is_down_fails_the_mails_but_not_the_campaign() {
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = threeOfWhichTwoHaveEmail(TestData.unique());
        smtp.stop();

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.EMAIL, w.segment().id(), null));

        assertThat(sent.campaign().status()).isEqualTo(CampaignStatus.OPEN);
        assertThat(sent.campaign().recipients()).isEqualTo(3);
        Long frozen = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = ? AND token_hash IS NOT NULL",
                Long.class,
                sent.campaign().id());
        assertThat(frozen).isEqualTo(3);
        Map<String, Object> summary = sent.job().summary();
        assertThat(number(summary, "mailSent")).isZero();
        assertThat(number(summary, "mailFailed")).isEqualTo(2);
        assertThat(number(summary, "mailNoAddress")).isEqualTo(1);
        // the links are still to be had from the workbook, and they work
        assertThat(sent.tokens()).hasSize(3);
        assertThat(answers.open(sent.tokens().getFirst(), "198.51.100.77").surveyId())
                .isEqualTo(survey.id());
    }

    @Test
    void undelivered_mails_go_again_with_fresh_links_to_those_who_have_not_answered_and_have_an_address_now()
            throws Exception {
        SurveyDetail survey = t.activeSurvey();
        String u = TestData.unique();
        TestSurveys.World w = threeOfWhichTwoHaveEmail(u);
        smtp.stop();
        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.EMAIL, w.segment().id(), null));
        long campaign = sent.campaign().id();
        assertThat(mailStatuses(campaign)).containsExactly("FAILED", "FAILED", "NO_ADDRESS");
        assertThat(io.keyuan.shared.SystemActor.call(() -> t.campaigns.toRemail(campaign)))
                .isEqualTo(3);

        // meanwhile: the first answers through the workbook's link, the third is given an address
        String first = token(row(sent, w.members().get(0)));
        String second = token(row(sent, w.members().get(1)));
        SurveyForm form = answers.open(first, "198.51.100.20");
        answers.submit(
                first,
                "198.51.100.20",
                List.of(AnswerInput.score(form.questions().getFirst().id(), 9)));
        jdbc.update(
                "UPDATE customer SET email = ? WHERE id = ?",
                "later." + u + "@example.com",
                w.members().get(2).getId());
        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        io.keyuan.shared.jobs.JobId job = io.keyuan.shared.SystemActor.call(() -> t.campaigns.remail(campaign));
        io.keyuan.shared.jobs.JobView done =
                io.keyuan.shared.SystemActor.call(() -> t.jobs().await(job, java.time.Duration.ofMinutes(1)));

        assertThat(number(done.summary(), "mailSent")).isEqualTo(2);
        assertThat(number(done.summary(), "mailFailed")).isZero();
        assertThat(number(done.summary(), "mailNoAddress")).isZero();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(Arrays.stream(mails)
                        .map(m -> {
                            try {
                                return m.getAllRecipients()[0].toString();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList())
                .containsExactlyInAnyOrder(w.members().get(1).getEmail(), "later." + u + "@example.com");
        // each mail's link is new and works; the second's old link (never delivered) works no more
        for (MimeMessage mail : mails) {
            Matcher m = TOKEN.matcher(text(mail, "text/plain"));
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).isNotIn(sent.tokens());
            assertThat(answers.open(m.group(1), "198.51.100.21").surveyId()).isEqualTo(survey.id());
        }
        assertThatThrownBy(() -> answers.open(second, "198.51.100.22"))
                .isInstanceOf(io.keyuan.shared.KeyuanException.class);
        assertThat(mailStatuses(campaign)).containsExactly("FAILED", "SENT", "SENT");
        assertThat(io.keyuan.shared.SystemActor.call(() -> t.campaigns.toRemail(campaign)))
                .isZero();
        // nothing left to mail again; and a staff member may not
        assertThatThrownBy(() -> io.keyuan.shared.SystemActor.call(() -> t.campaigns.remail(campaign)))
                .isInstanceOfSatisfying(
                        io.keyuan.shared.KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("survey.mail.error.nothing-to-remail"));
        assertThatThrownBy(() -> TestData.as("remail-staff", () -> t.campaigns.remail(campaign), "STAFF"))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    private List<String> mailStatuses(long campaign) {
        return jdbc.queryForList(
                "SELECT mail_status FROM survey_recipient WHERE campaign_id = ? ORDER BY customer_id",
                String.class,
                campaign);
    }

    private static String[] row(TestSurveys.Sent sent, Customer c) {
        return sent.rows().stream()
                .filter(r -> r[0] != null && r[0].equals(c.getCode()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void an_online_campaign_mails_nobody_even_with_smtp_configured() {
        SurveyDetail survey = t.activeSurvey();
        TestSurveys.World w = threeOfWhichTwoHaveEmail(TestData.unique());

        TestSurveys.Sent sent =
                t.send(t.draft(survey.id(), CampaignChannel.ONLINE, w.segment().id(), null));

        assertThat(sent.tokens()).hasSize(3);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(sent.job().summary()).doesNotContainKey("mailSent");
    }

    private static String token(String[] row) {
        Matcher m = TOKEN.matcher(row[TestSurveys.LINK_COLUMN]);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static int number(Map<String, Object> summary, String key) {
        assertThat(summary).containsKey(key);
        return ((Number) summary.get(key)).intValue();
    }

    /** The text of the message's first part of the type (the mail is multipart: plain text and HTML). */
    private static String text(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart p = multi.getBodyPart(i);
                String found = text(p, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
