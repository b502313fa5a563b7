package io.keyuan.pipeline;

/** The part a contact plays in the purchase decision. */
public enum ContactRole {
    BUYER,
    USER,
    DECISION_MAKER,
    INFLUENCER,
    PROMOTER
}
