package io.keyuan.customer;

/** 冲动型 / 计划型. */
public enum PurchaseStyle {
    IMPULSE,
    PLANNED
}
