package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A purchase row for bulk loading. */
public record NewPurchase(
        long customerId, LocalDate date, String product, int quantity, BigDecimal amount, SalesChannel channel) {}
