package io.keyuan.segmentation;

/**
 * SQL over segment membership for other modules' reports, which group by the segments a customer is in now. A
 * customer may be in several segments, so this is a join that repeats the caller's row once per membership, not a
 * scalar. Only trusted aliases and column names go in.
 */
public final class SegmentQueries {
    private SegmentQueries() {}

    /**
     * {@code JOIN segment_membership <alias> ON <alias>.customer_id = <customerId>}; {@code <alias>.segment_id} is
     * then the segment's id. The membership's primary key leads with the segment, so the database reads the
     * memberships and probes the caller's table by its customer index.
     */
    public static String membershipJoin(String alias, String customerId) {
        return " JOIN segment_membership " + alias + " ON " + alias + ".customer_id = " + customerId;
    }

    /** The segment's name (rule set › segment) from the SQL expression of its id. */
    public static String name(String segmentId) {
        return "(SELECT CONCAT(sr.name, ' › ', sq.name) FROM segment sq JOIN segment_rule_set sr"
                + " ON sr.id = sq.rule_set_id WHERE sq.id = " + segmentId + ")";
    }
}
