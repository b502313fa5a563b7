package io.keyuan.segmentation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Loads {@link CustomerFacts} with one query over the same joins the compiled rules use. */
@Component
class CustomerFactsLoader {
    static final String SELECT = "SELECT c.id, c.name, c.gender, c.birth_date, c.occupation, c.income, c.province,"
            + " c.city, c.source_channel_id, sc.category, c.acquisition_method, c.referred_by_id IS NOT NULL referred,"
            + " c.need_type, c.purchase_style, c.loyalty, c.tags, m.lifecycle, m.value_level, m.first_purchase,"
            + " m.last_purchase, m.frequency, m.monetary FROM " + SqlRuleCompiler.FROM;

    private final NamedParameterJdbcTemplate jdbc;

    CustomerFactsLoader(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<CustomerFacts> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                SELECT + " WHERE c.id IN (:ids) ORDER BY c.id", new MapSqlParameterSource("ids", ids), this::map);
    }

    /** Customers whose code starts with {@code prefix}; for tests and samples over a known population. */
    List<CustomerFacts> byCodePrefix(String prefix) {
        return jdbc.query(
                SELECT + " WHERE c.code LIKE CONCAT(:prefix, '%') ORDER BY c.id",
                new MapSqlParameterSource("prefix", prefix),
                this::map);
    }

    private CustomerFacts map(ResultSet rs, int row) throws SQLException {
        long channel = rs.getLong("source_channel_id");
        Long channelId = rs.wasNull() ? null : channel;
        int frequency = rs.getInt("frequency");
        Integer count = rs.wasNull() ? null : frequency;
        return new CustomerFacts(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("gender"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("occupation"),
                rs.getBigDecimal("income"),
                rs.getString("province"),
                rs.getString("city"),
                channelId,
                rs.getString("category"),
                rs.getString("acquisition_method"),
                rs.getBoolean("referred"),
                rs.getString("need_type"),
                rs.getString("purchase_style"),
                rs.getString("loyalty"),
                rs.getString("tags"),
                rs.getString("lifecycle"),
                rs.getString("value_level"),
                rs.getObject("first_purchase", LocalDate.class),
                rs.getObject("last_purchase", LocalDate.class),
                count,
                rs.getBigDecimal("monetary"));
    }
}
