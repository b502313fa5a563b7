package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelMixTest {
    private final ChannelMix.Month month = new ChannelMix.Month(
            YearMonth.of(2026, 3),
            List.of(3L, 1L, 0L),
            List.of(new BigDecimal("100.00"), new BigDecimal("300.00"), BigDecimal.ZERO));

    @Test
    void shares_are_each_groups_part_of_the_months_total_in_the_chosen_measure() {
        assertThat(month.total(ChannelMix.Measure.CUSTOMERS)).isEqualByComparingTo("4");
        assertThat(month.share(ChannelMix.Measure.CUSTOMERS, 0)).isEqualByComparingTo("0.75");
        assertThat(month.share(ChannelMix.Measure.REVENUE, 0)).isEqualByComparingTo("0.25");
        assertThat(month.share(ChannelMix.Measure.REVENUE, 1)).isEqualByComparingTo("0.75");
        assertThat(month.share(ChannelMix.Measure.REVENUE, 2)).isEqualByComparingTo("0");
    }

    @Test
    void a_month_with_nothing_has_no_shares_rather_than_a_division_by_zero() {
        ChannelMix.Month empty = new ChannelMix.Month(YearMonth.of(2026, 4), List.of(0L), List.of(BigDecimal.ZERO));
        assertThat(empty.share(ChannelMix.Measure.CUSTOMERS, 0)).isNull();
        assertThat(empty.share(ChannelMix.Measure.REVENUE, 0)).isNull();
    }
}
