package io.keyuan.pricing;

import io.keyuan.pricing.engine.LineRequest;
import java.time.LocalDate;
import java.util.List;

/**
 * What to quote: for a customer (their tier and region are read), or, with no customer, for a tier (null = no
 * tier) in a province and city; on a date (null = today); the lines in order.
 */
public record QuoteRequest(
        Long customerId, Long tierId, String province, String city, LocalDate date, List<LineRequest> lines) {
    public QuoteRequest {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static QuoteRequest forCustomer(long customerId, LocalDate date, List<LineRequest> lines) {
        return new QuoteRequest(customerId, null, null, null, date, lines);
    }

    public static QuoteRequest forTier(
            Long tierId, String province, String city, LocalDate date, List<LineRequest> lines) {
        return new QuoteRequest(null, tierId, province, city, date, lines);
    }
}
