package io.keyuan.survey;

/** A complaint (投诉) or a suggestion (建议). */
public enum FeedbackKind {
    COMPLAINT,
    SUGGESTION
}
