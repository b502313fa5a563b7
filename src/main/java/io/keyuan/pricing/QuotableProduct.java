package io.keyuan.pricing;

import java.math.BigDecimal;

/** A product as the quote's product picker shows it (no cost). */
public record QuotableProduct(long id, String code, String name, String unit, BigDecimal listPrice) {
    public String label() {
        return code + " · " + name;
    }
}
