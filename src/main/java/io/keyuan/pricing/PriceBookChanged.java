package io.keyuan.pricing;

/** Published by every pricing service that changes products, categories, rules or bundles; drops the cached book. */
public record PriceBookChanged(String what) {}
