package io.keyuan.survey;

import java.time.Instant;
import java.util.List;

/**
 * A survey for the designer: {@code frozen} once it has responses (edits are refused; copy to edit), {@code
 * campaigns} how many campaigns use it (it cannot be deleted while any does).
 */
public record SurveyDetail(
        long id,
        long version,
        String code,
        String name,
        SurveyStatus status,
        List<QuestionDraft> questions,
        boolean frozen,
        long campaigns,
        long responses,
        String updatedBy,
        Instant updatedAt) {
    public SurveyDraft draft() {
        return new SurveyDraft(id, version, code, name, status, questions);
    }
}
