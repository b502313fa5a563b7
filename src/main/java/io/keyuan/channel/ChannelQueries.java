package io.keyuan.channel;

/**
 * SQL over source channels for other modules' reports: a channel's name from the SQL expression of its id in the
 * caller's query (a correlated subquery on the primary key). Only trusted column names go in.
 */
public final class ChannelQueries {
    private ChannelQueries() {}

    public static String name(String channelId) {
        return "(SELECT chq.name FROM source_channel chq WHERE chq.id = " + channelId + ")";
    }
}
