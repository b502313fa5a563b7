package io.keyuan.shared;

import java.math.BigDecimal;

/**
 * The rule for an amount of money (purchase amounts, deal values, channel costs, income), declared once for the
 * forms and the sheets: not negative, at most two decimals (yuan and fen), at most twelve digits before the
 * point. A sheet's reader refuses more than two decimals with the same message before this rule runs.
 */
public final class Amounts {
    public static final BigDecimal MAX = new BigDecimal("999999999999.99");

    private Amounts() {}

    /** The amount, or a refusal that says what is wrong with it. */
    public static BigDecimal money(BigDecimal amount) {
        if (amount.signum() < 0) {
            throw new KeyuanException("rule.amount-negative", new Object[] {shown(amount)});
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new KeyuanException("exchange.error.too-many-decimals", new Object[] {shown(amount)});
        }
        if (amount.compareTo(MAX) > 0) {
            throw new KeyuanException("exchange.error.number-too-big", new Object[] {shown(amount)});
        }
        return amount;
    }

    /** As typed, whether the value came from a form (-1) or a sheet's reader (-1.00). */
    private static String shown(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    /** The same as a sheet column's rule ({@code checkedBy(Amounts::cell)}). */
    public static Object cell(Object value) {
        return money((BigDecimal) value);
    }
}
