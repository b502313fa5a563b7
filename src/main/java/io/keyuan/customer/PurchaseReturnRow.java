package io.keyuan.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One recorded return, with who recorded it and when. */
public record PurchaseReturnRow(
        long id,
        long purchaseId,
        LocalDate date,
        int quantity,
        BigDecimal amount,
        String reason,
        String recordedBy,
        Instant recordedAt) {}
