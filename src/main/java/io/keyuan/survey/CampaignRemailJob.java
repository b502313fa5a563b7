package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails again the recipients of an open e-mail campaign whose mail failed or who had no address when it was sent,
 * and who have not answered: each with their e-mail address as it is now and a fresh link (the first one never
 * reached them; only the new link's hash is kept, and the old link stops working). A recipient still without an
 * address stays NO_ADDRESS. The new link is written in the same short transaction as the recipient's status, page by
 * page, before the mails of that page go out, so a crash leaves no recipient with a link that was never kept.
 */
@Component
class CampaignRemailJob implements JobHandler {
    static final String KIND = "survey-campaign-remail";
    static final int PAGE = CampaignMailer.BATCH;

    record Parameters(long campaignId) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CustomerContacts contacts;
    private final AnswerLinks links;
    private final CampaignMailer mailer;
    private final Clock clock;

    CampaignRemailJob(
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions,
            CustomerContacts contacts,
            AnswerLinks links,
            CampaignMailer mailer,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.contacts = contacts;
        this.links = links;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    @Override
    public boolean oneAtATime() {
        return true;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) {
        long campaignId = context.parameters(Parameters.class).campaignId();
        Map<String, Object> c = jdbc.queryForList("""
                        SELECT c.status, c.channel, c.closes_at, s.name AS survey_name
                        FROM survey_campaign c JOIN survey s ON s.id = c.survey_id WHERE c.id = :id""", Map.of("id", campaignId)).stream()
                .findFirst()
                .orElseThrow(() -> new KeyuanException("survey.campaign.error.gone"));
        Instant closesAt = ((Timestamp) c.get("closes_at")).toLocalDateTime().toInstant(ZoneOffset.UTC);
        check(
                CampaignChannel.valueOf((String) c.get("channel")),
                CampaignStatus.valueOf((String) c.get("status")),
                closesAt,
                clock.instant(),
                mailer.configured());
        String surveyName = (String) c.get("survey_name");
        long total = toRemail(jdbc, campaignId);
        int sent = 0;
        int failed = 0;
        int noAddress = 0;
        long after = 0;
        context.progress(0, total, "survey.mail.progress", 0, 0);
        while (true) {
            context.throwIfCancelled();
            List<Map<String, Object>> page = jdbc.queryForList(
                    "SELECT id, customer_id FROM survey_recipient WHERE campaign_id = :id AND id > :after"
                            + " AND status = 'PENDING' AND mail_status IN ('FAILED', 'NO_ADDRESS')"
                            + " ORDER BY id LIMIT :limit",
                    Map.of("id", campaignId, "after", after, "limit", PAGE));
            if (page.isEmpty()) {
                break;
            }
            after = ((Number) page.getLast().get("id")).longValue();
            List<Long> customers = page.stream()
                    .map(r -> ((Number) r.get("customer_id")).longValue())
                    .toList();
            Map<Long, CustomerContact> who = contacts.byIds(customers);
            List<CampaignMailer.Mail> mails = new ArrayList<>();
            List<Long> without = new ArrayList<>();
            transactions.executeWithoutResult(tx -> {
                for (Map<String, Object> r : page) {
                    long customer = ((Number) r.get("customer_id")).longValue();
                    CustomerContact contact = who.get(customer);
                    if (contact == null
                            || contact.email() == null
                            || contact.email().isBlank()) {
                        without.add(customer);
                        continue;
                    }
                    String token = links.newToken();
                    // only a recipient still waiting gets the new link: one who answered meanwhile keeps theirs
                    int changed = jdbc.update(
                            "UPDATE survey_recipient SET token_hash = :hash WHERE id = :id AND status = 'PENDING'",
                            new MapSqlParameterSource("hash", AnswerLinks.hash(token)).addValue("id", r.get("id")));
                    if (changed == 1) {
                        mails.add(
                                new CampaignMailer.Mail(customer, contact.email(), contact.name(), links.link(token)));
                    }
                }
            });
            CampaignMailer.Outcome o = mailer.send(mails, surveyName, closesAt);
            CampaignSendJob.markMailed(jdbc, campaignId, o);
            sent += o.sent();
            failed += o.failed();
            noAddress += without.size();
            context.progress(sent + failed + noAddress, total, "survey.mail.progress", sent, failed);
        }
        context.summary(CampaignSendJob.MAIL_CONFIGURED, true);
        context.summary(CampaignSendJob.MAIL_SENT, sent);
        context.summary(CampaignSendJob.MAIL_FAILED, failed);
        context.summary(CampaignSendJob.MAIL_NO_ADDRESS, noAddress);
    }

    /** Why a campaign cannot be mailed again, if it cannot. */
    static void check(
            CampaignChannel channel, CampaignStatus status, Instant closesAt, Instant now, boolean mailConfigured) {
        if (channel != CampaignChannel.EMAIL) {
            throw new KeyuanException("survey.mail.error.not-email");
        }
        if (status != CampaignStatus.OPEN || !now.isBefore(closesAt)) {
            throw new KeyuanException("survey.campaign.error.not-open");
        }
        if (!mailConfigured) {
            throw new KeyuanException("survey.mail.error.no-smtp");
        }
    }

    /** The recipients a re-mail would try: not answered, and their mail failed or they had no address. */
    static long toRemail(NamedParameterJdbcTemplate jdbc, long campaignId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = :id AND status = 'PENDING'"
                        + " AND mail_status IN ('FAILED', 'NO_ADDRESS')",
                Map.of("id", campaignId),
                Long.class);
        return n == null ? 0 : n;
    }
}
