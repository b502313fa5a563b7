package io.keyuan.segmentation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Loads {@link CustomerFacts} over the same tables and expressions the compiled rules use: one query for the
 * customers, one for their purchases and one per {@link FactSource} of the catalogue's provided fields, for each
 * batch of customers.
 */
@Component
class CustomerFactsLoader {
    static final String SELECT = "SELECT c.id, c.name, c.gender, c.birth_date, c.occupation, c.income, c.province,"
            + " c.city, c.source_channel_id, " + SegmentField.CHANNEL_CATEGORY.sql() + " category,"
            + " c.acquisition_method, c.referred_by_id IS NOT NULL referred, c.need_type, c.purchase_style,"
            + " c.loyalty, c.tags, m.lifecycle, m.value_level, m.first_purchase, m.last_purchase, m.frequency,"
            + " m.monetary, m.returned_amount, " + SegmentField.REFERRED_COUNT.sql() + " referred_count,"
            + " m.r_score, m.f_score, m.m_score FROM " + SqlRuleCompiler.FROM;

    /** Ids per query, well inside MariaDB's packet and placeholder limits. */
    private static final int BATCH = 1_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final SegmentFieldCatalogue catalogue;

    CustomerFactsLoader(NamedParameterJdbcTemplate jdbc, SegmentFieldCatalogue catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
    }

    List<CustomerFacts> byIds(List<Long> ids) {
        List<CustomerFacts> all = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            all.addAll(load(SELECT + " WHERE c.id IN (:ids) ORDER BY c.id", new MapSqlParameterSource("ids", batch)));
        }
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }

    /** Customers whose code starts with {@code prefix}; for tests and samples over a known population. */
    List<CustomerFacts> byCodePrefix(String prefix) {
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM customer WHERE code LIKE CONCAT(:prefix, '%') ORDER BY id",
                new MapSqlParameterSource("prefix", prefix), Long.class);
        return byIds(ids);
    }

    private List<CustomerFacts> load(String sql, MapSqlParameterSource params) {
        List<Row> rows = jdbc.query(sql, params, this::map);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(r -> r.id).toList();
        MapSqlParameterSource byId = new MapSqlParameterSource("ids", ids);
        Map<Long, List<CustomerFacts.Purchase>> purchases = new HashMap<>();
        jdbc.query("SELECT customer_id, purchase_date, amount FROM purchase WHERE customer_id IN (:ids)", byId, rs -> {
            purchases
                    .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new CustomerFacts.Purchase(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)));
        });
        Map<Long, Map<String, Object>> provided = new HashMap<>();
        for (FactSource<?> source : catalogue.sources()) {
            source.loader().load(jdbc, ids).forEach((id, data) -> {
                if (data != null) {
                    provided.computeIfAbsent(id, k -> new HashMap<>()).put(source.key(), data);
                }
            });
        }
        return rows.stream()
                .map(r -> r.facts(purchases.getOrDefault(r.id, List.of()), provided.getOrDefault(r.id, Map.of())))
                .toList();
    }

    /** A customer row before their purchases and provided facts are attached. */
    private record Row(long id, ResultSetFacts facts) {
        CustomerFacts facts(List<CustomerFacts.Purchase> purchases, Map<String, Object> provided) {
            return facts.with(purchases, provided);
        }
    }

    @FunctionalInterface
    private interface ResultSetFacts {
        CustomerFacts with(List<CustomerFacts.Purchase> purchases, Map<String, Object> provided);
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        long channel = rs.getLong("source_channel_id");
        Long channelId = rs.wasNull() ? null : channel;
        Integer count = integer(rs, "frequency");
        String name = rs.getString("name");
        String gender = rs.getString("gender");
        LocalDate birth = rs.getObject("birth_date", LocalDate.class);
        String occupation = rs.getString("occupation");
        BigDecimal income = rs.getBigDecimal("income");
        String province = rs.getString("province");
        String city = rs.getString("city");
        String category = rs.getString("category");
        String method = rs.getString("acquisition_method");
        boolean referred = rs.getBoolean("referred");
        String need = rs.getString("need_type");
        String style = rs.getString("purchase_style");
        String loyalty = rs.getString("loyalty");
        String tags = rs.getString("tags");
        String lifecycle = rs.getString("lifecycle");
        String value = rs.getString("value_level");
        LocalDate first = rs.getObject("first_purchase", LocalDate.class);
        LocalDate last = rs.getObject("last_purchase", LocalDate.class);
        BigDecimal monetary = rs.getBigDecimal("monetary");
        BigDecimal returned = rs.getBigDecimal("returned_amount");
        int referredCount = rs.getInt("referred_count");
        Integer r = integer(rs, "r_score");
        Integer f = integer(rs, "f_score");
        Integer m = integer(rs, "m_score");
        return new Row(
                id,
                (purchases, provided) -> new CustomerFacts(
                        id,
                        name,
                        gender,
                        birth,
                        occupation,
                        income,
                        province,
                        city,
                        channelId,
                        category,
                        method,
                        referred,
                        need,
                        style,
                        loyalty,
                        tags,
                        lifecycle,
                        value,
                        first,
                        last,
                        count,
                        monetary,
                        returned,
                        referredCount,
                        r,
                        f,
                        m,
                        purchases,
                        provided));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
