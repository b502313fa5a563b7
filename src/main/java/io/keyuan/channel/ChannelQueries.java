package io.keyuan.channel;

/**
 * SQL over source channels for other modules' reports: a channel's name from the SQL expression of its id in the
 * caller's query (a correlated subquery on the primary key), and the monthly costs for insight's rollups. Only
 * trusted column names go in.
 */
public final class ChannelQueries {
    private ChannelQueries() {}

    public static String name(String channelId) {
        return "(SELECT chq.name FROM source_channel chq WHERE chq.id = " + channelId + ")";
    }

    /** Rows {@code (channel_id, month, amount)}: every channel's cost of every month it has one (month: day 1). */
    public static String costs() {
        return "SELECT chk.channel_id, chk.month, chk.amount FROM channel_cost chk";
    }

    /** At most one row {@code (amount)}: the cost of channel {@code :channelId} in {@code :month} (its first day). */
    public static String costOf() {
        return "SELECT chk.amount FROM channel_cost chk WHERE chk.channel_id = :channelId AND chk.month = :month";
    }
}
