package io.keyuan.pricing.engine;

import java.math.BigDecimal;

/** A product as the engine sees it: list price and cost in yuan, scale 2. */
public record CatalogueItem(
        long productId,
        String code,
        String name,
        long categoryId,
        BigDecimal listPrice,
        BigDecimal cost,
        boolean active) {}
