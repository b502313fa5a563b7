package io.keyuan.pricing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Codes and names of products, categories and tiers by JDBC, for the rule and bundle services: the catalogue and
 * tier entities belong to their own part of the module, rules and bundles only name them by id.
 */
@Component
class PricingLookups {
    enum Table {
        PRODUCT("product"),
        CATEGORY("product_category"),
        TIER("price_tier");

        final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    PricingLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    Optional<PickItem> byId(Table table, Long id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT id, code, name FROM " + table.sql + " WHERE id = ?",
                        (rs, i) -> new PickItem(rs.getLong(1), rs.getString(2), rs.getString(3)),
                        id)
                .stream()
                .findFirst();
    }

    Optional<PickItem> byCode(Table table, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT id, code, name FROM " + table.sql + " WHERE code = ?",
                        (rs, i) -> new PickItem(rs.getLong(1), rs.getString(2), rs.getString(3)),
                        code.strip())
                .stream()
                .findFirst();
    }

    Map<Long, PickItem> byIds(Table table, Collection<Long> ids) {
        Map<Long, PickItem> found = new HashMap<>();
        List<Long> wanted =
                ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return found;
        }
        named.query("SELECT id, code, name FROM " + table.sql + " WHERE id IN (:ids)", Map.of("ids", wanted), rs -> {
            found.put(rs.getLong(1), new PickItem(rs.getLong(1), rs.getString(2), rs.getString(3)));
        });
        return found;
    }

    /** Rows whose code starts with, or name contains, the text; by code. */
    List<PickItem> search(Table table, String text, int offset, int limit) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        String like = escapeLike(t);
        return named.query(
                "SELECT id, code, name FROM " + table.sql
                        + " WHERE LOWER(code) LIKE :prefix ESCAPE '\\\\' OR LOWER(name) LIKE :contains ESCAPE '\\\\'"
                        + " ORDER BY " + (table == Table.TIER ? "priority" : "code") + " LIMIT :limit OFFSET :offset",
                Map.of("prefix", like + "%", "contains", "%" + like + "%", "limit", limit, "offset", offset),
                (rs, i) -> new PickItem(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    int countSearch(Table table, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        String like = escapeLike(t);
        Integer n = named.queryForObject(
                "SELECT COUNT(*) FROM " + table.sql
                        + " WHERE LOWER(code) LIKE :prefix ESCAPE '\\\\' OR LOWER(name) LIKE :contains ESCAPE '\\\\'",
                Map.of("prefix", like + "%", "contains", "%" + like + "%"),
                Integer.class);
        return n == null ? 0 : n;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
