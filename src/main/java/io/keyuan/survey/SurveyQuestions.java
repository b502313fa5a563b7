package io.keyuan.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The questions and options of surveys, read and written with JDBC inside the callers' transactions: a survey is
 * saved whole, so its questions are replaced whole (allowed only while nothing answered them).
 */
@Component
class SurveyQuestions {
    private final NamedParameterJdbcTemplate jdbc;

    SurveyQuestions(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<SurveyForm.Question> load(long surveyId) {
        Map<Long, List<SurveyForm.Option>> options = new LinkedHashMap<>();
        jdbc.query("""
                SELECT o.id, o.question_id, o.text_zh_cn, o.text_zh_tw, o.text_en
                FROM survey_question_option o JOIN survey_question q ON q.id = o.question_id
                WHERE q.survey_id = :survey ORDER BY o.question_id, o.position""", Map.of("survey", surveyId), rs -> {
            options.computeIfAbsent(rs.getLong("question_id"), k -> new ArrayList<>())
                    .add(new SurveyForm.Option(
                            rs.getLong("id"),
                            new LocalizedText(
                                    rs.getString("text_zh_cn"), rs.getString("text_zh_tw"), rs.getString("text_en"))));
        });
        return jdbc.query(
                """
                SELECT id, kind, required, text_zh_cn, text_zh_tw, text_en FROM survey_question
                WHERE survey_id = :survey ORDER BY position, id""",
                Map.of("survey", surveyId),
                (rs, i) -> new SurveyForm.Question(
                        rs.getLong("id"),
                        QuestionKind.valueOf(rs.getString("kind")),
                        rs.getBoolean("required"),
                        new LocalizedText(
                                rs.getString("text_zh_cn"), rs.getString("text_zh_tw"), rs.getString("text_en")),
                        options.getOrDefault(rs.getLong("id"), List.of())));
    }

    static List<QuestionDraft> drafts(List<SurveyForm.Question> questions) {
        return questions.stream()
                .map(q -> new QuestionDraft(
                        q.kind(),
                        q.required(),
                        q.text(),
                        q.options().stream().map(SurveyForm.Option::text).toList()))
                .toList();
    }

    void replace(long surveyId, List<QuestionDraft> questions) {
        jdbc.update("DELETE FROM survey_question WHERE survey_id = :survey", Map.of("survey", surveyId));
        int position = 0;
        for (QuestionDraft q : questions) {
            org.springframework.jdbc.support.GeneratedKeyHolder key =
                    new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.update(
                    """
                    INSERT INTO survey_question (survey_id, position, kind, required, text_zh_cn, text_zh_tw, text_en)
                    VALUES (:survey, :position, :kind, :required, :zhCn, :zhTw, :en)""",
                    texts(q.text())
                            .addValue("survey", surveyId)
                            .addValue("position", position++)
                            .addValue("kind", q.kind().name())
                            .addValue("required", q.required()),
                    key,
                    new String[] {"id"});
            long questionId = key.getKey().longValue();
            int optionPosition = 0;
            for (LocalizedText o : q.options()) {
                jdbc.update("""
                        INSERT INTO survey_question_option (question_id, position, text_zh_cn, text_zh_tw, text_en)
                        VALUES (:question, :position, :zhCn, :zhTw, :en)""", texts(o).addValue("question", questionId).addValue("position", optionPosition++));
            }
        }
    }

    private static MapSqlParameterSource texts(LocalizedText t) {
        return new MapSqlParameterSource()
                .addValue("zhCn", t.zhCn())
                .addValue("zhTw", t.zhTw())
                .addValue("en", t.en());
    }

    int questionCount(long surveyId) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_question WHERE survey_id = :survey",
                Map.of("survey", surveyId),
                Integer.class);
        return n == null ? 0 : n;
    }

    long responseCount(long surveyId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_response WHERE survey_id = :survey",
                Map.of("survey", surveyId),
                Long.class);
        return n == null ? 0 : n;
    }

    /** Locks the survey's row, so that a save and the first response of a survey do not pass each other. */
    boolean hasResponsesLocked(long surveyId) {
        jdbc.queryForList("SELECT id FROM survey WHERE id = :survey FOR UPDATE", Map.of("survey", surveyId));
        return responseCount(surveyId) > 0;
    }

    long campaignCount(long surveyId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_campaign WHERE survey_id = :survey",
                Map.of("survey", surveyId),
                Long.class);
        return n == null ? 0 : n;
    }
}
