package io.keyuan.customer;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.JdbcTableImporter;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.shared.Roles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * Imports purchase records. A purchase matches by its record number (as exported), else by its order number
 * when the sheet has one, else by all its
 * fields (customer, date, product, quantity, amount, channel), so that importing the same sheet twice adds
 * nothing. The customers' recency, frequency and spend are recomputed in the same transaction.
 */
// First in the wizard's list: the sheets teams exchange every day.
@Order(2)
@Component
class PurchaseImporter extends JdbcTableImporter {
    static final SheetSchema SCHEMA = new SheetSchema(
                    "purchases",
                    List.of(
                            SheetColumn.of("id", "记录号", "記錄號", "Record no", ColumnType.INTEGER, false, 19),
                            SheetColumn.of("orderNo", "订单号", "訂單號", "Order number", ColumnType.TEXT, false, 64)
                                    .alsoCalled("订单编号", "單號", "单号", "Order no", "Order ID"),
                            SheetColumn.of("customer", "客户编号", "客戶編號", "Customer code", ColumnType.TEXT, true, 32)
                                    .alsoCalled("客户代码", "会员编号", "Customer"),
                            SheetColumn.of("date", "购买日期", "購買日期", "Date", ColumnType.DATE, true, 10)
                                    .notAfterToday()
                                    .alsoCalled("日期", "销售日期", "下单日期", "Purchase date"),
                            SheetColumn.of(
                                            "product",
                                            "产品",
                                            "產品",
                                            "Product",
                                            ColumnType.TEXT,
                                            true,
                                            io.keyuan.customer.domain.Purchase.PRODUCT_LENGTH)
                                    .alsoCalled("商品", "商品名称", "产品名称", "Item"),
                            SheetColumn.of("quantity", "数量", "數量", "Quantity", ColumnType.INTEGER, false, 9)
                                    .byDefault(1L),
                            SheetColumn.of("amount", "金额", "金額", "Amount", ColumnType.DECIMAL, true, 16)
                                    .checkedBy(io.keyuan.shared.Amounts::cell)
                                    .alsoCalled("实付金额", "销售额", "总额", "Total"),
                            SheetColumn.ofEnum("channel", "销售渠道", "銷售渠道", "Sales channel", false, SalesChannel.class)
                                    .alsoCalled("渠道", "销售方式", "Channel")
                                    .byDefault(SalesChannel.STORE.name())),
                    List.of("id"))
            .orBy(List.of("orderNo"));

    private static final List<String> ALL_FIELDS =
            List.of("customer_id", "purchase_date", "product", "quantity", "amount", "channel");

    private final CustomerMetricsService metrics;
    private final CustomerService customers;

    PurchaseImporter(
            NamedParameterJdbcTemplate jdbc, Clock clock, CustomerMetricsService metrics, CustomerService customers) {
        super(jdbc, clock);
        this.metrics = metrics;
        this.customers = customers;
    }

    @Override
    public SheetSchema schema() {
        return SCHEMA;
    }

