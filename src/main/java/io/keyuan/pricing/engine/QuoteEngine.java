package io.keyuan.pricing.engine;

import java.util.List;

/** Prices lines against a price book. Deterministic: the same book, context and lines give the same result. */
public final class QuoteEngine {
    private QuoteEngine() {}

    /** Lines are numbered from 1 in the order given; a product the book does not hold is an IllegalArgumentException. */
    public static QuoteResult quote(PriceBook book, QuoteContext context, List<LineRequest> lines) {
        throw new UnsupportedOperationException("engine helper implements this");
    }
}
