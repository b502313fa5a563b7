package io.keyuan.insight;

/** How the channel report groups its rows: per channel, channel category, acquisition method, or month. */
public enum ChannelReportGrouping {
    CHANNEL,
    CATEGORY,
    METHOD,
    MONTH
}
