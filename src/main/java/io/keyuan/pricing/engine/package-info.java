/** The quote engine: pure Java over a price book snapshot, no Spring, no database; BigDecimal only. */
package io.keyuan.pricing.engine;
