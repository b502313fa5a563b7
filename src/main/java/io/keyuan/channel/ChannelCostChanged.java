package io.keyuan.channel;

import java.time.YearMonth;

/** Published once a channel's cost of a month was set, changed or removed, and that has committed. */
public record ChannelCostChanged(long channelId, YearMonth month) {}
