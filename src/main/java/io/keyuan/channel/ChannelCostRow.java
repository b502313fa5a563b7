package io.keyuan.channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** One month's cost of a channel. */
public record ChannelCostRow(
        long id,
        long version,
        long channelId,
        YearMonth month,
        BigDecimal amount,
        String note,
        String updatedBy,
        Instant updatedAt) {}
