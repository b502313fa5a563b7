package io.keyuan.survey;

/** Where a recipient stands: not answered yet, answered, or (by phone) not reached or refused. */
public enum RecipientStatus {
    PENDING,
    ANSWERED,
    NO_ANSWER,
    REFUSED
}
