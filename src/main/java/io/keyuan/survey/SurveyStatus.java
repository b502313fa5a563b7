package io.keyuan.survey;

/** A survey is designed as a draft, used by campaigns while active, and archived when no new campaign may use it. */
public enum SurveyStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED
}
