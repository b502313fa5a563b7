package io.keyuan.customer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A customer's return rate (退货率): returned amount / purchased amount, both over all their purchases; {@code rate}
 * is null when they bought nothing (or only for 0), since no rate is not a rate of zero.
 *
 * <p>The one definition of the figure, in SQL ({@link #rateSql}, {@link #percentSql}) and in Java ({@link #rate},
 * {@link #percent}), so that the customer page, segment rules compiled to SQL and rules evaluated in memory give the
 * same number: the quotient rounded half up to four decimals (a fraction, 0.1250), the percentage being that
 * fraction × 100 (12.50). MariaDB carries a DECIMAL quotient to at least 18 decimals and cuts the rest, and its
 * ROUND rounds half away from zero, so for amounts (never negative) the SQL and {@link RoundingMode#HALF_UP} on the
 * exact quotient round alike.
 */
public record ReturnRate(long customerId, BigDecimal purchasedAmount, BigDecimal returnedAmount, BigDecimal rate) {
    /** Decimals of the fraction; the percentage has two fewer. */
    public static final int SCALE = 4;

    /** The rate as a percentage (12.50 for 0.1250); null when there is no rate. */
    public BigDecimal percent() {
        return rate == null ? null : rate.movePointRight(2);
    }

    /** Returned / purchased, half up to four decimals; null when nothing (or nothing but 0) was bought. */
    public static BigDecimal rate(BigDecimal purchased, BigDecimal returned) {
        if (purchased == null || returned == null || purchased.signum() == 0) {
            return null;
        }
        return returned.divide(purchased, SCALE, RoundingMode.HALF_UP);
    }

    /** {@link #rate} as a percentage: two decimals (25.00 for 50 returned of 200). */
    public static BigDecimal percent(BigDecimal purchased, BigDecimal returned) {
        BigDecimal r = rate(purchased, returned);
        return r == null ? null : r.movePointRight(2);
    }

    /** {@link #rate} in SQL over two amount expressions (NULL when the purchased amount is 0 or NULL). */
    public static String rateSql(String purchased, String returned) {
        return "ROUND(" + returned + " / NULLIF(" + purchased + ", 0), " + SCALE + ")";
    }

    /** {@link #percent} in SQL over two amount expressions. */
    public static String percentSql(String purchased, String returned) {
        return rateSql(purchased, returned) + " * 100";
    }
}
