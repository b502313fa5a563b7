package io.keyuan.customer;

/** 忠实 / 流动. */
public enum Loyalty {
    LOYAL,
    FLOATING
}
