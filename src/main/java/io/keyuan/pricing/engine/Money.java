package io.keyuan.pricing.engine;

import io.keyuan.pricing.Rounding;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The engine's arithmetic: money scale 2, HALF_UP, except the margin floor which rounds up. */
final class Money {
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal NINE_TENTHS = new BigDecimal("0.9");
    private static final BigDecimal NINETY_NINE_HUNDREDTHS = new BigDecimal("0.99");

    private Money() {}

    static BigDecimal scale(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** The rule's unit price before rounding (exact), never below 0. */
    static BigDecimal raw(RuleSpec rule, CatalogueItem item) {
        BigDecimal value = rule.value() == null ? BigDecimal.ZERO : rule.value();
        BigDecimal price = switch (rule.kind()) {
            case FIXED_PRICE -> value;
            case PERCENT_OFF ->
                item.listPrice().multiply(HUNDRED.subtract(value)).movePointLeft(2);
            case AMOUNT_OFF -> item.listPrice().subtract(value);
            case MARKUP_ON_COST -> item.cost().multiply(HUNDRED.add(value)).movePointLeft(2);
        };
        return price.signum() < 0 ? BigDecimal.ZERO : price;
    }

    /** Rounds HALF_UP to the rule's rounding; the result has scale 2. */
    static BigDecimal round(BigDecimal price, Rounding rounding) {
        if (price.signum() <= 0) {
            return ZERO;
        }
        return switch (rounding == null ? Rounding.CENT : rounding) {
            case CENT -> price.setScale(2, RoundingMode.HALF_UP);
            case DIME -> price.setScale(1, RoundingMode.HALF_UP).setScale(2);
            case YUAN -> price.setScale(0, RoundingMode.HALF_UP).setScale(2);
            case END_9 -> ending(price, NINE_TENTHS);
            case END_99 -> ending(price, NINETY_NINE_HUNDREDTHS);
        };
    }

    /** The nearest whole number plus the ending (ties up), at least the ending itself. */
    private static BigDecimal ending(BigDecimal price, BigDecimal end) {
        BigDecimal whole = price.subtract(end).setScale(0, RoundingMode.HALF_UP);
        if (whole.signum() < 0) {
            whole = BigDecimal.ZERO;
        }
        return whole.add(end).setScale(2);
    }

    /** The rule's price before the guard: computed and rounded. */
    static BigDecimal rounded(RuleSpec rule, CatalogueItem item) {
        return round(raw(rule, item), rule.rounding());
    }

    /**
     * The lowest price that keeps the margin: cost / (1 - m/100), rounded up to the cent; null when the rule has
     * no guard (or a guard of 100 % or more, which no price can keep and the rule editor refuses).
     */
    static BigDecimal floor(RuleSpec rule, CatalogueItem item) {
        BigDecimal m = rule.minMarginPercent();
        if (m == null || m.compareTo(HUNDRED) >= 0) {
            return null;
        }
        return item.cost().multiply(HUNDRED).divide(HUNDRED.subtract(m), 2, RoundingMode.UP);
    }

    /** (price - cost) / price * 100, scale 2; null when price is 0. */
    static BigDecimal marginPercent(BigDecimal price, BigDecimal cost) {
        if (price.signum() == 0) {
            return null;
        }
        return price.subtract(cost).multiply(HUNDRED).divide(price, 2, RoundingMode.HALF_UP);
    }
}
