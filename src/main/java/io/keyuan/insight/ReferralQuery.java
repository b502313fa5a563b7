package io.keyuan.insight;

import java.time.YearMonth;

/**
 * What the referral report shows: the customers acquired in the months {@code from}..{@code to} (both included), of
 * one source channel ({@code channelId}; 0 for customers without one) or all (null), promoters ranked {@code rank}.
 */
public record ReferralQuery(YearMonth from, YearMonth to, Long channelId, ReferralRanking rank) {
    /** The twelve months up to and including {@code current}, all channels, promoters by customers brought. */
    public static ReferralQuery lastTwelveMonths(YearMonth current) {
        return new ReferralQuery(current.minusMonths(11), current, null, ReferralRanking.CUSTOMERS);
    }
}
