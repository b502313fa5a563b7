package io.keyuan.pricing;

import io.keyuan.pricing.domain.PriceRule;

/** A rule of the list with the names of its tier, product and category (null when not set). */
public record RuleRow(PriceRule rule, PickItem tier, PickItem product, PickItem category) {}
