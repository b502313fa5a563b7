package io.keyuan.customer;

/** 基本需求型 / 附加需求型. */
public enum NeedType {
    BASIC,
    VALUE_ADDED
}
