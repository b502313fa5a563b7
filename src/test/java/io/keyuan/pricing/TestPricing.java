package io.keyuan.pricing;

import io.keyuan.TestData;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Catalogue rows for quote tests, written straight to the tables (the catalogue and rule services belong to
 * other parts of pricing) with unique codes; {@link #forget()} drops the cached price book afterwards.
 */
public final class TestPricing {
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    public final String tag = TestData.unique();

    public TestPricing(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    private long insert(String sql, Object... args) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                c -> {
                    PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
                    for (int i = 0; i < args.length; i++) {
                        ps.setObject(i + 1, args[i]);
                    }
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    public long category(String code) {
        return insert(
                "INSERT INTO product_category (code, name, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, 'test', ?, 'test')",
                code(code),
                "类别 " + code(code),
                now(),
                now());
    }

    public long product(long categoryId, String code, String name, String listPrice, String cost) {
        return insert(
                "INSERT INTO product (code, name, category_id, unit, list_price, cost, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (?, ?, ?, '件', ?, ?, ?, 'test', ?, 'test')",
                code(code),
                name,
                categoryId,
                new BigDecimal(listPrice),
                new BigDecimal(cost),
                now(),
                now());
    }

    /** A tier with a unique priority. */
    public long tier(String code, String name) {
        Integer max = jdbc.queryForObject("SELECT COALESCE(MAX(priority), 0) FROM price_tier", Integer.class);
        return insert(
                "INSERT INTO price_tier (code, name, priority, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?, 'test', ?, 'test')",
                code(code),
                name + " " + tag,
                max + 1 + (int) (Math.random() * 1000),
                now(),
                now());
    }

    public void customerTier(long customerId, long tierId) {
        // A manual tier as staff set it: the override too, so that a re-derivation (another test's tier change,
        // whose listener runs after its commit) keeps the assignment instead of dropping an unexplained row.
        jdbc.update(
                "INSERT INTO customer_tier_override (customer_id, tier_id, reason, version, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (?, ?, 'test', 0, ?, 'test', ?, 'test')"
                        + " ON DUPLICATE KEY UPDATE tier_id = VALUES(tier_id), valid_until = NULL",
                customerId,
                tierId,
                now(),
                now());
        jdbc.update(
                "REPLACE INTO customer_price_tier (customer_id, tier_id, source, assigned_at) VALUES (?, ?, 'MANUAL', ?)",
                customerId,
                tierId,
                now());
    }

    /** A product rule: kind and value, minimum quantity, tier (null = everyone), province, dates, promotion. */
    public long productRule(
            String code,
            long productId,
            RuleKind kind,
            String value,
            int minQuantity,
            Long tierId,
            String province,
            LocalDate validTo,
            boolean promotion) {
        return insert(
                "INSERT INTO price_rule (code, name, tier_id, scope, product_id, min_quantity, province, valid_to,"
                        + " kind, value, promotion, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, 'PRODUCT', ?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, 'test')",
                code(code),
                "规则 " + code,
                tierId,
                productId,
                minQuantity,
                province,
                validTo,
                kind.name(),
                new BigDecimal(value),
                promotion,
                now(),
                now());
    }

    public long bundle(String code, BundleKind kind, String value, Map<Long, Integer> items) {
        long id = insert(
                "INSERT INTO bundle (code, name, kind, value, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?, ?, 'test', ?, 'test')",
                code(code),
                "组合 " + code,
                kind.name(),
                new BigDecimal(value),
                now(),
                now());
        items.forEach((product, qty) -> jdbc.update(
                "INSERT INTO bundle_item (bundle_id, product_id, quantity) VALUES (?, ?, ?)", id, product, qty));
        return id;
    }

    /** The code as stored: the given code with this fixture's tag, unique across tests. */
    public String code(String code) {
        String c = code + "-" + tag;
        return c.length() > 32 ? c.substring(0, 32) : c;
    }

    public void forget() {
        events.publishEvent(new PriceBookLoader.ForgetPriceBook());
    }
}
