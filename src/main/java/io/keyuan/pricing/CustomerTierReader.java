package io.keyuan.pricing;

import io.keyuan.shared.Roles;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A customer's stored tier and why, in one query (the segment's name through segmentation's table is read only). */
@Component
public class CustomerTierReader implements CustomerTiers {
    private final JdbcTemplate jdbc;

    CustomerTierReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<TierAssignment> of(long customerId) {
        return jdbc
                .query(
                        """
                        SELECT a.customer_id, a.tier_id, t.code, t.name, a.source, a.segment_id, s.name,
                               o.updated_by, o.reason, o.valid_until, a.assigned_at
                        FROM customer_price_tier a
                        JOIN price_tier t ON t.id = a.tier_id
                        LEFT JOIN segment s ON s.id = a.segment_id
                        LEFT JOIN customer_tier_override o ON o.customer_id = a.customer_id AND a.source = 'MANUAL'
                        WHERE a.customer_id = ?""",
                        (rs, i) -> {
                            long segment = rs.getLong(6);
                            Long segmentId = rs.wasNull() ? null : segment;
                            Date until = rs.getDate(10);
                            Timestamp at = rs.getTimestamp(11);
                            return new TierAssignment(
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    TierSource.valueOf(rs.getString(5)),
                                    segmentId,
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9),
                                    until == null ? null : until.toLocalDate(),
                                    at.toInstant());
                        },
                        customerId)
                .stream()
                .findFirst();
    }
}
