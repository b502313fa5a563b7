package io.keyuan.pricing;

/** Tiers or their segments changed: every customer's tier is derived again once the change has committed. */
record TiersChanged(String what) {}
