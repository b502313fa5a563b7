package io.keyuan.pricing.engine;

import java.time.LocalDate;
import java.util.Objects;

/** Whether a rule whose scope covers the product applies to a line, and if not, the first reason why not. */
final class Applicability {
    private Applicability() {}

    /** null when the rule applies; checks in the order tier, region, date, quantity. */
    static BeatenRule.Reason failure(RuleSpec rule, QuoteContext context, int quantity) {
        if (!tierMatches(rule.tierId(), context.tierId())) {
            return BeatenRule.Reason.OTHER_TIER;
        }
        if (!regionMatches(rule, context.province(), context.city())) {
            return BeatenRule.Reason.OUTSIDE_REGION;
        }
        if (rule.validFrom() != null && context.date().isBefore(rule.validFrom())) {
            return BeatenRule.Reason.NOT_YET_VALID;
        }
        if (rule.validTo() != null && context.date().isAfter(rule.validTo())) {
            return BeatenRule.Reason.EXPIRED;
        }
        if (quantity < rule.minQuantity()) {
            return BeatenRule.Reason.MIN_QUANTITY;
        }
        return null;
    }

    static String detail(RuleSpec rule, BeatenRule.Reason reason) {
        return switch (reason) {
            case OTHER_TIER -> String.valueOf(rule.tierId());
            case OUTSIDE_REGION -> rule.city() != null ? rule.city() : rule.province();
            case NOT_YET_VALID -> rule.validFrom().toString();
            case EXPIRED -> rule.validTo().toString();
            case MIN_QUANTITY -> String.valueOf(rule.minQuantity());
            case LOWER_PRECEDENCE -> throw new IllegalArgumentException("decided by precedence");
        };
    }

    static boolean tierMatches(Long ruleTier, Long contextTier) {
        return ruleTier == null || ruleTier.equals(contextTier);
    }

    static boolean regionMatches(RuleSpec rule, String province, String city) {
        if (rule.province() == null) {
            return true;
        }
        if (!rule.province().equals(province)) {
            return false;
        }
        return rule.city() == null || rule.city().equals(city);
    }

    static boolean dateMatches(LocalDate from, LocalDate to, LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    static boolean sameTier(Long a, Long b) {
        return Objects.equals(a, b);
    }
}
