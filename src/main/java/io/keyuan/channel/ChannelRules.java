package io.keyuan.channel;

import io.keyuan.shared.KeyuanException;
import java.time.LocalDate;
import java.time.YearMonth;

/** Channel cost rules, declared once for the channel dialog, the service and the cost sheet. */
public final class ChannelRules {
    private ChannelRules() {}

    /** A cost's month: this month or an earlier one ({@code today} in the business time zone). */
    public static YearMonth costMonth(YearMonth month, LocalDate today) {
        if (month.isAfter(YearMonth.from(today))) {
            throw new KeyuanException("rule.month-future", month.toString());
        }
        return month;
    }
}
