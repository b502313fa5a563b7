package io.keyuan.pricing.engine;

/**
 * A problem in the price book. SHADOWED: rule can never win (other = one rule that always beats it, may be null
 * when several together cover it). AMBIGUOUS: rule and other have equal precedence up to the id on an
 * overlapping scope, region, tier and dates (only the id decides). MARGIN: rule's price falls below its own
 * margin guard, or below cost when it has none, for some product it covers (detail = that product's code).
 */
public record Conflict(Kind kind, RuleSpec rule, RuleSpec other, String detail) {
    public enum Kind {
        SHADOWED,
        AMBIGUOUS,
        MARGIN
    }
}
