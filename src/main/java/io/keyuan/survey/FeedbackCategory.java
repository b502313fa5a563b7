package io.keyuan.survey;

/** What the feedback is about. */
public enum FeedbackCategory {
    PRODUCT,
    SERVICE,
    PRICE,
    DELIVERY,
    STAFF,
    OTHER
}
