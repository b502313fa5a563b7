package io.keyuan.pipeline;

import io.keyuan.customer.CustomerReferences;
import io.keyuan.shared.Roles;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/** Deals refer to their customer: a customer with deals is not deleted (the deals are work of their own). */
@Component
class DealsOfCustomers implements CustomerReferences {
    private final NamedParameterJdbcTemplate jdbc;

    DealsOfCustomers(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String countKey() {
        return "deal.count-of-customer";
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long count(long customerId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM deal WHERE customer_id = :id", Map.of("id", customerId), Long.class);
        return n == null ? 0 : n;
    }
}
