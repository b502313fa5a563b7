package io.keyuan.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A demo price book over the demo purchases' products: a small category tree, three tiers bound to the demo
 * value segments (贵宾 / 标准 / 经济), and rules that show each kind of pricing — a tier discount with a margin
 * guard, a category discount, a quantity break, a regional price, a promotion running now and one that has
 * ended, markup on cost — and two bundles. Tier assignments follow once the demo membership refresh has run.
 */
@Component
class PricingDemoSeeder {
    private final JdbcTemplate jdbc;
    private final Timestamp now = Timestamp.from(Instant.now());

    PricingDemoSeeder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the demo price book unless any product exists; returns the number of rules created. */
    int seed(LocalDate today) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class) > 0) {
            return 0;
        }
        Map<String, Long> categories = new HashMap<>();
        String[][] tree = {
            {"DIGITAL", "数码", null},
            {"WEARABLE", "智能穿戴", "DIGITAL"},
            {"AUDIO", "影音", "DIGITAL"},
            {"COMPUTER", "电脑办公", "DIGITAL"},
            {"HOME", "家居", null},
            {"APPLIANCE", "家用电器", "HOME"},
            {"FURNITURE", "家具", "HOME"},
            {"CARE", "个护美妆", null},
            {"APPAREL", "服饰鞋靴", null},
            {"FOOD", "食品饮料", null},
            {"BOOKS", "图书", null}
        };
        for (String[] c : tree) {
            jdbc.update(
                    "INSERT INTO product_category (code, name, parent_id, version, created_at, created_by,"
                            + " updated_at, updated_by) VALUES (?, ?, ?, 0, ?, '示例数据', ?, '示例数据')",
                    c[0],
                    c[1],
                    c[2] == null ? null : categories.get(c[2]),
                    now,
                    now);
            categories.put(
                    c[0], jdbc.queryForObject("SELECT id FROM product_category WHERE code = ?", Long.class, c[0]));
        }
        Object[][] products = {
            {"SKU-001", "智能手环", "WEARABLE", "个", "299"},
            {"SKU-002", "蓝牙耳机", "AUDIO", "副", "399"},
            {"SKU-003", "空气净化器", "APPLIANCE", "台", "1899"},
            {"SKU-004", "扫地机器人", "APPLIANCE", "台", "2499"},
            {"SKU-005", "咖啡机", "APPLIANCE", "台", "1299"},
            {"SKU-006", "保温杯", "HOME", "个", "129"},
            {"SKU-007", "护肤套装", "CARE", "套", "588"},
            {"SKU-008", "运动鞋", "APPAREL", "双", "699"},
            {"SKU-009", "羽绒服", "APPAREL", "件", "1099"},
            {"SKU-010", "有机大米 10kg", "FOOD", "袋", "168"},
            {"SKU-011", "茶叶礼盒", "FOOD", "盒", "398"},
            {"SKU-012", "儿童绘本套装", "BOOKS", "套", "228"},
            {"SKU-013", "办公椅", "FURNITURE", "把", "899"},
            {"SKU-014", "笔记本电脑", "COMPUTER", "台", "5999"}
        };
        Map<String, Long> ids = new HashMap<>();
        for (Object[] p : products) {
            BigDecimal list = new BigDecimal((String) p[4]).setScale(2);
            BigDecimal cost = list.multiply(new BigDecimal("0.58")).setScale(2, RoundingMode.HALF_UP);
            jdbc.update(
                    "INSERT INTO product (code, name, category_id, unit, list_price, cost, active, version,"
                            + " created_at, created_by, updated_at, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, ?, '示例数据', ?, '示例数据')",
                    p[0],
                    p[1],
                    categories.get((String) p[2]),
                    p[3],
                    list,
                    cost,
                    now,
                    now);
            ids.put((String) p[0], jdbc.queryForObject("SELECT id FROM product WHERE code = ?", Long.class, p[0]));
        }
        Map<String, Long> tiers = new HashMap<>();
        String[][] tierRows = {
            {"VIP", "贵宾", "高价值活跃客户与高价值客户"},
            {"STANDARD", "标准", "活跃客户"},
            {"ECONOMY", "经济", "沉睡与潜在客户"}
        };
        int priority = 1;
        for (String[] t : tierRows) {
            jdbc.update(
                    "INSERT INTO price_tier (code, name, priority, description, version, created_at, created_by,"
                            + " updated_at, updated_by) VALUES (?, ?, ?, ?, 0, ?, '示例数据', ?, '示例数据')",
                    t[0],
                    t[1],
                    priority++,
                    t[2],
                    now,
                    now);
            tiers.put(t[0], jdbc.queryForObject("SELECT id FROM price_tier WHERE code = ?", Long.class, t[0]));
        }
        bind(tiers.get("VIP"), "高价值活跃", "高价值");
        bind(tiers.get("STANDARD"), "活跃客户");
        bind(tiers.get("ECONOMY"), "沉睡客户", "潜在客户");

        rule(
                "VIP-ALL",
                "贵宾全场 95 折",
                tiers.get("VIP"),
                "ALL",
                null,
                null,
                1,
                null,
                null,
                null,
                null,
                "PERCENT_OFF",
                "5",
                "END_9",
                "15",
                false,
                100);
        rule(
                "STD-HOME",
                "标准客户家居 97 折",
                tiers.get("STANDARD"),
                "CATEGORY",
                categories.get("HOME"),
                null,
                1,
                null,
                null,
                null,
                null,
                "PERCENT_OFF",
                "3",
                "YUAN",
                null,
                false,
                100);
        rule(
                "ECO-FOOD",
                "经济客户食品成本加成 50%",
                tiers.get("ECONOMY"),
                "CATEGORY",
                categories.get("FOOD"),
                null,
                1,
                null,
                null,
                null,
                null,
                "MARKUP_ON_COST",
                "50",
                "END_9",
                "10",
                false,
                100);
        rule(
                "QTY-CUP-10",
                "保温杯 10 个起 99 元",
                null,
                "PRODUCT",
                null,
                ids.get("SKU-006"),
                10,
                null,
                null,
                null,
                null,
                "FIXED_PRICE",
                "99",
                "CENT",
                "20",
                false,
                100);
        rule(
                "ZJ-PURIFIER",
                "浙江空气净化器区域价",
                null,
                "PRODUCT",
                null,
                ids.get("SKU-003"),
                1,
                "浙江",
                null,
                null,
                null,
                "FIXED_PRICE",
                "1799",
                "CENT",
                null,
                false,
                100);
        rule(
                "HZ-PURIFIER",
                "杭州空气净化器城市价",
                null,
                "PRODUCT",
                null,
                ids.get("SKU-003"),
                1,
                "浙江",
                "杭州",
                null,
                null,
                "FIXED_PRICE",
                "1749",
                "CENT",
                null,
                false,
                100);
        rule(
                "PROMO-1212",
                "双十二蓝牙耳机特价",
                null,
                "PRODUCT",
                null,
                ids.get("SKU-002"),
                1,
                null,
                null,
                today.minusDays(2),
                today.plusDays(9),
                "FIXED_PRICE",
                "329",
                "CENT",
                "10",
                true,
                100);
        rule(
                "PROMO-1111",
                "双十一智能手环特价",
                null,
                "PRODUCT",
                null,
                ids.get("SKU-001"),
                1,
                null,
                null,
                today.minusDays(32),
                today.minusDays(22),
                "FIXED_PRICE",
                "249",
                "CENT",
                null,
                true,
                100);
        rule(
                "DIGITAL-OFF",
                "数码满 3 件减 30 元",
                null,
                "CATEGORY",
                categories.get("DIGITAL"),
                null,
                3,
                null,
                null,
                null,
                null,
                "AMOUNT_OFF",
                "30",
                "CENT",
                "10",
                false,
                100);

        bundle(
                "OFFICE-SET",
                "办公套装（电脑 + 办公椅）",
                null,
                "PRICE",
                "6499",
                Map.of(ids.get("SKU-014"), 1, ids.get("SKU-013"), 1));
        bundle(
                "CARE-CUP",
                "护肤套装配保温杯 9 折",
                null,
                "DISCOUNT",
                "10",
                Map.of(ids.get("SKU-007"), 1, ids.get("SKU-006"), 1));
        return 9;
    }

    private void bind(long tier, String... segmentNames) {
        for (String name : segmentNames) {
            List<Long> segment = jdbc.queryForList("SELECT id FROM segment WHERE name = ?", Long.class, name);
            segment.stream()
                    .findFirst()
                    .ifPresent(id -> jdbc.update(
                            "INSERT INTO price_tier_segment (tier_id, segment_id) VALUES (?, ?)", tier, id));
        }
    }

    private void rule(
            String code,
            String name,
            Long tier,
            String scope,
            Long category,
            Long product,
            int minQuantity,
            String province,
            String city,
            LocalDate from,
            LocalDate to,
            String kind,
            String value,
            String rounding,
            String margin,
            boolean promotion,
            int priority) {
        jdbc.update(
                """
                INSERT INTO price_rule (code, name, tier_id, scope, category_id, product_id, min_quantity, province,
                    city, valid_from, valid_to, kind, value, rounding, min_margin_percent, promotion, priority, active,
                    version, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, 0, ?, '示例数据', ?, '示例数据')""",
                code,
                name,
                tier,
                scope,
                category,
                product,
                minQuantity,
                province,
                city,
                from == null ? null : Date.valueOf(from),
                to == null ? null : Date.valueOf(to),
                kind,
                new BigDecimal(value),
                rounding,
                margin == null ? null : new BigDecimal(margin),
                promotion,
                priority,
                now,
                now);
    }

    private void bundle(String code, String name, Long tier, String kind, String value, Map<Long, Integer> items) {
        jdbc.update(
                "INSERT INTO bundle (code, name, tier_id, kind, value, active, version, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, TRUE, 0, ?, '示例数据', ?, '示例数据')",
                code,
                name,
                tier,
                kind,
                new BigDecimal(value),
                now,
                now);
        long id = jdbc.queryForObject("SELECT id FROM bundle WHERE code = ?", Long.class, code);
        items.forEach((product, quantity) -> jdbc.update(
                "INSERT INTO bundle_item (bundle_id, product_id, quantity) VALUES (?, ?, ?)", id, product, quantity));
    }
}
