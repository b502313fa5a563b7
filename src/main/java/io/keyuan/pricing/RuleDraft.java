package io.keyuan.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A price rule as another module (an import) describes it: products and categories by id, already resolved with
 * {@link PriceRuleService#resolveProduct} / {@link PriceRuleService#resolveCategory}. id null = a new rule;
 * version is the one the caller loaded (ignored for a new rule).
 */
public record RuleDraft(
        Long id,
        long version,
        String code,
        String name,
        Long tierId,
        RuleScope scope,
        Long categoryId,
        Long productId,
        int minQuantity,
        String province,
        String city,
        LocalDate validFrom,
        LocalDate validTo,
        RuleKind kind,
        BigDecimal value,
        Rounding rounding,
        BigDecimal minMarginPercent,
        boolean promotion,
        int priority,
        boolean active,
        String note) {}
