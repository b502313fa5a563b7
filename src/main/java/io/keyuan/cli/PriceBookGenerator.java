package io.keyuan.cli;

import io.keyuan.customer.Regions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a synthetic price book through plain JDBC batches, for the pricing benchmark and the demo data: a
 * category tree (roots with children), products with list prices and costs, tiers, and rules spread as a real
 * book is — mostly per product, some per category, a few for everything; most for a tier; some with quantity
 * breaks, regions, date windows, promotions and margin guards. Codes start with the given prefix, so a run can find
 * and replace its own rows.
 */
final class PriceBookGenerator {
    private static final String[] KINDS = {"FIXED_PRICE", "PERCENT_OFF", "AMOUNT_OFF", "MARKUP_ON_COST"};
    private static final String[] ROUNDINGS = {"CENT", "CENT", "DIME", "YUAN", "END_9", "END_99"};

    private final JdbcTemplate jdbc;
    private final String prefix;
    private final Random random;
    private final Timestamp now = Timestamp.from(Instant.now());

    PriceBookGenerator(JdbcTemplate jdbc, String prefix, long seed) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    /** The ids of what was written: categories, products (with list price), tiers. */
    record Written(List<Long> categories, List<Long> products, List<BigDecimal> listPrices, List<Long> tiers) {}

    Written catalogue(int roots, int childrenPerRoot, int products, List<String[]> tierCodesAndNames) {
        List<Long> categories = new ArrayList<>();
        for (int r = 0; r < roots; r++) {
            long root = insertCategory(prefix + "C" + r, "类别 " + r, null);
            categories.add(root);
            for (int c = 0; c < childrenPerRoot; c++) {
                categories.add(insertCategory(prefix + "C" + r + "-" + c, "类别 " + r + "-" + c, root));
            }
        }
        List<Long> productIds = new ArrayList<>(products);
        List<BigDecimal> prices = new ArrayList<>(products);
        List<Object[]> batch = new ArrayList<>(1000);
        List<BigDecimal> pending = new ArrayList<>(1000);
        for (int p = 0; p < products; p++) {
            BigDecimal list = BigDecimal.valueOf(5 + random.nextInt(2000), 0)
                    .add(BigDecimal.valueOf(random.nextInt(100), 2))
                    .setScale(2, RoundingMode.HALF_UP);
            BigDecimal cost = list.multiply(BigDecimal.valueOf(35 + random.nextInt(40)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            long category = categories.get(random.nextInt(categories.size()));
            batch.add(
                    new Object[] {prefix + "P" + p, "产品 " + p, category, "件", list, cost, now, "bench", now, "bench"});
            pending.add(list);
            if (batch.size() == 1000 || p == products - 1) {
                jdbc.batchUpdate(
                        "INSERT INTO product (code, name, category_id, unit, list_price, cost, active, version,"
                                + " created_at, created_by, updated_at, updated_by)"
                                + " VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, ?, ?, ?, ?)",
                        batch);
                prices.addAll(pending);
                batch.clear();
                pending.clear();
            }
        }
        productIds.addAll(
                jdbc.queryForList("SELECT id FROM product WHERE code LIKE ? ORDER BY id", Long.class, prefix + "P%"));
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
        return new Written(categories, productIds, prices, tiers);
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

    /** {@code count} rules over the written catalogue, dated around {@code today}. */
    void rules(Written w, int count, LocalDate today) {
        List<String> provinces = Regions.provinces();
        List<Object[]> batch = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            int scopeDraw = random.nextInt(100);
            String scope = scopeDraw < 70 ? "PRODUCT" : scopeDraw < 97 ? "CATEGORY" : "ALL";
            int productIndex = random.nextInt(w.products().size());
            Long product = scope.equals("PRODUCT") ? w.products().get(productIndex) : null;
            Long category = scope.equals("CATEGORY")
                    ? w.categories().get(random.nextInt(w.categories().size()))
                    : null;
            Long tier = random.nextInt(100) < 70
                    ? w.tiers().get(random.nextInt(w.tiers().size()))
                    : null;
            int minQuantity = random.nextInt(100) < 20 ? new int[] {5, 10, 20, 50}[random.nextInt(4)] : 1;
            String province = null;
            String city = null;
            if (random.nextInt(100) < 15) {
                province = provinces.get(random.nextInt(provinces.size()));
                if (random.nextInt(3) == 0) {
                    List<String> cities = Regions.cities(province);
                    city = cities.get(random.nextInt(cities.size()));
                }
            }
            LocalDate from = null;
            LocalDate to = null;
            if (random.nextInt(100) < 30) {
                from = today.plusDays(random.nextInt(120) - 90);
                to = from.plusDays(7 + random.nextInt(60));
            }
            String kind = KINDS[random.nextInt(KINDS.length)];
            BigDecimal value = switch (kind) {
                case "FIXED_PRICE" ->
                    product == null
                            ? BigDecimal.valueOf(10 + random.nextInt(500))
                            : w.listPrices()
                                    .get(productIndex)
                                    .multiply(BigDecimal.valueOf(80 + random.nextInt(20)))
                                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                case "PERCENT_OFF" -> BigDecimal.valueOf(2 + random.nextInt(30));
                case "AMOUNT_OFF" -> BigDecimal.valueOf(1 + random.nextInt(20));
                default -> BigDecimal.valueOf(20 + random.nextInt(80));
            };
            BigDecimal margin = random.nextInt(100) < 20 ? BigDecimal.valueOf(5 + random.nextInt(20)) : null;
            boolean promotion = random.nextInt(100) < 10;
            batch.add(new Object[] {
                prefix + "R" + i,
                (promotion ? "促销 " : "规则 ") + i,
                tier,
                scope,
                category,
                product,
                minQuantity,
                province,
                city,
                from == null ? null : java.sql.Date.valueOf(from),
                to == null ? null : java.sql.Date.valueOf(to),
                kind,
                value,
                ROUNDINGS[random.nextInt(ROUNDINGS.length)],
                margin,
                promotion,
                50 + random.nextInt(100),
                now,
                now
            });
            if (batch.size() == 1000 || i == count - 1) {
                jdbc.batchUpdate("""
                        INSERT INTO price_rule (code, name, tier_id, scope, category_id, product_id, min_quantity,
                            province, city, valid_from, valid_to, kind, value, rounding, min_margin_percent,
                            promotion, priority, active, version, created_at, created_by, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, 'bench', ?, 'bench')""", batch);
                batch.clear();
            }
        }
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
