package io.keyuan.survey;

import io.keyuan.customer.CustomerReferences;
import io.keyuan.shared.Roles;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/** Feedback refers to its customer: a customer with feedback is not deleted (the feedback is work of its own). */
@Component
class FeedbackOfCustomers implements CustomerReferences {
    private final NamedParameterJdbcTemplate jdbc;

    FeedbackOfCustomers(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String countKey() {
        return "feedback.count-of-customer";
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long count(long customerId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM feedback WHERE customer_id = :id", Map.of("id", customerId), Long.class);
        return n == null ? 0 : n;
    }
}
