package io.keyuan.pricing.engine;

import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An active price rule as the engine sees it. tierId null = for everyone; categoryId set when scope is CATEGORY,
 * productId when PRODUCT; province / city null = national (city only with its province); validFrom / validTo
 * inclusive, null = open; minMarginPercent null = no guard; lower priority first among otherwise equal rules.
 */
public record RuleSpec(
        long id,
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
        int priority) {}
