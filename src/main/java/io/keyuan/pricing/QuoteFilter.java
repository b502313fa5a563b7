package io.keyuan.pricing;

import java.time.LocalDate;

/** The quote list's filter; null fields do not filter. Dates are the quote date, both days included. */
public record QuoteFilter(Long customerId, QuoteStatus status, LocalDate from, LocalDate to, String number) {
    public static QuoteFilter none() {
        return new QuoteFilter(null, null, null, null, null);
    }
}
