package io.keyuan.customer;

/** 客户类型, derived from purchases with the manager's thresholds. */
public enum Lifecycle {
    POTENTIAL,
    NEW,
    ACTIVE,
    INACTIVE,
    CHURNED
}
