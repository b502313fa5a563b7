package io.keyuan.pricing;

import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.JdbcTableImporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The price book's importers: managers only, as in the price book's views. References are codes that must exist
 * (a category's parent may also be a category created further up the same file); a rule is checked as the rule
 * form checks it, each refusal on its cell, and a refused row writes nothing.
 */
final class PricingImporters {
    private PricingImporters() {}

    /** What every price book importer shares: managers only, and the cached book is dropped after a commit. */
    abstract static class ManagerImporter extends JdbcTableImporter {
        private final ApplicationEventPublisher events;

        ManagerImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
            super(jdbc, clock);
            this.events = events;
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void plan(List<ImportRow> rows, ImportContext context) {
            super.plan(rows, context);
        }

        @Override
        @PreAuthorize(Roles.HAS_MANAGER)
        public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
            super.apply(rows, context, log);
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        public void afterCommit() {
            events.publishEvent(new PriceBookChanged(schema().name()));
        }

        /** Code (lower case) → id of a table with a code column. */
        Map<String, Long> codes(String table) {
            Map<String, Long> ids = new HashMap<>();
            jdbc.query("SELECT id, code FROM " + table, rs -> {
                ids.put(rs.getString(2).toLowerCase(Locale.ROOT), rs.getLong(1));
            });
            return ids;
        }

        List<String> codeList(String table) {
            return jdbc.queryForList("SELECT code FROM " + table + " ORDER BY code", Map.of(), String.class);
        }
    }

    @Component
    static class CategoryImporter extends ManagerImporter {
        CategoryImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
            super(jdbc, clock, events);
        }

        @Override
        public SheetSchema schema() {
            return PricingSheets.CATEGORIES;
        }

        @Override
        protected String table() {
            return "product_category";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("code", "code");
            c.put("name", "name");
            c.put("parent", "parent_id");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("code");
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values, ImportContext context) {
            Map<String, Long> ids = codes("product_category");
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                if (!row.has("parent") || row.value("parent") == null) {
                    continue;
                }
                String parent = row.text("parent");
                Long id = ids.get(parent.toLowerCase(Locale.ROOT));
                if (parent.equalsIgnoreCase(row.text("code"))) {
                    row.error("parent", "pricing.import.category-own-parent", parent);
                } else if (id != null) {
                    values.get(i).put("parent_id", id);
                } else if (context.earlierInFile("code:" + parent, row.rowNumber())) {
                    values.get(i).put("parent_id", UNRESOLVED);
                } else {
                    row.error("parent", "pricing.import.unknown-category", parent);
                }
            }
        }

        @Override
        protected void beforeInsert(List<Map<String, Object>> values) {
            values.forEach(v -> {
                if (v.get("parent_id") == UNRESOLVED) {
                    v.put("parent_id", null);
                }
            });
        }

        /** Parents created further up the file: set once they have ids. */
        @Override
        protected void afterApply(List<ImportRow> rows) {
            List<Object[]> late = new ArrayList<>();
            for (ImportRow row : rows) {
                if (row.has("parent")
                        && row.value("parent") != null
                        && (row.action() == ImportAction.CREATE || row.action() == ImportAction.UPDATE)) {
                    late.add(new Object[] {row.text("parent"), row.targetId()});
                }
            }
            if (!late.isEmpty()) {
                jdbc.getJdbcTemplate()
                        .batchUpdate(
                                "UPDATE product_category c JOIN product_category p ON p.code = ?"
                                        + " SET c.parent_id = p.id WHERE c.id = ? AND NOT (c.parent_id <=> p.id)",
                                late);
            }
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public Map<String, List<String>> choices(Locale locale) {
            return Map.of("parent", codeList("product_category"));
        }
    }

    @Component
    static class ProductImporter extends ManagerImporter {
        ProductImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
            super(jdbc, clock, events);
        }

        @Override
        public SheetSchema schema() {
            return PricingSheets.PRODUCTS;
        }

        @Override
        protected String table() {
            return "product";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("code", "code");
            c.put("name", "name");
            c.put("category", "category_id");
            c.put("unit", "unit");
            c.put("listPrice", "list_price");
            c.put("cost", "cost");
            c.put("active", "active");
            c.put("description", "description");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("code");
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
            Map<String, Long> ids = codes("product_category");
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                if (row.has("category") && row.value("category") != null) {
                    Long id = ids.get(row.text("category").toLowerCase(Locale.ROOT));
                    if (id == null) {
                        row.error("category", "pricing.import.unknown-category", row.text("category"));
                    } else {
                        values.get(i).put("category_id", id);
                    }
                }
            }
        }

        @Override
        protected String display(String column, Object value) {
            if (column.equals("category_id") && value instanceof Number id) {
                List<String> code = jdbc.queryForList(
                        "SELECT code FROM product_category WHERE id = :id", Map.of("id", id), String.class);
                return code.isEmpty() ? String.valueOf(id) : code.getFirst();
            }
            return super.display(column, value);
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public Map<String, List<String>> choices(Locale locale) {
            return Map.of("category", codeList("product_category"));
        }
    }

    @Component
    static class TierImporter extends ManagerImporter {
        TierImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
            super(jdbc, clock, events);
        }

        @Override
        public SheetSchema schema() {
            return PricingSheets.TIERS;
        }

        @Override
        protected String table() {
            return "price_tier";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("code", "code");
            c.put("name", "name");
            c.put("priority", "priority");
            c.put("description", "description");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("code");
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
            for (ImportRow row : rows) {
                if (row.value("priority") instanceof Long p && (p < 1 || p > Integer.MAX_VALUE)) {
                    row.error("priority", "pricing.import.priority-range", p);
                }
            }
        }
    }

    @Component
    static class RuleImporter extends ManagerImporter {
        RuleImporter(NamedParameterJdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
            super(jdbc, clock, events);
        }

        @Override
        public SheetSchema schema() {
            return PricingSheets.RULES;
        }

        @Override
        protected String table() {
            return "price_rule";
        }

        @Override
        protected Map<String, String> columns() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("code", "code");
            c.put("name", "name");
            c.put("tier", "tier_id");
            c.put("scope", "scope");
            c.put("category", "category_id");
            c.put("product", "product_id");
            c.put("minQuantity", "min_quantity");
            c.put("province", "province");
            c.put("city", "city");
            c.put("validFrom", "valid_from");
            c.put("validTo", "valid_to");
            c.put("kind", "kind");
            c.put("value", "value");
            c.put("rounding", "rounding");
            c.put("minMargin", "min_margin_percent");
            c.put("promotion", "promotion");
            c.put("priority", "priority");
            c.put("active", "active");
            c.put("note", "note");
            return c;
        }

        @Override
        protected List<String> keyColumns(ImportRow row) {
            return List.of("code");
        }

        @Override
        protected void resolve(List<ImportRow> rows, List<Map<String, Object>> values) {
            Map<String, Long> tiers = codes("price_tier");
            Map<String, Long> categories = codes("product_category");
            Map<String, Long> products = codes("product");
            for (int i = 0; i < rows.size(); i++) {
                ImportRow row = rows.get(i);
                Map<String, Object> v = values.get(i);
                reference(row, v, "tier", "tier_id", tiers, "pricing.import.unknown-tier");
                reference(row, v, "category", "category_id", categories, "pricing.import.unknown-category");
                reference(row, v, "product", "product_id", products, "pricing.import.unknown-product");
            }
        }

        private static void reference(
                ImportRow row, Map<String, Object> v, String key, String column, Map<String, Long> ids, String error) {
            if (row.has(key) && row.value(key) != null) {
                Long id = ids.get(row.text(key).toLowerCase(Locale.ROOT));
                if (id == null) {
                    row.error(key, error, row.text(key));
                } else {
                    v.put(column, id);
                }
            }
        }

        @Override
        protected void checkCreate(ImportRow row, Map<String, Object> values) {
            check(row, values);
        }

        /** The rule as it would be after the update: the file's cells over the stored values. */
        @Override
        protected void checkUpdate(ImportRow row, Map<String, Object> values, Map<String, Object> current) {
            Map<String, Object> merged = new HashMap<>(current);
            merged.putAll(values);
            check(row, merged);
        }

        /** The rule form's refusals (PriceRules), each on the cell it is about. */
        private static void check(ImportRow row, Map<String, Object> v) {
            String scope = (String) v.get("scope");
            Object category = v.get("category_id");
            Object product = v.get("product_id");
            if ("CATEGORY".equals(scope) && category == null) {
                row.error("category", "pricing.import.scope-needs-category");
            }
            if ("PRODUCT".equals(scope) && product == null) {
                row.error("product", "pricing.import.scope-needs-product");
            }
            if ("ALL".equals(scope) && (category != null || product != null)) {
                row.error("scope", "pricing.import.scope-all-with-target");
            }
            if ("CATEGORY".equals(scope) && product != null) {
                row.error("product", "pricing.import.scope-category-with-product");
            }
            if ("PRODUCT".equals(scope) && category != null) {
                row.error("category", "pricing.import.scope-product-with-category");
            }
            if (v.get("city") != null && v.get("province") == null) {
                row.error("city", "pricing.import.city-needs-province");
            }
            if (v.get("valid_from") instanceof LocalDate from
                    && v.get("valid_to") instanceof LocalDate to
                    && to.isBefore(from)) {
                row.error("validTo", "pricing.import.end-before-start", to, from);
            }
            if (v.get("min_quantity") instanceof Number q && q.longValue() < 1) {
                row.error("minQuantity", "pricing.import.min-quantity", q);
            }
            if (v.get("value") instanceof BigDecimal value) {
                if (value.signum() < 0) {
                    row.error(
                            "value",
                            "pricing.import.negative-value",
                            value.stripTrailingZeros().toPlainString());
                } else if ("PERCENT_OFF".equals(v.get("kind")) && value.compareTo(BigDecimal.valueOf(100)) > 0) {
                    row.error(
                            "value",
                            "pricing.import.discount-over-100",
                            value.stripTrailingZeros().toPlainString());
                }
            }
            if (v.get("min_margin_percent") instanceof BigDecimal m
                    && (m.signum() < 0 || m.compareTo(BigDecimal.valueOf(100)) >= 0)) {
                row.error(
                        "minMargin",
                        "pricing.import.margin-range",
                        m.stripTrailingZeros().toPlainString());
            }
        }

        @Override
        @PreAuthorize(Roles.HAS_STAFF)
        public Map<String, List<String>> choices(Locale locale) {
            return Map.of(
                    "tier", codeList("price_tier"),
                    "category", codeList("product_category"));
        }
    }
}
