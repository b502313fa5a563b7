package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.segmentation.SegmentMember;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a campaign: freezes its audience (the segment's members as they are now, read page by page by customer id,
 * or the hand-picked customers) into survey_recipient with JDBC batches, in one transaction, so that the list is
 * one consistent snapshot and a failure leaves the campaign a draft-to-resend with no recipients. Online and e-mail
 * recipients each get a link token whose hash alone is stored; the links themselves go into the job's result file,
 * a mail-merge workbook ({@link #LINKS}, written through the exchange module), the one time they exist in full.
 * For an e-mail campaign with SMTP configured, each recipient with an address is then mailed their link
 * ({@link CampaignMailer}). Its summary names {@code recipients} and, for e-mail campaigns, {@value #MAIL_CONFIGURED},
 * {@value #MAIL_SENT}, {@value #MAIL_FAILED} and {@value #MAIL_NO_ADDRESS}.
 */
@Component
class CampaignSendJob implements JobHandler {
    static final String KIND = "survey-campaign-send";
    static final int PAGE = SegmentMembershipService.MAX_PAGE;
    static final String WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String MAIL_CONFIGURED = "mailConfigured";
    static final String MAIL_SENT = "mailSent";
    static final String MAIL_FAILED = "mailFailed";
    static final String MAIL_NO_ADDRESS = "mailNoAddress";

    /** The links workbook: one row per linked recipient, for a mail merge (headers in the manager's language). */
    static final SheetSchema LINKS = new SheetSchema(
            "links",
            List.of(
                    SheetColumn.of("code", "编号", "編號", "Code", ColumnType.TEXT, false, 64),
                    SheetColumn.of("name", "名称", "名稱", "Name", ColumnType.TEXT, false, 200),
                    SheetColumn.of("email", "邮箱", "電子郵件", "E-mail", ColumnType.TEXT, false, 200),
                    SheetColumn.of("link", "答卷链接", "答卷連結", "Link", ColumnType.TEXT, false, 500),
                    SheetColumn.of("closesAt", "截止日期", "截止日期", "Closes on", ColumnType.DATE, false, 10)),
            List.of());

    /** The campaign to send, and the language of the sender (the links workbook's headers); null is zh-CN. */
    record Parameters(long campaignId, String language) {
        Parameters(long campaignId) {
            this(campaignId, null);
        }
    }

    private record Member(long customerId, String code, String name) {}

    private final SegmentMembershipService membership;
    private final CustomerContacts contacts;
    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate transactions;
    private final AnswerLinks links;
    private final ExchangeService exchange;
    private final CampaignMailer mailer;
    private final Clock clock;

    CampaignSendJob(
            SegmentMembershipService membership,
            CustomerContacts contacts,
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions,
            AnswerLinks links,
            ExchangeService exchange,
            CampaignMailer mailer,
            Clock clock) {
        this.membership = membership;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.plain = jdbc.getJdbcTemplate();
        this.transactions = transactions;
        this.links = links;
        this.exchange = exchange;
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

    /** Every manager sees a campaign being sent (the campaign page follows it). */
    @Override
    public String sharedWithRole() {
        return Roles.MANAGER;
    }

    /** A failed send turns the campaign back into a draft; the manager sends it again. */
    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public void run(JobContext context) throws IOException {
        Parameters p = context.parameters(Parameters.class);
        long campaignId = p.campaignId();
        Locale locale = Locale.forLanguageTag(p.language() == null ? "zh-CN" : p.language());
        Map<String, Object> c = jdbc.queryForList("""
                        SELECT c.status, c.channel, c.segment_id, c.closes_at, s.name AS survey_name
                        FROM survey_campaign c JOIN survey s ON s.id = c.survey_id WHERE c.id = :id""", Map.of("id", campaignId)).stream()
                .findFirst()
                .orElseThrow(() -> new KeyuanException("survey.campaign.error.gone"));
        if (!CampaignStatus.SENDING.name().equals(c.get("status"))) {
            throw new KeyuanException("survey.campaign.error.not-sending");
        }
        jdbc.update(
                "UPDATE survey_campaign SET send_job = :job WHERE id = :id",
                Map.of("job", context.id().value(), "id", campaignId));
        CampaignChannel channel = CampaignChannel.valueOf((String) c.get("channel"));
        Long segmentId = c.get("segment_id") == null ? null : ((Number) c.get("segment_id")).longValue();
        Object closing = c.get("closes_at");
        Instant closesAt = (closing instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) closing)
                .toInstant(ZoneOffset.UTC);
        String surveyName = (String) c.get("survey_name");
        long total = segmentId != null ? membership.memberCount(segmentId) : picks(campaignId);
        context.progress(0, total, "survey.campaign.progress.sending");
        Audience audience = new Audience(channel == CampaignChannel.EMAIL && mailer.configured());
        LocalDate closes = closesAt.atZone(BusinessTime.ZONE).toLocalDate();
        int sent;
        try {
            if (channel.linked()) {
                int[] frozen = {0};
                try (OutputStream out = context.resultFile("campaign-" + campaignId + "-links.xlsx", WORKBOOK_TYPE)) {
                    // the freeze runs inside the writer's row source: each page's links go to the workbook's
                    // temporary rows as they are made, and the workbook is finished after the freeze commits
                    exchange.write(
                            LINKS,
                            locale,
                            sink -> frozen[0] = transactions.execute(tx -> freeze(
                                    context,
                                    campaignId,
                                    channel,
                                    segmentId,
                                    total,
                                    (customer, code, name, email, link) -> {
                                        sink.accept(new Object[] {code, name, email, link, closes});
                                        audience.add(customer, email, name, link);
                                    })),
                            out);
                }
                sent = frozen[0];
            } else {
                sent = transactions.execute(tx -> freeze(context, campaignId, channel, segmentId, total, null));
            }
            context.summary("recipients", sent);
        } catch (RuntimeException | IOException e) {
            // nothing was frozen (the transaction rolled back): the campaign is a draft again, to send anew
            jdbc.update(
                    "UPDATE survey_campaign SET status = 'DRAFT', version = version + 1"
                            + " WHERE id = :id AND status = 'SENDING'",
                    Map.of("id", campaignId));
            throw e;
        }
        if (channel == CampaignChannel.EMAIL) {
            mail(context, campaignId, audience, surveyName, closesAt);
        }
        context.progress(total, total);
    }

    /**
     * Mails the e-mail recipients their links, in batches, after the recipients were committed: a mail server that is
     * slow or down never holds the recipients' transaction, and a failed mail only counts as failed (its link is in
     * the workbook). Not cancellable: the campaign is open already, and a cancelled job would lose the workbook.
     */
    private void mail(JobContext context, long campaignId, Audience audience, String surveyName, Instant closesAt) {
        context.summary(MAIL_CONFIGURED, audience.mailing);
        context.summary(MAIL_NO_ADDRESS, audience.noAddress);
        if (!audience.mailing) {
            return;
        }
        int sent = 0;
        int failed = 0;
        List<CampaignMailer.Mail> mails = audience.mails;
        for (int from = 0; from < mails.size(); from += CampaignMailer.BATCH) {
            CampaignMailer.Outcome o = mailer.send(
                    mails.subList(from, Math.min(mails.size(), from + CampaignMailer.BATCH)), surveyName, closesAt);
            markMailed(jdbc, campaignId, o);
            sent += o.sent();
            failed += o.failed();
            context.progress(sent + failed, mails.size(), "survey.mail.progress", sent, failed);
        }
        // whoever was not mailed had no address
        jdbc.update(
                "UPDATE survey_recipient SET mail_status = 'NO_ADDRESS' WHERE campaign_id = :id AND mail_status IS NULL",
                Map.of("id", campaignId));
        context.summary(MAIL_SENT, sent);
        context.summary(MAIL_FAILED, failed);
    }

    /** Receives each linked recipient as it is frozen. */
    @FunctionalInterface
    private interface LinkSink {
        void accept(long customerId, String code, String name, String email, String link);
    }

    /** Who of an e-mail campaign is to be mailed (kept only when SMTP is configured) and who has no address. */
    private static final class Audience {
        final boolean mailing;
        final List<CampaignMailer.Mail> mails = new ArrayList<>();
        int noAddress;

        Audience(boolean mailing) {
            this.mailing = mailing;
        }

        void add(long customerId, String email, String name, String link) {
            if (email == null || email.isBlank()) {
                noAddress++;
            } else if (mailing) {
                mails.add(new CampaignMailer.Mail(customerId, email, name, link));
            }
        }
    }

    /** Writes what became of a batch's mails onto the campaign's recipients (a customer is a recipient once). */
    static void markMailed(NamedParameterJdbcTemplate jdbc, long campaignId, CampaignMailer.Outcome o) {
        for (var status : Map.of("SENT", o.sentTo(), "FAILED", o.failedFor()).entrySet()) {
            if (!status.getValue().isEmpty()) {
                jdbc.update(
                        "UPDATE survey_recipient SET mail_status = :status"
                                + " WHERE campaign_id = :id AND customer_id IN (:customers)",
                        new MapSqlParameterSource("status", status.getKey())
                                .addValue("id", campaignId)
                                .addValue("customers", status.getValue()));
            }
        }
    }

    private int freeze(
            JobContext context, long campaignId, CampaignChannel channel, Long segmentId, long total, LinkSink out) {
        // a retry after a failure starts from nothing (no answer can exist before the campaign opens)
        jdbc.update("DELETE FROM survey_recipient WHERE campaign_id = :id", Map.of("id", campaignId));
        int sent = 0;
        long after = 0;
        while (true) {
            context.throwIfCancelled();
            List<Member> page = segmentId != null ? segmentPage(segmentId, after) : pickPage(campaignId, after);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, CustomerContact> emails = channel == CampaignChannel.EMAIL
                    ? contacts.byIds(page.stream().map(Member::customerId).toList())
                    : Map.of();
            List<byte[]> hashes = new ArrayList<>(page.size());
            for (Member m : page) {
                if (!channel.linked()) {
                    hashes.add(null);
                    continue;
                }
                String token = links.newToken();
                hashes.add(AnswerLinks.hash(token));
                CustomerContact contact = emails.get(m.customerId());
                out.accept(
                        m.customerId(),
                        m.code(),
                        m.name(),
                        contact == null ? null : contact.email(),
                        links.link(token));
            }
            plain.batchUpdate(
                    "INSERT INTO survey_recipient (campaign_id, customer_id, token_hash, status) VALUES (?, ?, ?, 'PENDING')",
                    new BatchPreparedStatementSetter() {
                        @Override
                        public void setValues(PreparedStatement ps, int i) throws SQLException {
                            ps.setLong(1, campaignId);
                            ps.setLong(2, page.get(i).customerId());
                            ps.setBytes(3, hashes.get(i));
                        }

                        @Override
                        public int getBatchSize() {
                            return page.size();
                        }
                    });
            sent += page.size();
            after = page.getLast().customerId();
            context.progress(sent, Math.max(total, sent), "survey.campaign.progress.sending");
        }
        jdbc.update(
                """
                UPDATE survey_campaign SET status = 'OPEN', sent_at = :now, recipients = :n, version = version + 1
                WHERE id = :id AND status = 'SENDING'""",
                Map.of(
                        "id",
                        campaignId,
                        "n",
                        sent,
                        "now",
                        Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))));
        return sent;
    }

    private List<Member> segmentPage(long segmentId, long after) {
        return membership.members(segmentId, after, PAGE).stream()
                .map((SegmentMember m) -> new Member(m.customerId(), m.code(), m.name()))
                .toList();
    }

    private List<Member> pickPage(long campaignId, long after) {
        List<Long> ids = jdbc.queryForList("""
                SELECT customer_id FROM survey_campaign_pick WHERE campaign_id = :id AND customer_id > :after
                ORDER BY customer_id LIMIT :limit""", Map.of("id", campaignId, "after", after, "limit", PAGE), Long.class);
        Map<Long, CustomerContact> who = contacts.byIds(ids);
        // a customer deleted since being picked is left out
        return ids.stream()
                .filter(who::containsKey)
                .map(id -> new Member(id, who.get(id).code(), who.get(id).name()))
                .toList();
    }

    private long picks(long campaignId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_campaign_pick WHERE campaign_id = :id",
                Map.of("id", campaignId),
                Long.class);
        return n == null ? 0 : n;
    }
}
