package io.keyuan.customer;

/** Person or organisation. */
public enum CustomerKind {
    PERSON,
    ORGANIZATION
}
