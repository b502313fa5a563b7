package io.keyuan.survey;

import java.time.Instant;

/** One line of the survey list. */
public record SurveyRow(
        long id,
        String code,
        String name,
        SurveyStatus status,
        int questions,
        long campaigns,
        long responses,
        Instant updatedAt) {
    public boolean frozen() {
        return responses > 0;
    }
}
