package io.keyuan.pipeline;

import io.keyuan.customer.SalesChannel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The purchase to record with the customer when a deal is won. */
public record WinPurchase(LocalDate date, String product, int quantity, BigDecimal amount, SalesChannel channel) {}
