package io.keyuan.pricing;

import io.keyuan.pricing.engine.BundleSpec;
import io.keyuan.pricing.engine.CatalogueItem;
import io.keyuan.pricing.engine.CategoryNode;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.pricing.engine.RuleSpec;
import io.keyuan.shared.Roles;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Loads the price book in four plain queries (categories, products, active rules, active bundles with items) and
 * keeps it until a pricing service announces a change. Every product is loaded, active or not, so that a quote
 * or a saved quote line can still name an archived product; the engine warns when one is quoted.
 */
@Component
public class PriceBookLoader implements PriceBookSource {
    private final JdbcTemplate jdbc;
    private final AtomicReference<PriceBook> cached = new AtomicReference<>();

    PriceBookLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public PriceBook current() {
        PriceBook book = cached.get();
        if (book == null) {
            book = load();
            cached.compareAndSet(null, book);
        }
        return book;
    }

    /** After the change has committed, so that the next load sees it. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void changed(PriceBookChanged event) {
        cached.set(null);
    }

    @EventListener
    void forget(ForgetPriceBook event) {
        cached.set(null);
    }

    /** Tests and the benchmark that write the tables directly ask for a fresh load with this event. */
    public record ForgetPriceBook() {}

    PriceBook load() {
        List<CategoryNode> categories = jdbc.query(
                "SELECT id, code, name, parent_id FROM product_category ORDER BY id",
                (rs, i) -> new CategoryNode(rs.getLong(1), rs.getString(2), rs.getString(3), nullableLong(rs, 4)));
        List<CatalogueItem> items = new ArrayList<>();
        jdbc.query("SELECT id, code, name, category_id, list_price, cost, active FROM product ORDER BY id", rs -> {
            items.add(new CatalogueItem(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    rs.getBigDecimal(5),
                    rs.getBigDecimal(6),
                    rs.getBoolean(7)));
        });
        List<RuleSpec> rules = new ArrayList<>();
        jdbc.query("""
                SELECT id, code, name, tier_id, scope, category_id, product_id, min_quantity, province, city,
                       valid_from, valid_to, kind, value, rounding, min_margin_percent, promotion, priority
                FROM price_rule WHERE active ORDER BY id""", rs -> {
            rules.add(new RuleSpec(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    nullableLong(rs, 4),
                    RuleScope.valueOf(rs.getString(5)),
                    nullableLong(rs, 6),
                    nullableLong(rs, 7),
                    rs.getInt(8),
                    rs.getString(9),
                    rs.getString(10),
                    date(rs, 11),
                    date(rs, 12),
                    RuleKind.valueOf(rs.getString(13)),
                    rs.getBigDecimal(14),
                    Rounding.valueOf(rs.getString(15)),
                    rs.getBigDecimal(16),
                    rs.getBoolean(17),
                    rs.getInt(18)));
        });
        Map<Long, Map<Long, Integer>> itemsByBundle = new HashMap<>();
        jdbc.query("SELECT bundle_id, product_id, quantity FROM bundle_item ORDER BY bundle_id, product_id", rs -> {
            itemsByBundle
                    .computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                    .put(rs.getLong(2), rs.getInt(3));
        });
        List<BundleSpec> bundles = jdbc.query(
                "SELECT id, code, name, tier_id, kind, value, valid_from, valid_to FROM bundle WHERE active ORDER BY id",
                (rs, i) -> new BundleSpec(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        nullableLong(rs, 4),
                        BundleKind.valueOf(rs.getString(5)),
                        rs.getBigDecimal(6),
                        date(rs, 7),
                        date(rs, 8),
                        Map.copyOf(itemsByBundle.getOrDefault(rs.getLong(1), Map.of()))));
        return PriceBook.of(categories, items, rules, bundles);
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }
}
