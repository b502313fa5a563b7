package io.keyuan.survey;

/** What one entry of a feedback item's history records. */
public enum FeedbackChange {
    CREATED,
    STATUS,
    REOPENED,
    OWNER,
    DUE_DATE,
    SEVERITY,
    CATEGORY,
    DETAILS,
    COMMENT
}
