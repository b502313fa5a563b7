package io.keyuan.survey;

import io.keyuan.shared.KeyuanException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The one way a response is written, whichever path it came by (public link, phone entry, a sheet's import): checks the answers
 * against the survey's questions, writes the response and its answers and marks the recipient answered in the
 * caller's transaction, and publishes {@link ResponseRecorded} (heard after the commit by transactional
 * listeners). A recipient answers once: the conditional update and the unique recipient of survey_response refuse a
 * second response even when two arrive at the same moment.
 */
@Component
class ResponseRecorder {
    public static final int MAX_TEXT = 2000;

    /** Who is answering: a recipient of a campaign. */
    record Target(long recipientId, long campaignId, long surveyId, Long customerId, CampaignChannel channel) {}

    /** Thrown when the recipient has answered already (or just now, in a racing request). */
    static final class AlreadyAnswered extends KeyuanException {
        AlreadyAnswered() {
            super("survey.answer.error.already-answered");
        }
    }

    private record Row(long questionId, Integer score, Long optionId, String text) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final SurveyQuestions questions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ResponseRecorder(
            NamedParameterJdbcTemplate jdbc, SurveyQuestions questions, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.questions = questions;
        this.events = events;
        this.clock = clock;
    }

    /** The survey's questions as answers are checked against them. */
    List<SurveyForm.Question> questionsOf(long surveyId) {
        return questions.load(surveyId);
    }

    /**
     * Records the response; {@code enteredBy} is the staff member who typed it, null for the respondent's own.
     * {@code acceptedFrom} lists the statuses the recipient may be in (a phone recipient who did not pick up may be
     * called again).
     */
    long record(Target target, List<AnswerInput> answers, String enteredBy, Set<RecipientStatus> acceptedFrom) {
        return record(target, lockQuestions(target.surveyId()), answers, enteredBy, acceptedFrom, clock.instant());
    }

    /**
     * The survey's questions, its row shared with other responses until the caller's transaction ends but holding
     * off (and waiting for) a designer's save: what a batch of one survey's responses is checked against.
     */
    List<SurveyForm.Question> lockQuestions(long surveyId) {
        jdbc.queryForList("SELECT id FROM survey WHERE id = :id LOCK IN SHARE MODE", Map.of("id", surveyId));
        return questions.load(surveyId);
    }

