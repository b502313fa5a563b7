package io.keyuan.pricing.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * One priced line. unitPrice and lineTotal scale 2; marginPercent = (unitPrice - cost) / unitPrice * 100, scale 2,
 * null when the price is 0. winner null = list price (no rule applied). guardApplied: the minimum-margin guard
 * raised the winner's price. beaten: the rules on this product's scope that did not win, best first.
 */
public record LineQuote(
        int lineNo,
        CatalogueItem product,
        int quantity,
        BigDecimal listPrice,
        BigDecimal unitPrice,
        BigDecimal lineTotal,
        BigDecimal cost,
        BigDecimal marginPercent,
        RuleSpec winner,
        boolean guardApplied,
        List<BeatenRule> beaten,
        List<Warning> warnings) {}
