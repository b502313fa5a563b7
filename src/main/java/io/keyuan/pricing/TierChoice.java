package io.keyuan.pricing;

/** A price tier as pickers show it. */
public record TierChoice(long id, String code, String name) {}
