package io.keyuan.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Deal figures for a dashboard, for everyone's deals or one owner's: deals in an open stage now and their value, and
 * the deals that entered a won or a lost stage during a period and are still there (a deal reopened since counts no
 * longer).
 */
public record DealTotals(long open, BigDecimal openValue, long won, BigDecimal wonValue, long lost) {
    public static final DealTotals NONE = new DealTotals(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0);

    /** Won of the deals closed in the period, as a fraction with four decimals; null when none closed. */
    public BigDecimal winRate() {
        long closed = won + lost;
        return closed == 0 ? null : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(closed), 4, RoundingMode.HALF_UP);
    }
}
