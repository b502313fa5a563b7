package io.keyuan.pricing;

import java.time.LocalDate;

/**
 * What the rule list shows: text in code or name; tierId, or everyone = only the rules for everyone (tierId
 * ignored then); scope, kind, promotion and active when set; validOn = rules valid on that date.
 */
public record RuleFilter(
        String text,
        Long tierId,
        boolean everyone,
        RuleScope scope,
        RuleKind kind,
        Boolean promotion,
        Boolean active,
        LocalDate validOn) {
    public static RuleFilter none() {
        return new RuleFilter(null, null, false, null, null, null, null, null);
    }

    public static RuleFilter text(String text) {
        return new RuleFilter(text, null, false, null, null, null, null, null);
    }
}
