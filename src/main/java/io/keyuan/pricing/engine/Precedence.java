package io.keyuan.pricing.engine;

import java.util.Comparator;
import java.util.List;

/**
 * The one order in which applicable rules compete, best first (docs/pricing.md): promotion over regular, product
 * over category (deeper category first) over all, higher minimum quantity first, city over province over
 * national, tier-specific over everyone, lower priority number first, then lower id.
 */
public final class Precedence {
    /** The steps in order; the UI shows them next to the rules through pricing.precedence.step.* keys. */
    public enum Step {
        PROMOTION,
        SCOPE,
        MIN_QUANTITY,
        REGION,
        TIER,
        PRIORITY,
        ID
    }

    public static final List<Step> STEPS = List.of(Step.values());

    private Precedence() {}

    public static Comparator<RuleSpec> order(PriceBook book) {
        throw new UnsupportedOperationException("engine helper implements this");
    }

    /** The first step at which a and b differ (ID when only the id does). */
    public static Step decidingStep(PriceBook book, RuleSpec a, RuleSpec b) {
        throw new UnsupportedOperationException("engine helper implements this");
    }
}
