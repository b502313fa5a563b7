package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.StaleEdits;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.survey.domain.Survey;
import io.keyuan.survey.domain.SurveyCampaign;
import io.keyuan.survey.domain.SurveyCampaignRepository;
import io.keyuan.survey.domain.SurveyRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: managers prepare, send and close them; staff read them and their recipients. Sending freezes the
 * audience into the recipient list as a job ({@link CampaignSendJob}); a closed campaign, or one past its end,
 * takes no answer.
 */
@Service
@Transactional
public class CampaignService {
    public static final int MAX_PICKS = CustomerContacts.MAX_IDS;
    public static final int MAX_PAGE = 500;

    private final SurveyCampaignRepository campaigns;
    private final SurveyRepository surveys;
    private final SurveyQuestions questions;
    private final CustomerContacts contacts;
    private final JobService jobs;
    private final StaleEdits staleEdits;
    private final NamedParameterJdbcTemplate jdbc;
    private final AnswerLinks links;
    private final CampaignMailer mailer;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    CampaignService(
            SurveyCampaignRepository campaigns,
            SurveyRepository surveys,
            SurveyQuestions questions,
            CustomerContacts contacts,
            JobService jobs,
            StaleEdits staleEdits,
            NamedParameterJdbcTemplate jdbc,
            AnswerLinks links,
            CampaignMailer mailer,
            Clock clock,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        this.campaigns = campaigns;
        this.surveys = surveys;
        this.questions = questions;
        this.contacts = contacts;
        this.jobs = jobs;
        this.staleEdits = staleEdits;
        this.jdbc = jdbc;
        this.links = links;
        this.mailer = mailer;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Every campaign, the latest first, with how many recipients answered. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CampaignRow> list() {
        return jdbc.query(
                """
                SELECT c.id, c.name, s.name AS survey_name, c.channel, c.status, c.opens_at, c.closes_at, c.recipients,
                       (SELECT COUNT(*) FROM survey_response r WHERE r.campaign_id = c.id) AS answered
                FROM survey_campaign c JOIN survey s ON s.id = c.survey_id
                ORDER BY c.id DESC LIMIT 1000""",
                (rs, i) -> new CampaignRow(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("survey_name"),
                        CampaignChannel.valueOf(rs.getString("channel")),
                        CampaignStatus.valueOf(rs.getString("status")),
                        utc(rs, "opens_at"),
                        utc(rs, "closes_at"),
                        rs.getInt("recipients"),
                        rs.getLong("answered")));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public CampaignDetail get(long id) {
        return detail(find(id));
    }

    /** Creates or updates a draft campaign; a campaign that was sent is not edited. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public CampaignDetail save(CampaignDraft d) {
        SurveyCampaign c;
        if (d.id() == null) {
            c = new SurveyCampaign();
        } else {
            c = campaigns.findById(d.id()).orElseThrow(StaleEditException::deleted);
            if (c.getVersion() != d.version()) {
                throw new StaleEditException(c.getUpdatedBy(), c.getUpdatedAt());
            }
            if (c.getStatus() != CampaignStatus.DRAFT) {
                throw new KeyuanException("survey.campaign.error.not-draft");
            }
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            throw KeyuanException.onField("name", "survey.campaign.error.name-required");
        }
        if (name.length() > SurveyCampaign.NAME_LENGTH) {
            throw KeyuanException.onField("name", "survey.error.too-long", SurveyCampaign.NAME_LENGTH);
        }
        if (d.surveyId() == null) {
            throw KeyuanException.onField("survey", "survey.campaign.error.survey-required");
        }
        Survey survey = surveys.findById(d.surveyId())
                .orElseThrow(() -> KeyuanException.onField("survey", "survey.campaign.error.survey-required"));
        if (survey.getStatus() != SurveyStatus.ACTIVE && (c.isNew() || c.getSurveyId() != survey.getId())) {
            throw KeyuanException.onField("survey", "survey.campaign.error.survey-not-active", survey.getCode());
        }
        if (d.channel() == null) {
            throw KeyuanException.onField("channel", "survey.campaign.error.channel-required");
        }
        if (d.opensAt() == null) {
            throw KeyuanException.onField("opensAt", "survey.campaign.error.opens-required");
        }
        if (d.closesAt() == null) {
            throw KeyuanException.onField("closesAt", "survey.campaign.error.closes-required");
        }
        if (!d.closesAt().isAfter(d.opensAt())) {
            throw KeyuanException.onField("closesAt", "survey.campaign.error.period");
        }
        if (!d.closesAt().isAfter(clock.instant())) {
            throw KeyuanException.onField("closesAt", "survey.campaign.error.closes-past");
        }
        List<Long> picks = List.of();
        if (d.segmentId() == null) {
            if (d.customerIds().size() > MAX_PICKS) {
                throw KeyuanException.onField("audience", "survey.campaign.error.too-many-picks", MAX_PICKS);
            }
            picks = contacts.existing(d.customerIds());
        }
        c.setName(name);
        c.setSurveyId(survey.getId());
        c.setChannel(d.channel());
        c.setSegmentId(d.segmentId());
        c.setOpensAt(d.opensAt());
        c.setClosesAt(d.closesAt());
        try {
            c = campaigns.saveAndFlush(c);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("survey_campaign", d.id());
        }
        jdbc.update("DELETE FROM survey_campaign_pick WHERE campaign_id = :id", Map.of("id", c.getId()));
        long id = c.getId();
        jdbc.batchUpdate(
                "INSERT INTO survey_campaign_pick (campaign_id, customer_id) VALUES (:campaign, :customer)",
                picks.stream()
                        .map(p -> new MapSqlParameterSource("campaign", id).addValue("customer", p))
                        .toArray(MapSqlParameterSource[]::new));
        return detail(c);
    }

    /** Deletes a campaign that was never sent. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        SurveyCampaign c = campaigns.findById(id).orElseThrow(StaleEditException::deleted);
        if (c.getVersion() != expectedVersion) {
            throw new StaleEditException(c.getUpdatedBy(), c.getUpdatedAt());
        }
        if (c.getStatus() != CampaignStatus.DRAFT) {
            throw new KeyuanException("survey.campaign.error.not-draft");
        }
        campaigns.delete(c);
    }

    /**
     * Sends the campaign: marks it sending and starts the job that freezes its audience into the recipient list,
     * issuing each online or e-mail recipient a link (the job's result file lists them, for a mail merge).
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public JobId send(long id, long expectedVersion) {
        return send(id, expectedVersion, null);
    }

    /**
     * The same, the links workbook's headers in {@code locale} (the sender's language; null is zh-CN). An e-mail
     * campaign is mailed to every recipient with an address when SMTP is configured ({@link #mailConfigured}).
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public JobId send(long id, long expectedVersion, java.util.Locale locale) {
        // the campaign is marked sending and committed first, so that the job (another thread) finds it so; the
        // job is submitted after that commit, and a refused submit makes the campaign a draft again
        transactions.executeWithoutResult(tx -> markSending(id, expectedVersion));
        SurveyCampaign c = campaigns.findById(id).orElseThrow(StaleEditException::deleted);
        JobId job;
        try {
            job = jobs.submit(JobRequest.of(
                            CampaignSendJob.KIND,
                            new CampaignSendJob.Parameters(id, locale == null ? null : locale.toLanguageTag()))
                    .about("survey.campaign.job-subject", c.getName()));
        } catch (RuntimeException e) {
            jdbc.update(
                    "UPDATE survey_campaign SET status = 'DRAFT', version = version + 1 WHERE id = :id AND status = 'SENDING'",
                    Map.of("id", id));
            throw e;
        }
        // the job names itself on the campaign (CampaignSendJob): an update here would race the job's own writes
        // to the campaign row and could deadlock with its recipient inserts
        return job;
    }

    /**
     * Mails again, as a job, the recipients of an open e-mail campaign who have not answered and whose mail failed
     * or who had no address then — each with their address as it is now and a fresh link ({@link CampaignRemailJob}).
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public JobId remail(long id) {
        SurveyCampaign c = campaigns.findById(id).orElseThrow(StaleEditException::deleted);
        CampaignRemailJob.check(c.getChannel(), c.getStatus(), c.getClosesAt(), clock.instant(), mailConfigured());
        if (CampaignRemailJob.toRemail(jdbc, id) == 0) {
            throw new KeyuanException("survey.mail.error.nothing-to-remail");
        }
        return jobs.submit(JobRequest.of(CampaignRemailJob.KIND, new CampaignRemailJob.Parameters(id))
                .about("survey.mail.remail-subject", c.getName()));
    }

    /** How many recipients {@link #remail} would try: not answered, and their mail failed or had no address. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long toRemail(long id) {
        return CampaignRemailJob.toRemail(jdbc, id);
    }

    /** Whether SMTP is configured: e-mail campaigns are then mailed, else their links are only in the workbook. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(propagation = Propagation.SUPPORTS)
    public boolean mailConfigured() {
        return mailer.configured();
    }

    private void markSending(long id, long expectedVersion) {
        SurveyCampaign c = campaigns.findById(id).orElseThrow(StaleEditException::deleted);
        if (c.getVersion() != expectedVersion) {
            throw new StaleEditException(c.getUpdatedBy(), c.getUpdatedAt());
        }
        if (c.getStatus() != CampaignStatus.DRAFT) {
            throw new KeyuanException("survey.campaign.error.not-draft");
        }
        Survey survey = surveys.findById(c.getSurveyId()).orElseThrow();
        if (survey.getStatus() != SurveyStatus.ACTIVE || questions.questionCount(survey.getId()) == 0) {
            throw KeyuanException.onField("survey", "survey.campaign.error.survey-not-active", survey.getCode());
        }
        if (!c.getClosesAt().isAfter(clock.instant())) {
            throw KeyuanException.onField("closesAt", "survey.campaign.error.closes-past");
        }
        if (c.getSegmentId() == null && pickCount(id) == 0) {
            throw KeyuanException.onField("audience", "survey.campaign.error.no-audience");
        }
        c.setStatus(CampaignStatus.SENDING);
        try {
            campaigns.saveAndFlush(c);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("survey_campaign", id);
        }
    }

    /** Stops the campaign taking answers. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public CampaignDetail close(long id, long expectedVersion) {
        SurveyCampaign c = campaigns.findById(id).orElseThrow(StaleEditException::deleted);
        if (c.getVersion() != expectedVersion) {
            throw new StaleEditException(c.getUpdatedBy(), c.getUpdatedAt());
        }
        if (c.getStatus() != CampaignStatus.OPEN) {
            throw new KeyuanException("survey.campaign.error.not-open");
        }
        c.setStatus(CampaignStatus.CLOSED);
        c.setClosedAt(clock.instant());
        try {
            c = campaigns.saveAndFlush(c);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("survey_campaign", id);
        }
        return detail(c);
    }

    /** A page of the campaign's recipients by id, optionally of one status. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RecipientRow> recipients(long campaignId, RecipientStatus status, int offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("campaign", campaignId)
                .addValue("status", status == null ? null : status.name())
                .addValue("offset", Math.max(0, offset))
                .addValue("limit", Math.clamp(limit, 0, MAX_PAGE));
        // ids first from the (campaign, status, id) index, then the rows: a deep page stays an index scan
        List<Object[]> rows = jdbc.query("""
                SELECT r.id, r.customer_id, r.status, r.answered_at, r.token_hash IS NOT NULL AS linked, x.id AS response_id
                FROM (SELECT id FROM survey_recipient WHERE campaign_id = :campaign
                      AND (:status IS NULL OR status = :status) ORDER BY id LIMIT :limit OFFSET :offset) k
                JOIN survey_recipient r ON r.id = k.id
                LEFT JOIN survey_response x ON x.recipient_id = r.id
                ORDER BY r.id""", p, (rs, i) -> new Object[] {
            rs.getLong("id"),
            rs.getLong("customer_id"),
            RecipientStatus.valueOf(rs.getString("status")),
            utc(rs, "answered_at"),
            rs.getObject("response_id", Long.class),
            rs.getBoolean("linked")
        });
        Map<Long, CustomerContact> who =
                contacts.byIds(rows.stream().map(r -> (Long) r[1]).toList());
        return rows.stream()
                .map(r -> {
                    CustomerContact c = who.get((Long) r[1]);
                    return new RecipientRow(
                            (Long) r[0],
                            (Long) r[1],
                            c == null ? null : c.code(),
                            c == null ? null : c.name(),
                            c == null ? null : c.phone(),
                            (RecipientStatus) r[2],
                            (Instant) r[3],
                            (Long) r[4],
                            (Boolean) r[5]);
                })
                .toList();
    }

    /**
     * Recipients of the phone campaigns taking answers now (open, not past their closing time) who have not been
     * called yet: the calls waiting for staff. One index range per open phone campaign.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long phoneCallsWaiting() {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_campaign c JOIN survey_recipient rc ON rc.campaign_id = c.id"
                        + " AND rc.status = 'PENDING' WHERE c.channel = 'PHONE' AND c.status = 'OPEN'"
                        + " AND (c.closes_at IS NULL OR c.closes_at > :now)",
                new MapSqlParameterSource(
                        "now",
                        java.sql.Timestamp.valueOf(
                                java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))),
                Long.class);
        return n == null ? 0 : n;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long countRecipients(long campaignId, RecipientStatus status) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = :campaign"
                        + " AND (:status IS NULL OR status = :status)",
                new MapSqlParameterSource("campaign", campaignId)
                        .addValue("status", status == null ? null : status.name()),
                Long.class);
        return n == null ? 0 : n;
    }

    /**
     * A new answer link for one recipient of an open online or e-mail campaign who has not answered, to copy and
     * hand over: the link is shown this once (only its hash is kept) and the recipient's previous link stops
     * working.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public RecipientLink issueLink(long recipientId) {
        Map<String, Object> r = jdbc.queryForList("""
                        SELECT r.id, r.customer_id, r.status, c.id AS campaign_id, c.channel, c.status AS campaign_status,
                               c.closes_at
                        FROM survey_recipient r JOIN survey_campaign c ON c.id = r.campaign_id
                        WHERE r.id = :id FOR UPDATE""", Map.of("id", recipientId)).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("survey-recipient", recipientId));
        if (!CampaignChannel.valueOf((String) r.get("channel")).linked()) {
            throw new KeyuanException("survey.campaign.error.phone-no-link");
        }
        if (!CampaignStatus.OPEN.name().equals(r.get("campaign_status"))) {
            throw new KeyuanException("survey.campaign.error.not-open");
        }
        if (!RecipientStatus.PENDING.name().equals(r.get("status"))) {
            throw new KeyuanException("survey.campaign.error.already-answered");
        }
        String token = links.newToken();
        jdbc.update(
                "UPDATE survey_recipient SET token_hash = :hash WHERE id = :id",
                new MapSqlParameterSource("hash", AnswerLinks.hash(token)).addValue("id", recipientId));
        long customerId = ((Number) r.get("customer_id")).longValue();
        CustomerContact c = contacts.byIds(List.of(customerId)).get(customerId);
        return new RecipientLink(
                recipientId,
                customerId,
                c == null ? null : c.code(),
                c == null ? null : c.name(),
                c == null ? null : c.email(),
                links.link(token));
    }

    private long pickCount(long campaignId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_campaign_pick WHERE campaign_id = :id",
                Map.of("id", campaignId),
                Long.class);
        return n == null ? 0 : n;
    }

    private SurveyCampaign find(long id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("survey-campaign", id));
    }

    private CampaignDetail detail(SurveyCampaign c) {
        Survey s = surveys.findById(c.getSurveyId()).orElseThrow();
        List<Long> picks = jdbc.queryForList(
                "SELECT customer_id FROM survey_campaign_pick WHERE campaign_id = :id ORDER BY customer_id",
                Map.of("id", c.getId()),
                Long.class);
        Long answered = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_response WHERE campaign_id = :id", Map.of("id", c.getId()), Long.class);
        return new CampaignDetail(
                c.getId(),
                c.getVersion(),
                c.getName(),
                s.getId(),
                s.getCode(),
                s.getName(),
                c.getChannel(),
                c.getSegmentId(),
                picks,
                c.getStatus(),
                c.getOpensAt(),
                c.getClosesAt(),
                c.getSentAt(),
                c.getClosedAt(),
                c.getRecipients(),
                answered == null ? 0 : answered,
                c.getSendJob() == null ? null : JobId.of(c.getSendJob()),
                c.getUpdatedBy(),
                c.getUpdatedAt());
    }

    static Instant utc(ResultSet rs, String column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
