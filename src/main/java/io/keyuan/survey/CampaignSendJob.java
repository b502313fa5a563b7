package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.segmentation.SegmentMember;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a campaign: freezes its audience (the segment's members as they are now, read page by page by customer id,
 * or the hand-picked customers) into survey_recipient with JDBC batches, in one transaction, so that the list is
 * one consistent snapshot and a failure leaves the campaign a draft-to-resend with no recipients. Online and e-mail
 * recipients each get a link token whose hash alone is stored; the links themselves go into the job's result file
 * (CSV for a mail merge), the one time they exist in full. Its summary names {@code recipients}.
 */
@Component
class CampaignSendJob implements JobHandler {
    static final String KIND = "survey-campaign-send";
    static final int PAGE = SegmentMembershipService.MAX_PAGE;

    /** The campaign to send; everything else is read from it. */
    record Parameters(long campaignId) {}

    private record Member(long customerId, String code, String name) {}

    private final SegmentMembershipService membership;
    private final CustomerContacts contacts;
    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcTemplate plain;
    private final TransactionTemplate transactions;
    private final AnswerLinks links;
    private final Clock clock;

    CampaignSendJob(
            SegmentMembershipService membership,
            CustomerContacts contacts,
            NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions,
            AnswerLinks links,
            Clock clock) {
        this.membership = membership;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.plain = jdbc.getJdbcTemplate();
        this.transactions = transactions;
        this.links = links;
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
        long campaignId = context.parameters(Parameters.class).campaignId();
        Map<String, Object> c = jdbc
                .queryForList(
                        "SELECT status, channel, segment_id FROM survey_campaign WHERE id = :id",
                        Map.of("id", campaignId))
                .stream()
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
        long total = segmentId != null ? membership.memberCount(segmentId) : picks(campaignId);
        context.progress(0, total, "survey.campaign.progress.sending");
        Writer out = channel.linked()
                ? new BufferedWriter(new OutputStreamWriter(
                        context.resultFile("campaign-" + campaignId + "-links.csv", "text/csv"),
                        StandardCharsets.UTF_8))
                : null;
        try {
            if (out != null) {
                out.write('\uFEFF'); // so that Excel reads the CSV as UTF-8
                out.write("code,name,email,link\r\n");
            }
            int sent = transactions.execute(tx -> freeze(context, campaignId, channel, segmentId, total, out));
            context.summary("recipients", sent);
            context.progress(total, total);
        } catch (RuntimeException | IOException e) {
            // nothing was frozen (the transaction rolled back): the campaign is a draft again, to send anew
            jdbc.update(
                    "UPDATE survey_campaign SET status = 'DRAFT', version = version + 1"
                            + " WHERE id = :id AND status = 'SENDING'",
                    Map.of("id", campaignId));
            throw e;
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    private int freeze(
            JobContext context, long campaignId, CampaignChannel channel, Long segmentId, long total, Writer out) {
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
                write(out, m.code(), m.name(), contact == null ? null : contact.email(), links.link(token));
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

    private static void write(Writer out, String... cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csv(cells[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV cell, quoted when needed; a leading =, +, - or @ is defused so that a spreadsheet runs no formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
