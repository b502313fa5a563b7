package io.keyuan.survey;

/** How much the feedback matters, lowest first. */
public enum FeedbackSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
