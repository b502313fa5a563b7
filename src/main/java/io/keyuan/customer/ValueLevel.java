package io.keyuan.customer;

/** 高价值 / 低价值, from recent spend. */
public enum ValueLevel {
    HIGH,
    LOW
}
