package io.keyuan.customer;

import io.keyuan.customer.domain.PurchaseReturn;
import io.keyuan.customer.domain.PurchaseReturnRepository;
import io.keyuan.shared.Amounts;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.db.ConstraintMessages;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Returns of purchases (退货) and the return rate they give a customer. Staff record returns; a purchase never gives
 * back more goods or money than it had, checked while its row is locked so that two returns recorded at the same
 * moment cannot both take the last of it. The rate is computed in SQL, so segmentation and insight can use the same
 * figure over many customers.
 */
@Service
@Transactional
public class PurchaseReturns {
    /** The purchase_return table's constraints (V16) as the return form's fields and messages. */
    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "fk_purchase_return_purchase", new ConstraintMessages.Meaning(null, "purchase.return.error.purchase-gone"),
            "fk_purchase_return_customer", new ConstraintMessages.Meaning(null, "purchase.return.error.purchase-gone"),
            "ck_purchase_return_quantity", new ConstraintMessages.Meaning("quantity", "validation.not-negative"),
            "ck_purchase_return_amount", new ConstraintMessages.Meaning("amount", "validation.not-negative"),
            "ck_purchase_return_something", new ConstraintMessages.Meaning("amount", "purchase.return.error.nothing"));

    private final PurchaseReturnRepository returns;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final CustomerMetricsService metrics;
    private final org.springframework.context.ApplicationEventPublisher events;

    PurchaseReturns(
            PurchaseReturnRepository returns,
            NamedParameterJdbcTemplate jdbc,
            Clock clock,
            CustomerMetricsService metrics,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.returns = returns;
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records a return and recomputes the customer's metrics (the amount returned) in the same transaction. Refused,
     * naming the field: no date, a date in the future or before the purchase, a negative quantity, a bad amount,
     * nothing returned at all, no reason, and more than is left of the purchase.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public PurchaseReturnRow record(NewPurchaseReturn r) {
        if (r.date() == null) {
            throw KeyuanException.onField("date", "validation.required");
        }
        if (r.date().isAfter(LocalDate.now(clock))) {
            throw KeyuanException.onField("date", "purchase.return.error.future");
        }
        if (r.quantity() == null) {
            throw KeyuanException.onField("quantity", "validation.required");
        }
        if (r.quantity() < 0) {
            throw KeyuanException.onField("quantity", "validation.not-negative");
        }
        if (r.amount() == null) {
            throw KeyuanException.onField("amount", "validation.required");
        }
        try {
            Amounts.money(r.amount());
        } catch (KeyuanException e) {
            throw KeyuanException.onField("amount", e.messageKey(), e.args());
        }
        if (r.quantity() == 0 && r.amount().signum() == 0) {
            throw KeyuanException.onField("amount", "purchase.return.error.nothing");
        }
        String reason = r.reason() == null ? "" : r.reason().strip();
        if (reason.isEmpty()) {
            throw KeyuanException.onField("reason", "validation.required");
        }
        if (reason.length() > PurchaseReturn.REASON_LENGTH) {
            throw KeyuanException.onField("reason", "error.too-long", PurchaseReturn.REASON_LENGTH);
        }
        // The lock makes returns of one purchase take turns: each then sees the sum of those before it.
        List<Map<String, Object>> locked = jdbc.queryForList(
                "SELECT customer_id, purchase_date, quantity, amount FROM purchase WHERE id = :id FOR UPDATE",
                Map.of("id", r.purchaseId()));
        if (locked.isEmpty()) {
            throw new NotFoundException("purchase", r.purchaseId());
        }
        Map<String, Object> purchase = locked.getFirst();
        LocalDate purchaseDate = toLocalDate(purchase.get("purchase_date"));
        if (r.date().isBefore(purchaseDate)) {
            throw KeyuanException.onField("date", "purchase.return.error.before-purchase", purchaseDate);
        }
        ReturnedTotals totals = totals(r.purchaseId());
        if (totals.returnedQuantity() + r.quantity() > totals.purchasedQuantity()) {
            throw KeyuanException.onField(
                    "quantity",
                    "purchase.return.error.quantity-exceeds",
                    r.quantity(),
                    totals.quantityLeft(),
                    totals.purchasedQuantity());
        }
        if (totals.returnedAmount().add(r.amount()).compareTo(totals.purchasedAmount()) > 0) {
            throw KeyuanException.onField(
                    "amount",
                    "purchase.return.error.amount-exceeds",
                    r.amount(),
                    totals.amountLeft(),
                    totals.purchasedAmount());
        }
        PurchaseReturn entity = new PurchaseReturn();
        entity.setPurchaseId(r.purchaseId());
        entity.setCustomerId(((Number) purchase.get("customer_id")).longValue());
        entity.setReturnDate(r.date());
        entity.setQuantity(r.quantity());
        entity.setAmount(r.amount());
        entity.setReason(reason);
        PurchaseReturnRow saved;
        try {
            saved = row(returns.saveAndFlush(entity));
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS);
        }
        metrics.refreshCustomer(entity.getCustomerId());
        events.publishEvent(
                new CustomerChanged(entity.getCustomerId(), java.util.Set.of(java.time.YearMonth.from(purchaseDate))));
        return saved;
    }

    /** A purchase's returns, oldest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PurchaseReturnRow> ofPurchase(long purchaseId) {
        return returns.findByPurchaseIdOrderByReturnDateAscIdAsc(purchaseId).stream()
                .map(PurchaseReturns::row)
                .toList();
    }

    /** What is bought and returned of one purchase. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public ReturnedTotals totals(long purchaseId) {
        ReturnedTotals t = totals(List.of(purchaseId)).get(purchaseId);
        if (t == null) {
            throw new NotFoundException("purchase", purchaseId);
        }
        return t;
    }

    /** What is bought and returned of each of these purchases (a page of the purchase list), in one query. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Map<Long, ReturnedTotals> totals(Collection<Long> purchaseIds) {
        Map<Long, ReturnedTotals> result = new HashMap<>();
        if (purchaseIds.isEmpty()) {
            return result;
        }
        jdbc.query(
                "SELECT p.id, p.quantity, p.amount, COALESCE(SUM(r.quantity), 0) AS rq,"
                        + " COALESCE(SUM(r.amount), 0) AS ra"
                        + " FROM purchase p LEFT JOIN purchase_return r ON r.purchase_id = p.id"
                        + " WHERE p.id IN (:ids) GROUP BY p.id, p.quantity, p.amount",
                new MapSqlParameterSource("ids", purchaseIds),
                rs -> {
                    long id = rs.getLong("id");
                    result.put(
                            id,
                            new ReturnedTotals(
                                    id,
                                    rs.getInt("quantity"),
                                    rs.getBigDecimal("amount"),
                                    rs.getInt("rq"),
                                    rs.getBigDecimal("ra")));
                });
        return result;
    }

    /** Removes a return recorded by mistake, and recomputes the customer's metrics in the same transaction. */
    @PreAuthorize(Roles.HAS_STAFF)
    public void delete(long returnId) {
        PurchaseReturn r =
                returns.findById(returnId).orElseThrow(() -> new NotFoundException("purchase-return", returnId));
        returns.delete(r);
        returns.flush();
        metrics.refreshCustomer(r.getCustomerId());
        // Net revenue counts a return in its purchase's month.
        List<LocalDate> bought = jdbc.queryForList(
                "SELECT purchase_date FROM purchase WHERE id = :id", Map.of("id", r.getPurchaseId()), LocalDate.class);
        events.publishEvent(new CustomerChanged(
                r.getCustomerId(),
                bought.stream().map(java.time.YearMonth::from).collect(java.util.stream.Collectors.toSet())));
    }

    /**
     * The customer's return rate: the amount returned over the amount purchased, all time, computed in SQL (to four
     * decimals); null rate when nothing was bought.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public ReturnRate returnRate(long customerId) {
        return jdbc.queryForObject(
                "SELECT t.purchased, t.returned, " + ReturnRate.rateSql("t.purchased", "t.returned") + " AS rate"
                        + " FROM (SELECT (SELECT COALESCE(SUM(p.amount), 0) FROM purchase p WHERE p.customer_id = :id)"
                        + " AS purchased, (SELECT COALESCE(SUM(r.amount), 0) FROM purchase_return r"
                        + " WHERE r.customer_id = :id) AS returned) t",
                Map.of("id", customerId),
                (rs, i) -> new ReturnRate(
                        customerId,
                        rs.getBigDecimal("purchased"),
                        rs.getBigDecimal("returned"),
                        rs.getBigDecimal("rate")));
    }

    private static PurchaseReturnRow row(PurchaseReturn r) {
        return new PurchaseReturnRow(
                r.getId(),
                r.getPurchaseId(),
                r.getReturnDate(),
                r.getQuantity(),
                r.getAmount(),
                r.getReason(),
                r.getCreatedBy(),
                r.getCreatedAt());
    }

    private static LocalDate toLocalDate(Object column) {
        return switch (column) {
            case LocalDate d -> d;
            case Date d -> d.toLocalDate();
            default -> LocalDate.parse(column.toString());
        };
    }
}
