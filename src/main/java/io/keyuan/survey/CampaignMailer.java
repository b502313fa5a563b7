package io.keyuan.survey;

import io.keyuan.shared.i18n.KeyuanI18NProvider;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mails of an e-mail campaign: each recipient's own answer link, with the survey's name and the closing time,
 * in plain text and simple HTML. There is a mail sender only when {@code spring.mail.host} is set (Spring Boot's
 * mail auto-configuration); without one nothing is mailed and the links workbook is the way to reach people.
 *
 * <p>Mails go out in batches over one SMTP connection each; a refused address or a server that is down counts as
 * failed and never fails the send (the recipients are already frozen, the workbook still has every link).
 */
@Component
class CampaignMailer {
    static final int BATCH = 50;
    /** The project keeps no language per customer: mails are in the portal's default language. */
    static final Locale MAIL_LOCALE = Locale.forLanguageTag("zh-CN");

    private static final Logger log = LoggerFactory.getLogger(CampaignMailer.class);

    /** One mail to send: the recipient's customer, the address, the greeting's name and the link. */
    record Mail(long customerId, String email, String name, String link) {}

    /** What became of a batch of mails: the customers mailed and those whose mail failed. */
    record Outcome(List<Long> sentTo, List<Long> failedFor) {
        int sent() {
            return sentTo.size();
        }

        int failed() {
            return failedFor.size();
        }
    }

    private final ObjectProvider<JavaMailSender> senders;
    private final KeyuanI18NProvider i18n;
    private final String from;

    CampaignMailer(
            ObjectProvider<JavaMailSender> senders,
            KeyuanI18NProvider i18n,
            @Value("${keyuan.mail.from:${spring.mail.username:keyuan@localhost}}") String from) {
        this.senders = senders;
        this.i18n = i18n;
        this.from = from;
    }

    /** Whether SMTP is configured, so that e-mail campaigns are mailed. */
    boolean configured() {
        return senders.getIfAvailable() != null;
    }

    /** Sends one batch (at most {@link #BATCH}) of mails for the survey, which closes at {@code closesAt}. */
    Outcome send(List<Mail> batch, String surveyName, Instant closesAt) {
        JavaMailSender sender = senders.getIfAvailable();
        List<Long> failed = new ArrayList<>();
        if (sender == null || batch.isEmpty()) {
            batch.forEach(m -> failed.add(m.customerId()));
            return new Outcome(List.of(), failed);
        }
        // which customer each prepared message is for, by identity: the server names the messages it refused
        Map<MimeMessage, Long> messages = new IdentityHashMap<>();
        for (Mail m : batch) {
            try {
                messages.put(message(sender, m, surveyName, closesAt), m.customerId());
            } catch (MessagingException | RuntimeException e) {
                failed.add(m.customerId()); // an address the mail library refuses
                log.warn("Survey mail not prepared: {}", e.getMessage());
            }
        }
        if (messages.isEmpty()) {
            return new Outcome(List.of(), failed);
        }
        Set<Object> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // per message: the server refused some, or the connection failed (then all of them count as failed)
            if (e.getFailedMessages().isEmpty()) {
                refused.addAll(messages.keySet());
            } else {
                refused.addAll(e.getFailedMessages().keySet());
            }
            log.warn("Survey mails failed: {} of {}: {}", refused.size(), messages.size(), e.getMessage());
        } catch (MailException e) {
            refused.addAll(messages.keySet());
            log.warn("Survey mails failed: {}", e.getMessage());
        }
        List<Long> sent = new ArrayList<>();
        messages.forEach((message, customer) -> (refused.contains(message) ? failed : sent).add(customer));
        return new Outcome(sent, failed);
    }

    private MimeMessage message(JavaMailSender sender, Mail m, String surveyName, Instant closes)
            throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(m.email().strip());
        helper.setSubject(i18n.getTranslation("survey.mail.subject", MAIL_LOCALE, surveyName));
        String name = m.name() == null ? "" : m.name();
        String greeting = i18n.getTranslation("survey.mail.greeting", MAIL_LOCALE, name);
        String invite = i18n.getTranslation("survey.mail.invite", MAIL_LOCALE, surveyName);
        // the provider writes an instant as a date and time in the business time zone
        String until = i18n.getTranslation("survey.mail.closes", MAIL_LOCALE, closes);
        String once = i18n.getTranslation("survey.mail.once", MAIL_LOCALE);
        String text = greeting + "\n\n" + invite + "\n" + m.link() + "\n\n" + until + "\n" + once + "\n";
        String html = "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<p>" + HtmlUtils.htmlEscape(greeting) + "</p>"
                + "<p>" + HtmlUtils.htmlEscape(invite) + "</p>"
                + "<p><a href=\"" + HtmlUtils.htmlEscape(m.link()) + "\">" + HtmlUtils.htmlEscape(m.link())
                + "</a></p>"
                + "<p>" + HtmlUtils.htmlEscape(until) + "<br>" + HtmlUtils.htmlEscape(once) + "</p>"
                + "</body></html>";
        helper.setText(text, html);
        return message;
    }
}
