package io.keyuan.pricing;

import io.keyuan.pricing.engine.PriceBook;

/** The current price book (active products, rules and bundles), loaded in SQL and cached until the book changes. */
public interface PriceBookSource {
    PriceBook current();
}
