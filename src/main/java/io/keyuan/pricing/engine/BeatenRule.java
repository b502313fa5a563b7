package io.keyuan.pricing.engine;

/**
 * A rule that was considered for a line and did not win, and why. detail is the value the reason names,
 * formatted for any language: the minimum quantity ("10"), the date ("2026-10-31"), the region ("浙江"), or the
 * tier code; for LOWER_PRECEDENCE the precedence step that decided ({@link Precedence.Step} name).
 */
public record BeatenRule(RuleSpec rule, Reason reason, String detail) {
    public enum Reason {
        LOWER_PRECEDENCE,
        MIN_QUANTITY,
        NOT_YET_VALID,
        EXPIRED,
        OUTSIDE_REGION,
        OTHER_TIER
    }
}
