package io.keyuan.cli;

import io.keyuan.pricing.engine.BundleSpec;
import io.keyuan.pricing.engine.CatalogueItem;
import io.keyuan.pricing.engine.CategoryNode;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.pricing.engine.RuleSpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the engine's synthetic price book ({@link io.keyuan.pricing.engine.SyntheticBook}) into the tables through
 * plain JDBC batches, for the pricing benchmark: so that the benchmark loads, quotes and checks through the real
 * path the same book the engine's own measurements use. Codes start with the given prefix, so a run can find and
 * replace its own rows.
 */
final class PriceBookGenerator {
    private final JdbcTemplate jdbc;
    private final String prefix;
    private final Timestamp now = Timestamp.from(Instant.now());

    PriceBookGenerator(JdbcTemplate jdbc, String prefix) {
        this.jdbc = jdbc;
        this.prefix = prefix;
    }

    /** The ids of what was written: tiers by priority. */
    record Written(List<Long> tiers) {}

    /**
     * Writes the engine's synthetic book (the one its tests and properties run on) into the tables: categories
     * parents first, products, tiers (the book's tier n is the n-th of {@code tierCodesAndNames}), rules and bundles,
     * every id mapped to the row written. Dates are moved so that the book's year ends on {@code today}.
     */
    Written write(PriceBook book, List<String[]> tierCodesAndNames, LocalDate today) {
        long shift = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2026, 12, 31), today);
        Map<Long, Long> categories = new HashMap<>();
        for (CategoryNode c : book.categories()) {
            categories.put(
                    c.id(),
                    insertCategory(
                            prefix + c.code(), c.name(), c.parentId() == null ? null : categories.get(c.parentId())));
        }
        List<Object[]> batch = new ArrayList<>(1000);
        for (CatalogueItem p : book.items()) {
            batch.add(new Object[] {
                prefix + p.code(),
                p.name(),
                categories.get(p.categoryId()),
                "件",
                p.listPrice(),
                p.cost(),
                p.active(),
                now,
                now
            });
            if (batch.size() == 1000) {
                insertProducts(batch);
            }
        }
        insertProducts(batch);
        Map<Long, Long> products = new HashMap<>();
        Map<String, Long> byCode = new HashMap<>();
        jdbc.query(
                "SELECT id, code FROM product WHERE code LIKE ?",
                rs -> {
                    byCode.put(rs.getString(2), rs.getLong(1));
                },
                prefix + "%");
        book.items().forEach(p -> products.put(p.productId(), byCode.get(prefix + p.code())));
        List<Long> tiers = new ArrayList<>();
        int priority = jdbc.queryForObject("SELECT COALESCE(MAX(priority), 0) FROM price_tier", Integer.class);
        for (String[] tier : tierCodesAndNames) {
            jdbc.update(
                    "INSERT INTO price_tier (code, name, priority, version, created_at, created_by, updated_at,"
                            + " updated_by) VALUES (?, ?, ?, 0, ?, 'bench', ?, 'bench')",
                    tier[0],
                    tier[1],
                    ++priority,
                    now,
                    now);
            tiers.add(jdbc.queryForObject("SELECT id FROM price_tier WHERE code = ?", Long.class, tier[0]));
        }
        for (RuleSpec r : book.rules()) {
            batch.add(new Object[] {
                prefix + r.code(),
                r.name(),
                r.tierId() == null ? null : tiers.get((int) (r.tierId() - 1) % tiers.size()),
                r.scope().name(),
                r.categoryId() == null ? null : categories.get(r.categoryId()),
                r.productId() == null ? null : products.get(r.productId()),
                r.minQuantity(),
                r.province(),
                r.city(),
                r.validFrom() == null
                        ? null
                        : java.sql.Date.valueOf(r.validFrom().plusDays(shift)),
                r.validTo() == null ? null : java.sql.Date.valueOf(r.validTo().plusDays(shift)),
                r.kind().name(),
                r.value(),
                r.rounding().name(),
                r.minMarginPercent(),
                r.promotion(),
                r.priority(),
                now,
                now
            });
            if (batch.size() == 1000) {
                insertRules(batch);
            }
        }
        insertRules(batch);
        for (BundleSpec b : book.bundles()) {
            jdbc.update(
                    "INSERT INTO bundle (code, name, tier_id, kind, value, active, version, created_at, created_by,"
                            + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, TRUE, 0, ?, 'bench', ?, 'bench')",
                    prefix + b.code(),
                    b.name(),
                    b.tierId() == null ? null : tiers.get((int) (b.tierId() - 1) % tiers.size()),
                    b.kind().name(),
                    b.value(),
                    now,
                    now);
            long id = jdbc.queryForObject("SELECT id FROM bundle WHERE code = ?", Long.class, prefix + b.code());
            b.items()
                    .forEach((product, quantity) -> jdbc.update(
                            "INSERT INTO bundle_item (bundle_id, product_id, quantity) VALUES (?, ?, ?)",
                            id,
                            products.get(product),
                            quantity));
        }
        return new Written(tiers);
    }

    private void insertProducts(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO product (code, name, category_id, unit, list_price, cost, active, version,"
                            + " created_at, created_by, updated_at, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'bench', ?, 'bench')",
                    batch);
            batch.clear();
        }
    }

    private void insertRules(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO price_rule (code, name, tier_id, scope, category_id, product_id, min_quantity,
                        province, city, valid_from, valid_to, kind, value, rounding, min_margin_percent,
                        promotion, priority, active, version, created_at, created_by, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, 'bench', ?, 'bench')""", batch);
            batch.clear();
        }
    }

    private long insertCategory(String code, String name, Long parent) {
        jdbc.update(
                "INSERT INTO product_category (code, name, parent_id, version, created_at, created_by, updated_at,"
                        + " updated_by) VALUES (?, ?, ?, 0, ?, 'bench', ?, 'bench')",
                code,
                name,
                parent,
                now,
                now);
        return jdbc.queryForObject("SELECT id FROM product_category WHERE code = ?", Long.class, code);
    }

    /** Removes every row this prefix wrote: rules, bundles, products, categories (children first), tiers. */
    void removeAll() {
        String like = prefix + "%";
        while (jdbc.update("DELETE FROM price_rule WHERE code LIKE ? LIMIT 20000", like) > 0) {
            // next slice
        }
        jdbc.update("DELETE FROM bundle WHERE code LIKE ?", like);
        jdbc.update("DELETE l FROM quote_line l JOIN product p ON p.id = l.product_id WHERE p.code LIKE ?", like);
        while (jdbc.update("DELETE FROM product WHERE code LIKE ? LIMIT 20000", like) > 0) {
            // next slice
        }
        jdbc.update("DELETE FROM product_category WHERE code LIKE ? AND parent_id IS NOT NULL", like);
        jdbc.update("DELETE FROM product_category WHERE code LIKE ?", like);
        jdbc.update(
                "DELETE FROM customer_price_tier WHERE tier_id IN (SELECT id FROM price_tier WHERE code LIKE ?)", like);
        jdbc.update(
                "DELETE FROM customer_tier_override WHERE tier_id IN (SELECT id FROM price_tier WHERE code LIKE ?)",
                like);
        jdbc.update("DELETE FROM price_tier WHERE code LIKE ?", like);
    }
}
