package io.keyuan.pricing;

import io.keyuan.pricing.engine.QuoteResult;

/**
 * A quote as the engine priced it, with what the screen shows around it: the customer (null when quoted for a
 * tier), the tier's code and name (null = no tier). Product codes and names are on each line's product.
 */
public record QuoteSimulation(
        QuoteResult result, Long customerId, String customerName, Long tierId, String tierCode, String tierName) {}
