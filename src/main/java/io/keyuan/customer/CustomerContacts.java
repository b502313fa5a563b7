package io.keyuan.customer;

import io.keyuan.shared.Roles;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Names and contact details of many customers at once, by id, for modules that keep lists of customers (survey
 * recipients) and show a page of them: one query per page instead of one per customer.
 */
@Service
public class CustomerContacts {
    public static final int MAX_IDS = 1000;

    private final NamedParameterJdbcTemplate jdbc;

    CustomerContacts(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The customers among {@code ids} that exist, by id (at most {@link #MAX_IDS} ids). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Map<Long, CustomerContact> byIds(Collection<Long> ids) {
        Map<Long, CustomerContact> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<Long> list = ids.stream().distinct().limit(MAX_IDS).toList();
        jdbc.query("SELECT id, code, name, phone, email FROM customer WHERE id IN (:ids)", Map.of("ids", list), rs -> {
            long id = rs.getLong("id");
            found.put(
                    id,
                    new CustomerContact(
                            id,
                            rs.getString("code"),
                            rs.getString("name"),
                            rs.getString("phone"),
                            rs.getString("email")));
        });
        return found;
    }

    /** Which of {@code ids} are customers (at most {@link #MAX_IDS} ids), for a hand-picked list. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<Long> existing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "SELECT id FROM customer WHERE id IN (:ids) ORDER BY id",
                Map.of("ids", ids.stream().distinct().limit(MAX_IDS).toList()),
                Long.class);
    }

    /**
     * The customers whose code is among {@code codes} (at most {@link #MAX_IDS} codes), by their code as stored;
     * codes compare ignoring case, as the database does.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Map<String, CustomerContact> byCodes(Collection<String> codes) {
        Map<String, CustomerContact> found = new LinkedHashMap<>();
        if (codes.isEmpty()) {
            return found;
        }
        List<String> list = codes.stream().distinct().limit(MAX_IDS).toList();
        jdbc.query(
                "SELECT id, code, name, phone, email FROM customer WHERE code IN (:codes)",
                Map.of("codes", list),
                rs -> {
                    found.put(
                            rs.getString("code"),
                            new CustomerContact(
                                    rs.getLong("id"),
                                    rs.getString("code"),
                                    rs.getString("name"),
                                    rs.getString("phone"),
                                    rs.getString("email")));
                });
        return found;
    }
}
