package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Fields of the kinds the survey module will provide (a NUMBER, a windowed NUMBER, a BOOLEAN), built through the
 * provider API over the purchase table, so that the agreement property checks the scalar paths of provided fields
 * as well as the pipeline's set field. Test-only: the application never registers them.
 */
final class ProbeFields implements SegmentFieldProvider {
    static final FieldGroup PROBES = new FieldGroup("segment.group.purchases", 900);

    static final FactSource<List<CustomerFacts.Purchase>> PURCHASES =
            new FactSource<>("test/purchases", (jdbc, ids) -> {
                Map<Long, List<CustomerFacts.Purchase>> byCustomer = new HashMap<>();
                jdbc.query(
                        "SELECT customer_id, purchase_date, amount FROM purchase WHERE customer_id IN (:ids)",
                        new MapSqlParameterSource("ids", ids),
                        rs -> {
                            byCustomer
                                    .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                    .add(new CustomerFacts.Purchase(
                                            rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)));
                        });
                return byCustomer;
            });

    /** Empty without purchases, like a last NPS score without responses. */
    static final ProvidedField<List<CustomerFacts.Purchase>> LARGEST_PURCHASE = ProvidedField.define(
                    "PROBE_LARGEST_PURCHASE", FieldType.NUMBER, PROBES, 1)
            .sql("(SELECT MAX(px.amount) FROM purchase px WHERE px.customer_id = c.id)")
            .from(
                    PURCHASES,
                    (purchases, today) -> purchases == null
                            ? null
                            : purchases.stream()
                                    .map(CustomerFacts.Purchase::amount)
                                    .max(BigDecimal::compareTo)
                                    .orElse(null));

    /** Zero, never empty, without purchases in the window, like complaints in the last N days. */
    static final ProvidedField<List<CustomerFacts.Purchase>> PURCHASES_IN_DAYS = ProvidedField.define(
                    "PROBE_PURCHASES_IN_DAYS", FieldType.NUMBER, PROBES, 2)
            .sql("(SELECT COUNT(*) FROM purchase px WHERE px.customer_id = c.id"
                    + " AND px.purchase_date BETWEEN :since AND :today)")
            .windowedFrom(
                    PURCHASES,
                    (purchases, today, since) -> purchases == null
                            ? 0
                            : purchases.stream()
                                    .filter(p -> !p.date().isBefore(since)
                                            && !p.date().isAfter(today))
                                    .count());

    /** Never empty, like "has open complaints". */
    static final ProvidedField<List<CustomerFacts.Purchase>> BIG_BUYER = ProvidedField.define(
                    "PROBE_BIG_BUYER", FieldType.BOOLEAN, PROBES, 3)
            .sql("EXISTS (SELECT 1 FROM purchase px WHERE px.customer_id = c.id AND px.amount >= 1000)")
            .from(
                    PURCHASES,
                    (purchases, today) -> purchases != null
                            && purchases.stream().anyMatch(p -> p.amount().compareTo(new BigDecimal("1000")) >= 0));

    @Override
    public List<ProvidedField<?>> fields() {
        return List.of(LARGEST_PURCHASE, PURCHASES_IN_DAYS, BIG_BUYER);
    }
}
