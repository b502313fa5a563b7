package io.keyuan.pricing.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A whole quote: listTotal = sum of list price x quantity; linesTotal = sum of line totals; bundleDiscount = sum of
 * the matched bundles' discounts; total = linesTotal - bundleDiscount; costTotal = sum of cost x quantity;
 * marginPercent over total (null when total is 0). All money scale 2, HALF_UP.
 */
public record QuoteResult(
        QuoteContext context,
        List<LineQuote> lines,
        List<BundleMatch> bundles,
        BigDecimal listTotal,
        BigDecimal linesTotal,
        BigDecimal bundleDiscount,
        BigDecimal total,
        BigDecimal costTotal,
        BigDecimal marginPercent,
        List<Warning> warnings) {}
