package io.keyuan.insight;

import java.time.YearMonth;
import java.util.List;

/**
 * The channel report for {@code query}: its rows in the grouping's order and their total, over the months
 * {@code from}..{@code to} (the query's, its end brought back to the current month). {@code empty} says why there is
 * nothing to show, null when there is.
 */
public record ChannelReport(
        ChannelReportQuery query,
        YearMonth from,
        YearMonth to,
        List<ChannelFigures> rows,
        ChannelFigures total,
        Empty empty,
        RollupStatus status) {

    public ChannelReport {
        rows = List.copyOf(rows);
    }

    /** Why a report is empty. */
    public enum Empty {
        /** The period begins after the current month. */
        FUTURE,
        /** The rollups were never built (the first rebuild is queued or running). */
        NOT_BUILT,
        /** No customer acquired, purchase, deal or cost in the period. */
        NO_DATA
    }

    /** Whether the query's end lay in the future and the report stops at the current month. */
    public boolean endsEarly() {
        return query.to() != null && to != null && query.to().isAfter(to);
    }
}
