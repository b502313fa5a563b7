package io.keyuan.survey;

import java.util.List;

/**
 * A survey as the designer saves it, whole: {@code id} null for a new one, else with the {@code version} the
 * designer loaded (a save over a newer version is refused).
 */
public record SurveyDraft(
        Long id, long version, String code, String name, SurveyStatus status, List<QuestionDraft> questions) {
    public SurveyDraft {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
