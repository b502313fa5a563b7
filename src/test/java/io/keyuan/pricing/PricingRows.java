package io.keyuan.pricing;

import io.keyuan.TestData;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Catalogue, tier and segment rows for the rules' tests, written by JDBC with unique codes (the catalogue and tier
 * entities belong to another part of the module).
 */
public final class PricingRows {
    private PricingRows() {}

    private static final String AUDIT = ", created_at, created_by, updated_at, updated_by";
    private static final String AUDIT_VALUES = ", NOW(6), 'test', NOW(6), 'test'";

    public static long category(JdbcTemplate jdbc, String code) {
        return insert(
                jdbc,
                "INSERT INTO product_category (code, name" + AUDIT + ") VALUES (?, ?" + AUDIT_VALUES + ")",
                code,
                "分类 " + code);
    }

    public static long product(JdbcTemplate jdbc, String code, long categoryId, String listPrice, String cost) {
        return insert(
                jdbc,
                "INSERT INTO product (code, name, category_id, unit, list_price, cost" + AUDIT
                        + ") VALUES (?, ?, ?, '件', ?, ?" + AUDIT_VALUES + ")",
                code,
                "产品 " + code,
                categoryId,
                new BigDecimal(listPrice),
                new BigDecimal(cost));
    }

    public static long tier(JdbcTemplate jdbc, String code) {
        int priority = 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000_000);
        return insert(
                jdbc,
                "INSERT INTO price_tier (code, name, priority" + AUDIT + ") VALUES (?, ?, ?" + AUDIT_VALUES + ")",
                code,
                "等级 " + code,
                priority);
    }

    /**
     * A segment with no members, made by segmentation itself (rows written by hand would lack the rule version
     * every reader of segments expects).
     */
    public static long segment(io.keyuan.segmentation.SegmentService segments, String name) {
        return io.keyuan.shared.SystemActor.call(() -> {
            var set = segments.createRuleSet("规则集 " + name, io.keyuan.segmentation.RuleSetMode.EXCLUSIVE);
            return segments.createSegment(
                            set.id(),
                            name,
                            io.keyuan.segmentation.RuleNode.when(
                                    io.keyuan.segmentation.SegmentField.CITY,
                                    io.keyuan.segmentation.Operator.EQ,
                                    "无此城 " + name),
                            null)
                    .id();
        });
    }

    public static void bind(JdbcTemplate jdbc, long tierId, long segmentId) {
        jdbc.update("INSERT INTO price_tier_segment (tier_id, segment_id) VALUES (?, ?)", tierId, segmentId);
    }

    /** A product in a fresh category. */
    public static long product(JdbcTemplate jdbc) {
        String u = TestData.unique();
        return product(jdbc, "P-" + u, category(jdbc, "C-" + u), "100.00", "60.00");
    }

    public static String code(long id, JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT code FROM " + table + " WHERE id = ?", String.class, id);
    }

    private static long insert(JdbcTemplate jdbc, String sql, Object... args) {
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
}
