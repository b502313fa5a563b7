package io.keyuan.insight;

import io.keyuan.insight.ChannelFigures.Group;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;

/**
 * The channel mix over time: for every month of {@code from}..{@code to}, the new customers and the revenue of each
 * group (channels, or categories or methods when the report is grouped so), in the order of {@code groups}. Only
 * groups with a customer or revenue in the period are listed. {@code empty} says why there is nothing to show.
 */
public record ChannelMix(
        YearMonth from, YearMonth to, List<Group> groups, List<Month> months, ChannelReport.Empty empty) {

    public ChannelMix {
        groups = List.copyOf(groups);
        months = List.copyOf(months);
    }

    /** What the mix measures: new customers (acquired in the month) or revenue (purchases dated in it, net). */
    public enum Measure {
        CUSTOMERS,
        REVENUE
    }

    /** One month: per group (in the order of the mix's groups) its new customers and revenue, and their totals. */
    public record Month(YearMonth month, List<Long> customers, List<BigDecimal> revenue) {
        public Month {
            customers = List.copyOf(customers);
            revenue = List.copyOf(revenue);
        }

        /** The group's value in {@code measure}. */
        public BigDecimal value(Measure measure, int group) {
            return measure == Measure.CUSTOMERS ? BigDecimal.valueOf(customers.get(group)) : revenue.get(group);
        }

        /** The month's total in {@code measure}. */
        public BigDecimal total(Measure measure) {
            return measure == Measure.CUSTOMERS
                    ? BigDecimal.valueOf(
                            customers.stream().mapToLong(Long::longValue).sum())
                    : revenue.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** The group's share of the month's total (0.25 is 25 %); null when the month has nothing in it. */
        public BigDecimal share(Measure measure, int group) {
            BigDecimal total = total(measure);
            return total.signum() == 0 ? null : value(measure, group).divide(total, 4, RoundingMode.HALF_UP);
        }
    }
}
