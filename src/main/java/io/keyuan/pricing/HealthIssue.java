package io.keyuan.pricing;

/**
 * One problem of the price book health check. ruleId is set for rule problems, tierId for tier problems; code and
 * name are the rule's or the tier's; otherCode the other rule (SHADOWED by, AMBIGUOUS with), or null; detail the
 * value the explanation names (a product code for MARGIN, the segment id for tier problems); fixRoute the in-app
 * route that opens the thing to fix ("rules/12", "tiers?tier=3").
 */
public record HealthIssue(
        Kind kind,
        Severity severity,
        Long ruleId,
        Long tierId,
        String code,
        String name,
        String otherCode,
        String detail,
        String fixRoute) {
    /** Explained to the user by the i18n key pricing.health.kind.<KIND> and pricing.health.explain.<KIND>. */
    public enum Kind {
        SHADOWED,
        AMBIGUOUS,
        MARGIN,
        TIER_SEGMENT_DELETED,
        TIER_SEGMENT_EMPTY,
        TIER_NO_SEGMENT
    }

    public enum Severity {
        ERROR,
        WARNING
    }
}