    @Override
    public String requiredRole() {
        return Roles.STAFF;
    }

    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
        return super.undo(changes, preview);
    }

    @Override
    protected String table() {
        return "purchase";
    }

    @Override
    protected Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("id", "id");
        c.put("orderNo", "order_no");
        c.put("customer", "customer_id");
        c.put("date", "purchase_date");
        c.put("product", "product");
        c.put("quantity", "quantity");
        c.put("amount", "amount");
        c.put("channel", "channel");
        return c;
    }

    @Override
    protected List<String> keyColumns(ImportRow row) {
        if (row.has("id") && row.value("id") != null) {
            return List.of("id");
        }
        return row.has("orderNo") && row.value("orderNo") != null ? List.of("order_no") : ALL_FIELDS;
    }

    @Override
    public String naturalKey(ImportRow row) {
        if (row.has("id") && row.value("id") != null) {
            return "id:" + row.text("id");
        }
        if (row.has("orderNo") && row.value("orderNo") != null) {
            return "order:" + row.text("orderNo");
        }
        return "purchase:" + row.text("customer") + "|" + row.text("date") + "|" + row.text("product") + "|"
                + row.text("quantity") + "|" + row.text("amount") + "|" + row.text("channel");
    }

    @Override
    protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
        Set<String> codes = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.value("customer") != null) {
                codes.add(row.text("customer"));
            }
        }
        Map<String, Long> ids = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.query(
                    "SELECT id, code FROM customer WHERE code IN (:codes)",
                    new MapSqlParameterSource("codes", codes),
                    rs -> {
                        ids.put(rs.getString("code"), rs.getLong("id"));
                    });
        }
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            Map<String, Object> v = values.get(i);
            String code = row.text("customer");
            Long id = code == null ? null : ids.get(code);
            if (code != null && id == null) {
                row.error("customer", "customer.import.unknown-referrer", code);
            }
            v.put("customer_id", id);
            // Matched by all its fields, a purchase's defaults take part, so that a re-import matches; matched by its
            // number, absent fields keep their stored values.
            boolean numbered =
                    row.has("id") && row.value("id") != null || row.has("orderNo") && row.value("orderNo") != null;
            if (!numbered) {
                if (v.get("quantity") == null) {
                    v.put("quantity", 1L);
                }
                if (v.get("channel") == null) {
                    v.put("channel", SalesChannel.STORE.name());
                }
            }
            // with the row's other errors (an unknown customer), so after conversion rather than as a cell rule
            if (row.value("quantity") != null) {
                try {
                    PurchaseRules.quantity(row.value("quantity"));
                } catch (io.keyuan.shared.KeyuanException e) {
                    row.error("quantity", e.messageKey(), e.args());
                }
            }
        }
    }

    /** A record number names an existing purchase (as exported); a new purchase has none. */
    @Override
    protected void checkCreate(ImportRow row, Map<String, Object> values) {
        if (values.get("id") != null) {
            row.error("id", "purchase.import.unknown-id", values.get("id"));
        }
    }

    /**
     * A purchase with returns keeps its customer (the returns are the customer's: their return rate counts them) and
     * never goes below what was returned of it, as recording a return checks from the other side. Only a row that
     * moves or shrinks a purchase reads its returns.
     */
    @Override
    protected void checkUpdate(ImportRow row, Map<String, Object> values, Map<String, Object> current) {
        boolean moves = values.get("customer_id") instanceof Number to
                && to.longValue() != ((Number) current.get("customer_id")).longValue();
        boolean shrinks = less(values.get("amount"), current.get("amount"))
                || less(values.get("quantity"), current.get("quantity"));
        if (!moves && !shrinks) {
            return;
        }
        Map<String, Object> returned = jdbc.queryForMap(
                "SELECT COUNT(*) n, COALESCE(SUM(quantity), 0) q, COALESCE(SUM(amount), 0) a FROM purchase_return"
                        + " WHERE purchase_id = :id",
                Map.of("id", current.get("id")));
        long count = ((Number) returned.get("n")).longValue();
        if (count == 0) {
            return;
        }
        if (moves) {
            row.error("customer", "purchase.import.error.returns-keep-customer", count);
        }
        if (less(values.get("amount"), returned.get("a"))) {
            row.error("amount", "purchase.import.error.below-returned", returned.get("a"));
        }
        if (less(values.get("quantity"), returned.get("q"))) {
            row.error("quantity", "purchase.import.error.below-returned", returned.get("q"));
        }
    }

    private static boolean less(Object value, Object than) {
        return value instanceof Number v
                && than instanceof Number t
                && new java.math.BigDecimal(v.toString()).compareTo(new java.math.BigDecimal(t.toString())) < 0;
    }

    @Override
    protected List<Long> related(List<Long> purchaseIds) {
        if (purchaseIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT DISTINCT customer_id FROM purchase WHERE id IN (:ids) ORDER BY customer_id",
                new MapSqlParameterSource("ids", purchaseIds),
                Long.class);
    }

    /** Recomputes the customers' metrics, one range per run of nearby ids. */
    @Override
    protected void afterWrite(List<Long> customerIds) {
        List<Long> sorted = new ArrayList<>(customerIds);
        sorted.sort(null);
        int i = 0;
        while (i < sorted.size()) {
            long from = sorted.get(i);
            long to = from;
            while (i + 1 < sorted.size() && sorted.get(i + 1) - to <= 64) {
                to = sorted.get(++i);
            }
            metrics.refreshRange(from, to);
            i++;
        }
    }

    @Override
    public void afterCommit() {
        customers.bulkChanged();
    }
}
