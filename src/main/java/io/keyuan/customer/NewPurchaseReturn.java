package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A return to record on a purchase: goods (quantity, may be 0 for a refund alone) and money given back. */
public record NewPurchaseReturn(long purchaseId, LocalDate date, Integer quantity, BigDecimal amount, String reason) {}
