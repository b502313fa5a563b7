package io.keyuan.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A stored bundle with the names of its tier and products. */
public record BundleRow(
        long id,
        long version,
        String code,
        String name,
        PickItem tier,
        BundleKind kind,
        BigDecimal value,
        LocalDate validFrom,
        LocalDate validTo,
        boolean active,
        List<Line> items,
        String updatedBy,
        Instant updatedAt) {
    /** One product of the set and how many of it. */
    public record Line(PickItem product, int quantity) {}

    /** The draft to edit this bundle from. */
    public BundleDraft draft() {
        Map<Long, Integer> q = new java.util.LinkedHashMap<>();
        items.forEach(l -> q.put(l.product().id(), l.quantity()));
        return new BundleDraft(
                id, version, code, name, tier == null ? null : tier.id(), kind, value, validFrom, validTo, active, q);
    }
}
