package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Responses as staff handle them: the phone entry form working through a phone campaign's recipients (record the
 * answers, or mark "no answer" / "refused" and go on), and the answers of a recorded response.
 */
@Service
@Transactional
public class ResponseService {
    /** A recipient who did not pick up may be called again and answer then. */
    private static final Set<RecipientStatus> CALLABLE = Set.of(RecipientStatus.PENDING, RecipientStatus.NO_ANSWER);

    private final NamedParameterJdbcTemplate jdbc;
    private final ResponseRecorder recorder;
    private final CustomerContacts contacts;
    private final Clock clock;

    ResponseService(
            NamedParameterJdbcTemplate jdbc, ResponseRecorder recorder, CustomerContacts contacts, Clock clock) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The campaign's survey as the phone entry form asks it. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public SurveyForm campaignForm(long campaignId) {
        Map<String, Object> c = campaign(campaignId);
        long surveyId = ((Number) c.get("survey_id")).longValue();
        return new SurveyForm(surveyId, (String) c.get("survey_name"), recorder.questionsOf(surveyId));
    }

    /**
     * The next recipient not yet called after {@code afterRecipientId} (from the start when there is none after
     * it), in a phone campaign taking answers; empty when every recipient was called.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<PhoneCall> nextCall(long campaignId, long afterRecipientId) {
        Map<String, Object> c = campaign(campaignId);
        if (!"PHONE".equals(c.get("channel"))) {
            throw new KeyuanException("survey.phone.error.not-phone");
        }
        List<Map<String, Object>> next = jdbc.queryForList(
                """
                (SELECT id, customer_id, 0 AS wrapped FROM survey_recipient
                 WHERE campaign_id = :campaign AND status = 'PENDING' AND id > :after ORDER BY id LIMIT 1)
                UNION ALL
                (SELECT id, customer_id, 1 AS wrapped FROM survey_recipient
                 WHERE campaign_id = :campaign AND status = 'PENDING' ORDER BY id LIMIT 1)
                ORDER BY wrapped LIMIT 1""", new MapSqlParameterSource("campaign", campaignId).addValue("after", afterRecipientId));
        if (next.isEmpty()) {
            return Optional.empty();
        }
        long recipientId = ((Number) next.getFirst().get("id")).longValue();
        long customerId = ((Number) next.getFirst().get("customer_id")).longValue();
        Long remaining = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = :campaign AND status = 'PENDING'",
                Map.of("campaign", campaignId),
                Long.class);
        CustomerContact who = contacts.byIds(List.of(customerId)).get(customerId);
        return Optional.of(new PhoneCall(
                recipientId,
                customerId,
                who == null ? null : who.code(),
                who == null ? null : who.name(),
                who == null ? null : who.phone(),
                remaining == null ? 0 : remaining));
    }

    /** Records the answers a recipient gave on the phone; refused once the recipient answered. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long recordPhone(long recipientId, List<AnswerInput> answers) {
        ResponseRecorder.Target target = phoneTarget(recipientId);
        return recorder.record(target, answers, currentUser(), CALLABLE);
    }

    /** Marks a call that reached no one, or a recipient who would not answer, so the form goes on to the next. */
    @PreAuthorize(Roles.HAS_STAFF)
    public void markCall(long recipientId, RecipientStatus outcome) {
        if (outcome != RecipientStatus.NO_ANSWER && outcome != RecipientStatus.REFUSED) {
            throw new KeyuanException("survey.phone.error.outcome");
        }
        phoneTarget(recipientId);
        int n = jdbc.update(
                """
                UPDATE survey_recipient SET status = :status, called_at = :at, called_by = :by
                WHERE id = :id AND status IN ('PENDING', 'NO_ANSWER')""",
                new MapSqlParameterSource("status", outcome.name())
                        .addValue("id", recipientId)
                        .addValue("by", currentUser())
                        .addValue("at", Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))));
        if (n != 1) {
            throw new KeyuanException("survey.answer.error.already-answered");
        }
    }

    /** What a response answered, question by question in the survey's order. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<AnswerView> answers(long responseId) {
        List<Map<String, Object>> head =
                jdbc.queryForList("SELECT survey_id FROM survey_response WHERE id = :id", Map.of("id", responseId));
        if (head.isEmpty()) {
            throw new NotFoundException("survey-response", responseId);
        }
        long surveyId = ((Number) head.getFirst().get("survey_id")).longValue();
        Map<Long, SurveyForm.Question> questions = new LinkedHashMap<>();
        for (SurveyForm.Question q : recorder.questionsOf(surveyId)) {
            questions.put(q.id(), q);
        }
        Map<Long, Integer> scores = new LinkedHashMap<>();
        Map<Long, List<Long>> options = new LinkedHashMap<>();
        Map<Long, String> texts = new LinkedHashMap<>();
        jdbc.query(
                "SELECT question_id, score, option_id, text_value FROM survey_answer WHERE response_id = :id ORDER BY id",
                Map.of("id", responseId),
                rs -> {
                    long q = rs.getLong("question_id");
                    Integer score = rs.getObject("score", Integer.class);
                    Long option = rs.getObject("option_id", Long.class);
                    if (score != null) {
                        scores.put(q, score);
                    }
                    if (option != null) {
                        options.computeIfAbsent(q, k -> new ArrayList<>()).add(option);
                    }
                    if (rs.getString("text_value") != null) {
                        texts.put(q, rs.getString("text_value"));
                    }
                });
        List<AnswerView> views = new ArrayList<>();
        for (SurveyForm.Question q : questions.values()) {
            List<LocalizedText> chosen = new ArrayList<>();
            for (Long o : options.getOrDefault(q.id(), List.of())) {
                q.options().stream().filter(x -> x.id() == o).findFirst().ifPresent(x -> chosen.add(x.text()));
            }
            views.add(new AnswerView(q.id(), q.kind(), q.text(), scores.get(q.id()), chosen, texts.get(q.id())));
        }
        return views;
    }

    /** The response with its survey's and campaign's names and its answers. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public ResponseSummary summary(long responseId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT r.id, r.channel, r.answered_at, c.id AS campaign_id, c.name AS campaign_name, s.name AS survey_name
                FROM survey_response r JOIN survey_campaign c ON c.id = r.campaign_id JOIN survey s ON s.id = r.survey_id
                WHERE r.id = :id""", Map.of("id", responseId));
        if (rows.isEmpty()) {
            throw new NotFoundException("survey-response", responseId);
        }
        Map<String, Object> r = rows.getFirst();
        return new ResponseSummary(
                responseId,
                (String) r.get("survey_name"),
                ((Number) r.get("campaign_id")).longValue(),
                (String) r.get("campaign_name"),
                CampaignChannel.valueOf((String) r.get("channel")),
                ((Timestamp) r.get("answered_at")).toLocalDateTime().toInstant(ZoneOffset.UTC),
                answers(responseId));
    }

    private ResponseRecorder.Target phoneTarget(long recipientId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT r.id, r.customer_id, c.id AS campaign_id, c.survey_id, c.channel, c.status, c.opens_at, c.closes_at
                FROM survey_recipient r JOIN survey_campaign c ON c.id = r.campaign_id WHERE r.id = :id""", Map.of("id", recipientId));
        if (rows.isEmpty()) {
            throw new NotFoundException("survey-recipient", recipientId);
        }
        Map<String, Object> r = rows.getFirst();
        if (!"PHONE".equals(r.get("channel"))) {
            throw new KeyuanException("survey.phone.error.not-phone");
        }
        java.time.Instant now = clock.instant();
        java.time.Instant opens =
                ((Timestamp) r.get("opens_at")).toLocalDateTime().toInstant(ZoneOffset.UTC);
        java.time.Instant closes =
                ((Timestamp) r.get("closes_at")).toLocalDateTime().toInstant(ZoneOffset.UTC);
        if (!"OPEN".equals(r.get("status")) || now.isBefore(opens) || !now.isBefore(closes)) {
            throw new KeyuanException("survey.phone.error.closed");
        }
        return new ResponseRecorder.Target(
                recipientId,
                ((Number) r.get("campaign_id")).longValue(),
                ((Number) r.get("survey_id")).longValue(),
                ((Number) r.get("customer_id")).longValue(),
                CampaignChannel.PHONE);
    }

    private Map<String, Object> campaign(long campaignId) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT c.id, c.survey_id, c.channel, s.name AS survey_name
                FROM survey_campaign c JOIN survey s ON s.id = c.survey_id WHERE c.id = :id""", Map.of("id", campaignId));
        if (rows.isEmpty()) {
            throw new NotFoundException("survey-campaign", campaignId);
        }
        return rows.getFirst();
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
