package io.keyuan.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Gross margin of a price over a cost, in percent of the price, scale 2, HALF_UP; none for a zero price. */
public final class Margins {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private Margins() {}

    public static BigDecimal percent(BigDecimal price, BigDecimal cost) {
        if (price == null || cost == null || price.signum() == 0) {
            return null;
        }
        return price.subtract(cost).multiply(HUNDRED).divide(price, 2, RoundingMode.HALF_UP);
    }
}
