package io.keyuan.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The board's and the list's filter; null fields do not filter. The period is when deals were opened, in
 * business time, both days included.
 */
public record DealFilter(
        Long ownerId,
        Long channelId,
        LocalDate openedFrom,
        LocalDate openedTo,
        BigDecimal minValue,
        BigDecimal maxValue,
        String title) {
    public static DealFilter none() {
        return new DealFilter(null, null, null, null, null, null, null);
    }

    public DealFilter withOwner(Long owner) {
        return new DealFilter(owner, channelId, openedFrom, openedTo, minValue, maxValue, title);
    }

    public DealFilter withValue(BigDecimal min, BigDecimal max) {
        return new DealFilter(ownerId, channelId, openedFrom, openedTo, min, max, title);
    }

    public DealFilter withChannel(Long channel) {
        return new DealFilter(ownerId, channel, openedFrom, openedTo, minValue, maxValue, title);
    }

    public DealFilter withPeriod(LocalDate from, LocalDate to) {
        return new DealFilter(ownerId, channelId, from, to, minValue, maxValue, title);
    }
}
