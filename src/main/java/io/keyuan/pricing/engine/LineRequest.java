package io.keyuan.pricing.engine;

/** One line asked for: a product and a quantity of at least 1. */
public record LineRequest(long productId, int quantity) {}
