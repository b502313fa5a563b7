package io.keyuan.pipeline;

import io.keyuan.shared.BusinessTime;

/**
 * SQL over deals for the insight module's rollups, so that it counts deals in the database without naming this
 * module's tables. A deal belongs to the month it was opened in (business time) and to its own source channel (set
 * from the customer's when it was opened, changeable on the deal); it counts as won while its stage is a won stage.
 */
public final class DealQueries {
    private DealQueries() {}

    /**
     * Rows {@code (channel_id, month, created, won)}: deals per source channel (0 for none) and month opened, and how
     * many of them are won now.
     */
    public static String dealsByChannelMonth() {
        String month = BusinessTime.sqlMonth(BusinessTime.sqlDate("dq.created_at"));
        return "SELECT COALESCE(dq.channel_id, 0) channel_id, " + month + " month, COUNT(*) created,"
                + " SUM(dqs.kind = 'WON') won FROM deal dq JOIN pipeline_stage dqs ON dqs.id = dq.stage_id"
                + " GROUP BY COALESCE(dq.channel_id, 0), " + month;
    }

    /**
     * One row {@code (created, won)}: the deals of channel {@code :channelId} (null for deals without one) opened from
     * {@code :openedFrom} to before {@code :openedTo} (instants; see {@link BusinessTime#monthStart}).
     */
    public static String dealsOfChannel() {
        return "SELECT COUNT(*) created, COALESCE(SUM(dqs.kind = 'WON'), 0) won FROM deal dq"
                + " JOIN pipeline_stage dqs ON dqs.id = dq.stage_id"
                + " WHERE dq.channel_id <=> :channelId AND dq.created_at >= :openedFrom AND dq.created_at < :openedTo";
    }
}
