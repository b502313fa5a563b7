package io.keyuan.pricing.engine;

import io.keyuan.pricing.BundleKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** An active bundle: items maps product id to the quantity in one set. tierId null = for everyone. */
public record BundleSpec(
        long id,
        String code,
        String name,
        Long tierId,
        BundleKind kind,
        BigDecimal value,
        LocalDate validFrom,
        LocalDate validTo,
        Map<Long, Integer> items) {}
