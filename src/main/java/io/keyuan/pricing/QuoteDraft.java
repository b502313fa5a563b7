package io.keyuan.pricing;

import io.keyuan.pricing.engine.LineRequest;
import java.time.LocalDate;
import java.util.List;

/**
 * A quote to save: quoteId null for a new one, else the draft to quote again with the version the form loaded.
 * date null = today; validUntil null = date + {@link QuoteService#DEFAULT_VALIDITY_DAYS} days.
 */
public record QuoteDraft(
        Long quoteId,
        long expectedVersion,
        Long customerId,
        LocalDate date,
        LocalDate validUntil,
        String note,
        List<LineRequest> lines) {
    public QuoteDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static QuoteDraft create(long customerId, LocalDate date, List<LineRequest> lines) {
        return new QuoteDraft(null, 0, customerId, date, null, null, lines);
    }
}
