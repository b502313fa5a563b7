package io.keyuan.customer;

import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.KeyuanException;

/** A purchase's field rules, declared once for the purchase form and the purchase sheet (amounts: Amounts). */
public final class PurchaseRules {
    private PurchaseRules() {}

    /** A quantity: a whole number from 1 to {@link Purchase#MAX_QUANTITY}. */
    public static Object quantity(Object value) {
        long q = ((Number) value).longValue();
        if (q < 1 || q > Purchase.MAX_QUANTITY) {
            throw new KeyuanException("rule.quantity", q, Purchase.MAX_QUANTITY);
        }
        return value;
    }
}
