package io.keyuan.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One line of the quote list. */
public record QuoteRow(
        long id,
        long version,
        String number,
        long customerId,
        String customerName,
        LocalDate quoteDate,
        LocalDate validUntil,
        QuoteStatus status,
        BigDecimal total,
        Long dealId) {}
