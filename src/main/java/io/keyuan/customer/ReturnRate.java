package io.keyuan.customer;

import java.math.BigDecimal;

/**
 * A customer's return rate (退货率): returned amount / purchased amount, both over all their purchases; {@code rate}
 * is null when they bought nothing (or only for 0), since no rate is not a rate of zero.
 */
public record ReturnRate(long customerId, BigDecimal purchasedAmount, BigDecimal returnedAmount, BigDecimal rate) {}
