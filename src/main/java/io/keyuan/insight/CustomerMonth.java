package io.keyuan.insight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The customer base at the end of one month (or, for the current month, on {@code asOfDay}): customers per
 * lifecycle, those of high value, those who churned during the month, and what everyone bought in it. {@code
 * churnRate} is the share of the previous month's retained customers (new, active, inactive) who churned in this
 * one, in percent; null for the first month or when there was nobody to lose.
 */
public record CustomerMonth(
        YearMonth month,
        LocalDate asOfDay,
        long potential,
        long fresh,
        long active,
        long inactive,
        long churned,
        long highValue,
        long becameChurned,
        BigDecimal revenue,
        BigDecimal churnRate,
        Instant computedAt) {
    public long total() {
        return potential + fresh + active + inactive + churned;
    }
}
