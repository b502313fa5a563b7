package io.keyuan.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * A bundle as a form or an import describes it: items maps product id to the quantity in one set (in the order
 * given). id null = new; version = the one loaded.
 */
public record BundleDraft(
        Long id,
        long version,
        String code,
        String name,
        Long tierId,
        BundleKind kind,
        BigDecimal value,
        LocalDate validFrom,
        LocalDate validTo,
        boolean active,
        Map<Long, Integer> items) {}
