package io.keyuan.customer;

import java.math.BigDecimal;

/** What has been returned of one purchase so far, and what it was. */
public record ReturnedTotals(
        long purchaseId,
        int purchasedQuantity,
        BigDecimal purchasedAmount,
        int returnedQuantity,
        BigDecimal returnedAmount) {

    public int quantityLeft() {
        return purchasedQuantity - returnedQuantity;
    }

    public BigDecimal amountLeft() {
        return purchasedAmount.subtract(returnedAmount);
    }

    public boolean anyReturned() {
        return returnedQuantity > 0 || returnedAmount.signum() > 0;
    }
}
