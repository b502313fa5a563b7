package io.keyuan.customer;

/** Gender as the customer states it. */
public enum Gender {
    MALE,
    FEMALE,
    OTHER
}
