package io.keyuan.pricing.engine;

import java.time.LocalDate;

/** Whom and when a quote is for: a tier (null = no tier, only everyone rules apply), a region and a date. */
public record QuoteContext(Long tierId, String province, String city, LocalDate date) {}
