/**
 * The quote engine: pure Java over a price book snapshot, no Spring, no database; BigDecimal only. Exposed to other
 * modules (the command line's benchmark, reports) as the pricing module's "engine" interface: its records are what
 * QuoteService returns.
 */
@org.springframework.modulith.NamedInterface("engine")
package io.keyuan.pricing.engine;
