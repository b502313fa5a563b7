package io.keyuan.survey;

import io.keyuan.segmentation.FactSource;
import io.keyuan.segmentation.FieldGroup;
import io.keyuan.segmentation.FieldType;
import io.keyuan.segmentation.ProvidedField;
import io.keyuan.segmentation.SegmentFieldProvider;
import io.keyuan.shared.BusinessTime;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The survey module's fields in the segment catalogue: a customer's latest NPS and CSAT answers (empty without
 * one), their open complaints (open or in progress) and their complaints received in the last N days (zero, never
 * empty). Each brings its SQL over this module's tables, correlated on the customer, and its in-memory value from
 * {@link #FACTS}; the segmentation property test proves the two agree.
 *
 * <p>A complaint's day is the business date it was received on ({@code created_at}, stored in UTC, moved by the
 * business zone's offset, which for Asia/Shanghai is fixed).
 */
@Component
public class SurveySegmentFields implements SegmentFieldProvider {
    public static final FieldGroup SATISFACTION = new FieldGroup("segment.group.satisfaction", 600);

    private static final int OFFSET_SECONDS =
            BusinessTime.ZONE.getRules().getOffset(Instant.now()).getTotalSeconds();

    /** One customer's responses (when, which, the scores they gave) and complaints (day received, still open). */
    public record SurveyFacts(List<Answered> responses, List<Complaint> complaints) {
        public SurveyFacts {
            responses = List.copyOf(responses);
            complaints = List.copyOf(complaints);
        }

        public record Answered(Instant at, long id, Integer nps, Integer csat) {}

        public record Complaint(LocalDate day, boolean open) {}

        /** The score of the latest response (by time, then id) that gave one; null when none did. */
        Integer last(java.util.function.Function<Answered, Integer> score) {
            return responses.stream()
                    .filter(r -> score.apply(r) != null)
                    .max(Comparator.comparing(Answered::at).thenComparing(Answered::id))
                    .map(score)
                    .orElse(null);
        }
    }

    public static final FactSource<SurveyFacts> FACTS = new FactSource<>("survey/facts", (jdbc, ids) -> {
        Map<Long, List<SurveyFacts.Answered>> responses = new HashMap<>();
        Map<Long, List<SurveyFacts.Complaint>> complaints = new HashMap<>();
        MapSqlParameterSource p = new MapSqlParameterSource("ids", ids);
        jdbc.query(
                "SELECT customer_id, answered_at, id, nps_score, csat_score FROM survey_response"
                        + " WHERE customer_id IN (:ids) AND (nps_score IS NOT NULL OR csat_score IS NOT NULL)",
                p,
                rs -> {
                    responses
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new SurveyFacts.Answered(
                                    utc(rs.getTimestamp(2)),
                                    rs.getLong(3),
                                    (Integer) rs.getObject(4, Integer.class),
                                    (Integer) rs.getObject(5, Integer.class)));
                });
        jdbc.query(
                "SELECT customer_id, created_at, status FROM feedback WHERE customer_id IN (:ids) AND kind = 'COMPLAINT'",
                p,
                rs -> {
                    complaints
                            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new SurveyFacts.Complaint(
                                    utc(rs.getTimestamp(2))
                                            .plusSeconds(OFFSET_SECONDS)
                                            .atOffset(ZoneOffset.UTC)
                                            .toLocalDate(),
                                    FeedbackStatus.valueOf(rs.getString(3)).open()));
                });
        Map<Long, SurveyFacts> facts = new HashMap<>();
        for (Long id : ids) {
            List<SurveyFacts.Answered> r = responses.get(id);
            List<SurveyFacts.Complaint> c = complaints.get(id);
            if (r != null || c != null) {
                facts.put(id, new SurveyFacts(r == null ? List.of() : r, c == null ? List.of() : c));
            }
        }
        return facts;
    });

    public static final ProvidedField<SurveyFacts> LAST_NPS_SCORE = ProvidedField.define(
                    "LAST_NPS_SCORE", FieldType.NUMBER, SATISFACTION, 10)
            .sql("(SELECT sr.nps_score FROM survey_response sr WHERE sr.customer_id = c.id AND sr.nps_score IS NOT NULL"
                    + " ORDER BY sr.answered_at DESC, sr.id DESC LIMIT 1)")
            .from(FACTS, (f, today) -> f == null ? null : number(f.last(SurveyFacts.Answered::nps)));

    public static final ProvidedField<SurveyFacts> LAST_CSAT_SCORE = ProvidedField.define(
                    "LAST_CSAT_SCORE", FieldType.NUMBER, SATISFACTION, 20)
            .sql("(SELECT sr.csat_score FROM survey_response sr WHERE sr.customer_id = c.id"
                    + " AND sr.csat_score IS NOT NULL ORDER BY sr.answered_at DESC, sr.id DESC LIMIT 1)")
            .from(FACTS, (f, today) -> f == null ? null : number(f.last(SurveyFacts.Answered::csat)));

    public static final ProvidedField<SurveyFacts> OPEN_COMPLAINTS = ProvidedField.define(
                    "OPEN_COMPLAINTS", FieldType.NUMBER, SATISFACTION, 30)
            .sql("(SELECT COUNT(*) FROM feedback fb WHERE fb.customer_id = c.id AND fb.kind = 'COMPLAINT'"
                    + " AND fb.status IN ('OPEN', 'IN_PROGRESS'))")
            .from(
                    FACTS,
                    (f, today) -> BigDecimal.valueOf(
                            f == null
                                    ? 0
                                    : f.complaints().stream()
                                            .filter(SurveyFacts.Complaint::open)
                                            .count()));

    public static final ProvidedField<SurveyFacts> COMPLAINTS_IN_WINDOW = ProvidedField.define(
                    "COMPLAINTS_IN_WINDOW", FieldType.NUMBER, SATISFACTION, 40)
            .sql("(SELECT COUNT(*) FROM feedback fb WHERE fb.customer_id = c.id AND fb.kind = 'COMPLAINT'"
                    + " AND DATE(fb.created_at + INTERVAL " + OFFSET_SECONDS + " SECOND) BETWEEN :since AND :today)")
            .windowedFrom(
                    FACTS,
                    (f, today, since) -> BigDecimal.valueOf(
                            f == null
                                    ? 0
                                    : f.complaints().stream()
                                            .filter(c -> !c.day().isBefore(since)
                                                    && !c.day().isAfter(today))
                                            .count()));

    private static BigDecimal number(Integer score) {
        return score == null ? null : BigDecimal.valueOf(score);
    }

    private static Instant utc(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    @Override
    public List<ProvidedField<?>> fields() {
        return List.of(LAST_NPS_SCORE, LAST_CSAT_SCORE, OPEN_COMPLAINTS, COMPLAINTS_IN_WINDOW);
    }
}
