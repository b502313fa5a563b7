package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring Boot's own mail configuration decides whether campaigns are mailed: with {@code spring.mail.host} the
 * mailer has a sender and its mails reach the server; without it there is none. (No database: a small context of
 * the mail auto-configuration and the mailer alone.)
 */
class CampaignMailerConfigTests {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withBean(KeyuanI18NProvider.class)
            .withBean(CampaignMailer.class);

    @Test
    void without_spring_mail_host_nothing_is_configured() {
        runner.run(context ->
                assertThat(context.getBean(CampaignMailer.class).configured()).isFalse());
    }

    @Test
    void spring_mail_host_makes_the_mailer_send_through_that_server() {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            runner.withPropertyValues(
                            "spring.mail.host=127.0.0.1",
                            "spring.mail.port=" + port,
                            "keyuan.mail.from=survey@example.com")
                    .run(context -> {
                        CampaignMailer mailer = context.getBean(CampaignMailer.class);
                        assertThat(mailer.configured()).isTrue();
                        CampaignMailer.Outcome o = mailer.send(
                                List.of(new CampaignMailer.Mail(1L, "a@example.com", "王先生", "http://localhost/a/x")),
                                "春季满意度",
                                Instant.now().plus(3, ChronoUnit.DAYS));
                        assertThat(o).isEqualTo(new CampaignMailer.Outcome(List.of(1L), List.of()));
                    });
            MimeMessage[] got = smtp.getReceivedMessages();
            assertThat(got).hasSize(1);
            assertThat(got[0].getSubject()).contains("春季满意度");
            assertThat(got[0].getFrom()[0].toString()).isEqualTo("survey@example.com");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_malformed_address_counts_as_failed_and_the_others_go_out() {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            runner.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + port)
                    .run(context -> {
                        CampaignMailer.Outcome o = context.getBean(CampaignMailer.class)
                                .send(
                                        List.of(
                                                new CampaignMailer.Mail(
                                                        1L, "not an address", "甲", "http://localhost/a/1"),
                                                new CampaignMailer.Mail(
                                                        2L, "b@example.com", "乙", "http://localhost/a/2")),
                                        "调查",
                                        Instant.now().plus(1, ChronoUnit.DAYS));
                        assertThat(o).isEqualTo(new CampaignMailer.Outcome(List.of(2L), List.of(1L)));
                    });
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        } finally {
            smtp.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
