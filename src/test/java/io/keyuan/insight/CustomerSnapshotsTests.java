package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerInsights;
import io.keyuan.customer.CustomerInsights.LifecycleCounts;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.Lifecycle;
import io.keyuan.customer.LifecycleThresholds;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
class CustomerSnapshotsTests {
    @Autowired
    CustomerInsights insights;

    @Autowired
    CustomerSnapshots snapshots;

    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    /**
     * A month far in the past, end of March 2019, with six customers whose lifecycle at its end is known by hand
     * from the thresholds; the counts are compared as differences, so other tests' customers do not matter.
     */
    @Test
    void the_lifecycle_at_a_past_month_end_is_derived_from_purchases_up_to_that_day() {
        LifecycleThresholds t = SystemActor.call(metrics::thresholds);
        LocalDate start = LocalDate.of(2019, 3, 1);
        LocalDate day = LocalDate.of(2019, 3, 31);
        BigDecimal high = t.highValueSpend();
        LifecycleCounts before = SystemActor.call(() -> insights.lifecycleAsOf(start, day));

        // NEW: first bought ten days before the month end.
        customer("新", purchase(day.minusDays(10), "1.00"));
        // ACTIVE and of high value: bought long ago and the day before, for the high-value amount.
        customer(
                "活跃",
                purchase(day.minusDays(t.newDays() + 400L), "1.00"),
                purchase(day.minusDays(1), high.toPlainString()));
        // INACTIVE: last bought just past the active window.
        customer(
                "不活跃",
                purchase(day.minusDays(t.newDays() + 400L), "1.00"),
                purchase(day.minusDays(t.activeDays() + 1L), "1.00"));
        // CHURNED during March: last bought churnDays + 5 days before the month end.
        customer("三月流失", purchase(day.minusDays(t.churnDays() + 5L), "1.00"));
        // CHURNED long before: not counted as churned this month.
        customer("早已流失", purchase(day.minusDays(t.churnDays() + 200L), "1.00"));
        // Bought only after the day: not yet a customer then (created today, after the day).
        customer("以后", purchase(day.plusDays(3), "7.00"));

        LifecycleCounts after = SystemActor.call(() -> insights.lifecycleAsOf(start, day));
        assertThat(after.fresh() - before.fresh()).isEqualTo(1);
        assertThat(after.active() - before.active()).isEqualTo(1);
        assertThat(after.inactive() - before.inactive()).isEqualTo(1);
        assertThat(after.churned() - before.churned()).isEqualTo(2);
        assertThat(after.becameChurned() - before.becameChurned()).isEqualTo(1);
        assertThat(after.potential() - before.potential()).isZero();
        assertThat(after.highValue() - before.highValue()).isEqualTo(1);
        // March revenue: the NEW customer's 1.00 and the ACTIVE one's purchase of the day before.
        assertThat(after.revenue().subtract(before.revenue())).isEqualByComparingTo(high.add(BigDecimal.ONE));
        assertThat(after.total() - before.total()).isEqualTo(5);
    }

    /** Today's counts from purchase history equal the live metrics' lifecycles of the same customers. */
    @Test
    void todays_counts_from_history_equal_the_live_metrics_for_random_customers() {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        LifecycleCounts before = SystemActor.call(() -> insights.lifecycleAsOf(today.withDayOfMonth(1), today));
        Random random = new Random(42);
        Map<Lifecycle, Integer> expected = new EnumMap<>(Lifecycle.class);
        for (int i = 0; i < 30; i++) {
            int purchases = random.nextInt(4);
            NewPurchase[] list = new NewPurchase[purchases];
            for (int p = 0; p < purchases; p++) {
                list[p] = purchase(today.minusDays(random.nextInt(900)), String.valueOf(1 + random.nextInt(3000)));
            }
            long id = customer("随机" + i, list);
            Lifecycle live = SystemActor.call(() -> metrics.metrics(id)).lifecycle();
            expected.merge(live, 1, Integer::sum);
        }
        LifecycleCounts after = SystemActor.call(() -> insights.lifecycleAsOf(today.withDayOfMonth(1), today));
        assertThat(after.potential() - before.potential())
                .isEqualTo((long) expected.getOrDefault(Lifecycle.POTENTIAL, 0));
        assertThat(after.fresh() - before.fresh()).isEqualTo((long) expected.getOrDefault(Lifecycle.NEW, 0));
        assertThat(after.active() - before.active()).isEqualTo((long) expected.getOrDefault(Lifecycle.ACTIVE, 0));
        assertThat(after.inactive() - before.inactive()).isEqualTo((long) expected.getOrDefault(Lifecycle.INACTIVE, 0));
        assertThat(after.churned() - before.churned()).isEqualTo((long) expected.getOrDefault(Lifecycle.CHURNED, 0));
    }

