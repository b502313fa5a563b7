package io.keyuan.pricing;

/**
 * What a customer's quote is priced for: their tier and why (null tier = no tier), and their region (blank parts
 * are null).
 */
public record CustomerPricing(TierAssignment tier, String province, String city) {}
