package io.keyuan.insight;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One row of the channel report (docs/insight.md defines each figure). Ratios are fractions (0.25 is 25 %); a
 * figure that would divide by zero — no customers, no deals, no cost — is null, shown as "—".
 *
 * @param newCustomers customers acquired in the period
 * @param convertedCustomers of those, how many have bought
 * @param deals deals opened in the period
 * @param dealsWon of those, how many are won
 * @param purchases purchases dated in the period by the group's customers (whenever acquired)
 * @param revenue their amounts less returns
 * @param cost the channels' costs of the period's months
 * @param conversionRate convertedCustomers / newCustomers
 * @param winRate dealsWon / deals
 * @param cac cost / newCustomers (null also when there is no cost)
 * @param roi (revenue − cost) / cost
 * @param ltv revenue of the period's acquired customers in their first 12 months / newCustomers
 * @param ltvPartial whether some of those customers have had fewer than 12 months so far
 * @param ltvToCac ltv / cac
 * @param paybackMonths in which month after acquisition (1 = the acquisition month) the cohorts' cumulative revenue
 *     first reached their cost; null when there is no cost or it has not been reached yet
 */
public record ChannelFigures(
        Group group,
        long newCustomers,
        long convertedCustomers,
        long deals,
        long dealsWon,
        long purchases,
        BigDecimal revenue,
        BigDecimal cost,
        BigDecimal conversionRate,
        BigDecimal winRate,
        BigDecimal cac,
        BigDecimal roi,
        BigDecimal ltv,
        boolean ltvPartial,
        BigDecimal ltvToCac,
        Integer paybackMonths) {

    /**
     * What a row stands for: a channel ({@code channelId}, 0 for customers without one; {@code channelName} null for
     * a channel that no longer exists), a category or method (null: not known — no channel or a deleted one), a
     * month, or the total of all rows.
     */
    public record Group(
            Long channelId,
            String channelName,
            ChannelCategory category,
            AcquisitionMethod method,
            YearMonth month,
            boolean total) {
        static Group ofTotal() {
            return new Group(null, null, null, null, null, true);
        }
    }
}