    /** The stored months equal the history computed on the spot, and the churn rate is this month's over last's. */
    @Test
    void a_rebuild_stores_every_month_and_reads_them_back_with_their_churn_rate() {
        customer("快照", purchase(LocalDate.now(BusinessTime.ZONE).minusDays(400), "88.00"));
        int written = SystemActor.call(() -> snapshots.rebuild(n -> {}, () -> false));
        assertThat(written).isGreaterThanOrEqualTo(14);

        YearMonth now = YearMonth.now(BusinessTime.ZONE);
        List<CustomerMonth> months = SystemActor.call(() -> snapshots.months(now.minusMonths(11), now));
        assertThat(months).hasSize(12);
        assertThat(months.getFirst().month()).isEqualTo(now.minusMonths(11));
        assertThat(months.getLast().asOfDay()).isEqualTo(LocalDate.now(BusinessTime.ZONE));
        YearMonth past = now.minusMonths(3);
        CustomerMonth stored =
                months.stream().filter(m -> m.month().equals(past)).findFirst().orElseThrow();
        LifecycleCounts live = SystemActor.call(() -> insights.lifecycleAsOf(past.atDay(1), past.atEndOfMonth()));
        assertThat(stored.active()).isEqualTo(live.active());
        assertThat(stored.churned()).isEqualTo(live.churned());
        assertThat(stored.revenue()).isEqualByComparingTo(live.revenue());

        CustomerMonth previous = months.get(months.size() - 5);
        CustomerMonth next = months.get(months.size() - 4);
        long retained = previous.fresh() + previous.active() + previous.inactive();
        if (retained > 0) {
            assertThat(next.churnRate())
                    .isEqualByComparingTo(BigDecimal.valueOf(next.becameChurned() * 100.0 / retained)
                            .setScale(1, java.math.RoundingMode.HALF_UP));
        } else {
            assertThat(next.churnRate()).isNull();
        }
        assertThat(SystemActor.call(snapshots::asOf)).isPresent();
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        YearMonth now = YearMonth.now(BusinessTime.ZONE);
        assertThatThrownBy(() -> SystemActor.call(() -> snapshots.months(now, now.minusMonths(1))))
                .hasMessageContaining("insight.error.period");
    }

    @Test
    @WithMockUser(username = "insight.staff", roles = "STAFF")
    void staff_cannot_read_the_customer_analysis() {
        YearMonth now = YearMonth.now(BusinessTime.ZONE);
        assertThatThrownBy(() -> snapshots.months(now, now)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> insights.rfmGrid()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> snapshots.startRebuild()).isInstanceOf(AccessDeniedException.class);
    }

    private long customer(String name, NewPurchase... purchases) {
        return SystemActor.call(() -> {
            Customer c = new Customer();
            c.setName(name + TestData.unique());
            long id = customers.save(c).getId();
            for (NewPurchase p : purchases) {
                customers.recordPurchase(new NewPurchase(id, p.date(), p.product(), 1, p.amount(), p.channel()));
            }
            return id;
        });
    }

    private static NewPurchase purchase(LocalDate date, String amount) {
        return new NewPurchase(0, date, "洞察测试品", 1, new BigDecimal(amount), SalesChannel.STORE);
    }
}
