package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A purchase as other modules' pickers and links show one. */
public record PurchaseRef(long id, long customerId, LocalDate date, String product, int quantity, BigDecimal amount) {}
