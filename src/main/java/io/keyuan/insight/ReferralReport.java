package io.keyuan.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;

/**
 * Referrals (口碑传播) among the customers acquired in {@code from}..{@code to} (the query's months, the end brought
 * back to the current month): the referred and the other customers side by side, how many referrers brought them,
 * the top promoters in the query's ranking, and how long the referral chains above the referred customers are.
 * {@code empty} says why there is nothing to show; {@link Empty#NO_REFERRALS} still has the other customers.
 *
 * @param referrers distinct customers who referred one of the period's referred customers
 * @param valuePartial whether some of the period's customers have had fewer than 12 months so far
 */
public record ReferralReport(
        ReferralQuery query,
        YearMonth from,
        YearMonth to,
        Cohort referred,
        Cohort others,
        long referrers,
        List<Promoter> promoters,
        List<Depth> depths,
        boolean valuePartial,
        Empty empty,
        RollupStatus status) {

    public ReferralReport {
        promoters = List.copyOf(promoters);
        depths = List.copyOf(depths);
    }

    /** Why a report is empty. */
    public enum Empty {
        /** The period begins after the current month. */
        FUTURE,
        /** The rollups that say when customers were acquired were never built. */
        NOT_BUILT,
        /** Nobody was acquired in the period. */
        NO_CUSTOMERS,
        /** Customers were acquired, none of them referred. */
        NO_REFERRALS
    }

    /**
     * A group of customers acquired in the period: how many, how many of them have bought, and their revenue in
     * their first 12 months (the acquisition month and the 11 after it), net of returns.
     */
    public record Cohort(long customers, long converted, BigDecimal revenue) {
        public static final Cohort NONE = new Cohort(0, 0, BigDecimal.ZERO);

        /** converted / customers; null without customers. */
        public BigDecimal conversion() {
            return customers == 0
                    ? null
                    : BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(customers), 4, RoundingMode.HALF_UP);
        }

        /** 12-month revenue per customer; null without customers. */
        public BigDecimal averageRevenue() {
            return customers == 0 ? null : revenue.divide(BigDecimal.valueOf(customers), 2, RoundingMode.HALF_UP);
        }

        Cohort plus(Cohort o) {
            return new Cohort(customers + o.customers, converted + o.converted, revenue.add(o.revenue));
        }
    }

    /**
     * A referrer and the customers of the period it brought ({@code customers}; of those {@code converted} have
     * bought), with their 12-month revenue.
     */
    public record Promoter(long id, String code, String name, long customers, long converted, BigDecimal revenue) {
        /** revenue / customers (customers is at least 1). */
        public BigDecimal averageRevenue() {
            return revenue.divide(BigDecimal.valueOf(customers), 2, RoundingMode.HALF_UP);
        }
    }

    /**
     * Referred customers whose chain of referrers above them is {@code depth} long (1: their referrer was not
     * referred; {@link ReferralService#MAX_DEPTH} means that long or longer).
     */
    public record Depth(int depth, long customers) {}

    /** Every customer acquired in the period. */
    public Cohort all() {
        return referred.plus(others);
    }

    /** The referred customers' share of all acquired in the period (0.25 is 25 %); null when nobody was acquired. */
    public BigDecimal referredShare() {
        long all = all().customers();
        return all == 0
                ? null
                : BigDecimal.valueOf(referred.customers()).divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_UP);
    }

    /** Whether the query's end lay in the future and the report stops at the current month. */
    public boolean endsEarly() {
        return query.to() != null && to != null && query.to().isAfter(to);
    }
}
