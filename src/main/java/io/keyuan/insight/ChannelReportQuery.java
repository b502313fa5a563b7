package io.keyuan.insight;

import java.time.YearMonth;

/**
 * What the channel report shows: the months from {@code from} to {@code to} (both included), grouped {@code by}, for
 * one channel ({@code channelId}; 0 for customers without one) or for all (null).
 */
public record ChannelReportQuery(YearMonth from, YearMonth to, ChannelReportGrouping by, Long channelId) {
    /** The twelve months up to and including {@code current}, by channel. */
    public static ChannelReportQuery lastTwelveMonths(YearMonth current) {
        return new ChannelReportQuery(current.minusMonths(11), current, ChannelReportGrouping.CHANNEL, null);
    }
}
