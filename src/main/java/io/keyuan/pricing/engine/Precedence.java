package io.keyuan.pricing.engine;

import io.keyuan.pricing.RuleScope;
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
        return (a, b) -> {
            for (Step step : STEPS) {
                int c = compare(book, step, a, b);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /** The first step at which a and b differ (ID when only the id does). */
    public static Step decidingStep(PriceBook book, RuleSpec a, RuleSpec b) {
        for (Step step : STEPS) {
            if (compare(book, step, a, b) != 0) {
                return step;
            }
        }
        return Step.ID;
    }

    /** Negative when a comes before b at this step, positive when after, 0 when the step does not tell them apart. */
    public static int compare(PriceBook book, Step step, RuleSpec a, RuleSpec b) {
        return switch (step) {
            case PROMOTION -> Boolean.compare(b.promotion(), a.promotion());
            case SCOPE -> Integer.compare(scopeKey(book, a), scopeKey(book, b));
            case MIN_QUANTITY -> Integer.compare(b.minQuantity(), a.minQuantity());
            case REGION -> Integer.compare(regionKey(a), regionKey(b));
            case TIER -> Integer.compare(tierKey(a), tierKey(b));
            case PRIORITY -> Integer.compare(a.priority(), b.priority());
            case ID -> Long.compare(a.id(), b.id());
        };
    }

    /** Lower first: a product rule, then category rules deepest first, then the rules on all products. */
    static int scopeKey(PriceBook book, RuleSpec rule) {
        if (rule.scope() == RuleScope.PRODUCT) {
            return Integer.MIN_VALUE;
        }
        if (rule.scope() == RuleScope.CATEGORY) {
            return rule.categoryId() == null ? 0 : -book.depth(rule.categoryId());
        }
        return Integer.MAX_VALUE;
    }

    /** 0 city, 1 province, 2 national. */
    static int regionKey(RuleSpec rule) {
        if (rule.province() == null) {
            return 2;
        }
        return rule.city() == null ? 1 : 0;
    }

    /** 0 for one tier, 1 for everyone. */
    static int tierKey(RuleSpec rule) {
        return rule.tierId() == null ? 1 : 0;
    }
}
