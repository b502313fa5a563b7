package io.keyuan.pricing;

import io.keyuan.shared.Roles;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's stored tier and why, in one query (the segment's name through segmentation's table is read only).
 * A stored manual tier whose override has ended or gone since the last derivation (the daily one runs just after
 * midnight) is not reported: the customer then has the tier their segments give, looked up for them alone.
 */
@Component
public class CustomerTierReader implements CustomerTiers {
    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;

    CustomerTierReader(JdbcTemplate jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<TierAssignment> of(long customerId) {
        Date today = Date.valueOf(java.time.LocalDate.now(clock.withZone(io.keyuan.shared.BusinessTime.ZONE)));
        Optional<TierAssignment> stored = stored(customerId, today);
        if (stored.isPresent()
                && stored.get().source() == TierSource.MANUAL
                && stored.get().reason() == null) {
            return bySegments(customerId);
        }
        return stored;
    }

    private Optional<TierAssignment> stored(long customerId, Date today) {
        return jdbc
                .query(
                        """
                        SELECT a.customer_id, a.tier_id, t.code, t.name, a.source, a.segment_id, s.name,
                               o.updated_by, o.reason, o.valid_until, a.assigned_at
                        FROM customer_price_tier a
                        JOIN price_tier t ON t.id = a.tier_id
                        LEFT JOIN segment s ON s.id = a.segment_id
                        LEFT JOIN customer_tier_override o ON o.customer_id = a.customer_id AND a.source = 'MANUAL'
                                  AND (o.valid_until IS NULL OR o.valid_until >= ?)
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
                        today,
                        customerId)
                .stream()
                .findFirst();
    }

    /** The first tier by priority one of whose segments holds the customer, naming the lowest such segment. */
    private Optional<TierAssignment> bySegments(long customerId) {
        return jdbc
                .query(
                        "SELECT t.id, t.code, t.name, MIN(m.segment_id) AS segment_id,"
                                + " (SELECT s.name FROM segment s WHERE s.id = MIN(m.segment_id)) AS segment_name"
                                + TierDerivation.MEMBERSHIP_OF_ONE
                                + " GROUP BY t.id, t.code, t.name, t.priority ORDER BY t.priority LIMIT 1",
                        (rs, i) -> new TierAssignment(
                                customerId,
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                TierSource.SEGMENT,
                                rs.getLong(4),
                                rs.getString(5),
                                null,
                                null,
                                null,
                                clock.instant()),
                        customerId)
                .stream()
                .findFirst();
    }
}