    /**
     * Records a response given at {@code answeredAt} (an imported answer's own time) against the questions the caller
     * locked with {@link #lockQuestions}: the same checks, rows, recipient update and event as every other response.
     */
    long record(
            Target target,
            List<SurveyForm.Question> qs,
            List<AnswerInput> answers,
            String enteredBy,
            Set<RecipientStatus> acceptedFrom,
            Instant answeredAt) {
        List<Row> rows = check(qs, answers);
        Integer nps = firstScore(qs, rows, QuestionKind.NPS);
        Integer csat = firstScore(qs, rows, QuestionKind.CSAT);
        Integer ces = firstScore(qs, rows, QuestionKind.CES);
        Instant now = answeredAt;
        Timestamp at = Timestamp.valueOf(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        int marked = jdbc.update(
                "UPDATE survey_recipient SET status = 'ANSWERED', answered_at = :at WHERE id = :id AND status IN (:from)",
                new MapSqlParameterSource("id", target.recipientId())
                        .addValue("at", at)
                        .addValue("from", acceptedFrom.stream().map(Enum::name).toList()));
        if (marked != 1) {
            throw new AlreadyAnswered();
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(
                    // the respondent as they are now, kept with the answer: results group by these columns alone
                    "INSERT INTO survey_response (campaign_id, survey_id, recipient_id, customer_id, channel,"
                            + " answered_at, entered_by, nps_score, csat_score, ces_score, source_channel_id,"
                            + " acquisition_method, tier_id) VALUES (:campaign, :survey, :recipient, :customer,"
                            + " :channel, :at, :by, :nps, :csat, :ces, "
                            + io.keyuan.customer.CustomerQueries.sourceChannelId(":customer") + ", "
                            + io.keyuan.customer.CustomerQueries.acquisitionMethod(":customer") + ", "
                            + io.keyuan.pricing.TierQueries.tierId(":customer") + ")",
                    new MapSqlParameterSource("campaign", target.campaignId())
                            .addValue("survey", target.surveyId())
                            .addValue("recipient", target.recipientId())
                            .addValue("customer", target.customerId())
                            .addValue("channel", target.channel().name())
                            .addValue("at", at)
                            .addValue("by", enteredBy)
                            .addValue("nps", nps)
                            .addValue("csat", csat)
                            .addValue("ces", ces),
                    key,
                    new String[] {"id"});
        } catch (DuplicateKeyException e) {
            throw new AlreadyAnswered();
        }
        long responseId = key.getKey().longValue();
        jdbc.batchUpdate(
                """
                INSERT INTO survey_answer (response_id, question_id, score, option_id, text_value)
                VALUES (:response, :question, :score, :option, :text)""",
                rows.stream()
                        .map(r -> new MapSqlParameterSource("response", responseId)
                                .addValue("question", r.questionId())
                                .addValue("score", r.score())
                                .addValue("option", r.optionId())
                                .addValue("text", r.text()))
                        .toArray(MapSqlParameterSource[]::new));
        events.publishEvent(new ResponseRecorded(
                responseId, target.campaignId(), target.surveyId(), target.customerId(), nps, now));
        return responseId;
    }

    /**
     * The answer to the survey's first question of the kind (in question order), null when it has none or it was
     * left blank: a response's NPS, CSAT and CES as results count them.
     */
    private static Integer firstScore(List<SurveyForm.Question> qs, List<Row> rows, QuestionKind kind) {
        for (SurveyForm.Question q : qs) {
            if (q.kind() == kind) {
                return rows.stream()
                        .filter(r -> r.questionId() == q.id())
                        .map(Row::score)
                        .findFirst()
                        .orElse(null);
            }
        }
        return null;
    }

    /**
     * The answers as rows to write, or the first problem on the field {@code q-<question id>}: every question
     * answered at most once, required ones answered, scores in range, options of the question, one option for a
     * single choice, text within {@link #MAX_TEXT}. Text is kept exactly as typed (markup included): views escape it.
     */
    static List<Row> check(List<SurveyForm.Question> questions, List<AnswerInput> answers) {
        if (answers.size() > questions.size()) {
            throw new KeyuanException("survey.answer.error.too-many-answers");
        }
        Map<Long, SurveyForm.Question> byId = new HashMap<>();
        for (SurveyForm.Question q : questions) {
            byId.put(q.id(), q);
        }
        Map<Long, AnswerInput> given = new HashMap<>();
        for (AnswerInput a : answers) {
            if (!byId.containsKey(a.questionId())) {
                throw new KeyuanException("survey.answer.error.unknown-question");
            }
            if (given.put(a.questionId(), a) != null) {
                throw field(a.questionId(), "survey.answer.error.twice");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (SurveyForm.Question q : questions) {
            AnswerInput a = given.get(q.id());
            if (a == null || a.blank()) {
                if (q.required()) {
                    throw field(q.id(), "survey.answer.error.required");
                }
                continue;
            }
            if (q.kind().scored()) {
                if (a.score() == null
                        || !a.optionIds().isEmpty()
                        || (a.text() != null && !a.text().isBlank())) {
                    throw field(
                            q.id(),
                            "survey.answer.error.score-range",
                            q.kind().min(),
                            q.kind().max());
                }
                if (a.score() < q.kind().min() || a.score() > q.kind().max()) {
                    throw field(
                            q.id(),
                            "survey.answer.error.score-range",
                            q.kind().min(),
                            q.kind().max());
                }
                rows.add(new Row(q.id(), a.score(), null, null));
            } else if (q.kind().choice()) {
                if (a.optionIds().size() > q.options().size()) {
                    throw field(
                            q.id(),
                            "survey.answer.error.too-many-choices",
                            q.options().size());
                }
                if (q.kind() == QuestionKind.SINGLE_CHOICE && a.optionIds().size() > 1) {
                    throw field(q.id(), "survey.answer.error.one-choice");
                }
                Set<Long> allowed = new HashSet<>();
                q.options().forEach(o -> allowed.add(o.id()));
                Set<Long> seen = new HashSet<>();
                for (Long option : a.optionIds()) {
                    if (option == null || !allowed.contains(option) || !seen.add(option)) {
                        throw field(q.id(), "survey.answer.error.unknown-option");
                    }
                    rows.add(new Row(q.id(), null, option, null));
                }
                if (a.score() != null || (a.text() != null && !a.text().isBlank())) {
                    throw field(q.id(), "survey.answer.error.unknown-option");
                }
            } else {
                String text = a.text() == null ? "" : a.text().strip();
                if (text.length() > MAX_TEXT) {
                    throw field(q.id(), "survey.answer.error.text-too-long", MAX_TEXT);
                }
                if (a.score() != null || !a.optionIds().isEmpty()) {
                    throw field(q.id(), "survey.answer.error.unknown-option");
                }
                rows.add(new Row(q.id(), null, null, text));
            }
        }
        return rows;
    }

    static String fieldOf(long questionId) {
        return "q-" + questionId;
    }

    private static KeyuanException field(long questionId, String key, Object... args) {
        return KeyuanException.onField(fieldOf(questionId), key, args);
    }
}
