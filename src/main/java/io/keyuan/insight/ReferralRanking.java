package io.keyuan.insight;

/** How the referral report ranks its promoters: by the customers they brought, or by those customers' revenue. */
public enum ReferralRanking {
    CUSTOMERS,
    REVENUE
}
