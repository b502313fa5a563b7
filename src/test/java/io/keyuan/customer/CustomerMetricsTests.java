package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Recency, frequency, monetary, lifecycle and value as computed in SQL, under the default thresholds: new 90
 * days, active 180, churned after 365, high value from 5,000 spent within 365 days.
 */
@KeyuanIntegrationTest
@WithMockUser(username = "metrics-staff", roles = "STAFF")
class CustomerMetricsTests {

    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    Clock clock;

    LocalDate today;

    @BeforeEach
    void defaultThresholds() {
        today = LocalDate.now(clock);
        LifecycleThresholds t = metrics.thresholds();
        assertThat(t.newDays()).isEqualTo(90);
        assertThat(t.activeDays()).isEqualTo(180);
        assertThat(t.churnDays()).isEqualTo(365);
        assertThat(t.highValueSpend()).isEqualByComparingTo("5000");
        assertThat(t.valueWindowDays()).isEqualTo(365);
    }

    @Test
    void a_customer_who_never_bought_is_potential_and_low_value() {
        long id = newCustomer();

        CustomerMetrics m = metrics.metrics(id);

        assertThat(m.lifecycle()).isEqualTo(Lifecycle.POTENTIAL);
        assertThat(m.valueLevel()).isEqualTo(ValueLevel.LOW);
        assertThat(m.frequency()).isZero();
        assertThat(m.monetary()).isEqualByComparingTo("0");
        assertThat(m.recencyDays()).isNull();
        assertThat(m.firstPurchase()).isNull();
        assertThat(m.lastPurchase()).isNull();
    }

    @Test
    void metrics_record_when_they_were_computed() {
        long id = newCustomer();

        // fails when the JVM's time zone is not UTC: refreshed_at is read as local time (see the test report)
        assertThat(metrics.metrics(id).refreshedAt()).isCloseTo(clock.instant(), within(60, ChronoUnit.SECONDS));
    }

    @Test
    void purchases_give_frequency_monetary_first_last_and_recency() {
        long id = newCustomer();
        buy(id, 400, "100.00");
        buy(id, 200, "50.50");
        buy(id, 300, "10.25");

        CustomerMetrics m = metrics.metrics(id);

        assertThat(m.frequency()).isEqualTo(3);
        assertThat(m.monetary()).isEqualByComparingTo("160.75");
        assertThat(m.recentSpend()).isEqualByComparingTo("60.75");
        assertThat(m.averageOrderValue()).isEqualByComparingTo("53.58");
        assertThat(m.firstPurchase()).isEqualTo(today.minusDays(400));
        assertThat(m.lastPurchase()).isEqualTo(today.minusDays(200));
        assertThat(m.recencyDays()).isEqualTo(200);
        assertThat(m.lifecycle()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(m.valueLevel()).isEqualTo(ValueLevel.LOW);
    }

    @Test
    void a_first_purchase_within_90_days_makes_a_customer_new() {
        assertThat(lifecycleAfter(10)).isEqualTo(Lifecycle.NEW);
        assertThat(lifecycleAfter(90)).isEqualTo(Lifecycle.NEW);
        assertThat(lifecycleAfter(0)).isEqualTo(Lifecycle.NEW);
    }

    @Test
    void an_older_customer_who_bought_within_180_days_is_active() {
        assertThat(lifecycleAfter(91)).isEqualTo(Lifecycle.ACTIVE);
        assertThat(lifecycleAfter(400, 180)).isEqualTo(Lifecycle.ACTIVE);
        assertThat(lifecycleAfter(120, 10)).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void a_customer_whose_last_purchase_is_181_to_365_days_old_is_inactive() {
        assertThat(lifecycleAfter(400, 200)).isEqualTo(Lifecycle.INACTIVE);
        assertThat(lifecycleAfter(181)).isEqualTo(Lifecycle.INACTIVE);
        assertThat(lifecycleAfter(365)).isEqualTo(Lifecycle.INACTIVE);
    }

    @Test
    void a_customer_who_bought_only_more_than_365_days_ago_is_churned() {
        assertThat(lifecycleAfter(366)).isEqualTo(Lifecycle.CHURNED);
        assertThat(lifecycleAfter(700, 500)).isEqualTo(Lifecycle.CHURNED);
    }

    @Test
    void spending_5000_within_365_days_makes_a_customer_high_value() {
        long high = newCustomer();
        buy(high, 30, "3000.00");
        buy(high, 300, "2000.00");
        assertThat(metrics.metrics(high).valueLevel()).isEqualTo(ValueLevel.HIGH);
        assertThat(metrics.metrics(high).recentSpend()).isEqualByComparingTo("5000.00");

        long justBelow = newCustomer();
        buy(justBelow, 30, "4999.99");
        assertThat(metrics.metrics(justBelow).valueLevel()).isEqualTo(ValueLevel.LOW);

        long longAgo = newCustomer();
        buy(longAgo, 400, "60000.00");
        buy(longAgo, 10, "1.00");
        CustomerMetrics m = metrics.metrics(longAgo);
        assertThat(m.valueLevel()).isEqualTo(ValueLevel.LOW);
        assertThat(m.monetary()).isEqualByComparingTo("60001.00");
        assertThat(m.recentSpend()).isEqualByComparingTo("1.00");
    }

    @Test
    void a_purchase_dated_in_the_future_is_refused_and_not_counted() {
        long id = newCustomer();
        Purchase p = purchase(-2, "10.00");

        assertThatThrownBy(() -> customers.addPurchase(id, p))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("purchaseDate"));

        assertThat(customers.purchaseCount(id)).isZero();
        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.POTENTIAL);
    }

    @Test
    void invalid_purchases_are_refused_naming_the_field() {
        long id = newCustomer();
        Purchase noProduct = purchase(1, "10.00");
        noProduct.setProduct("  ");
        assertThatThrownBy(() -> customers.addPurchase(id, noProduct))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("product"));
        Purchase negative = purchase(1, "-1.00");
        assertThatThrownBy(() -> customers.addPurchase(id, negative))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        Purchase zeroQuantity = purchase(1, "1.00");
        zeroQuantity.setQuantity(0);
        assertThatThrownBy(() -> customers.addPurchase(id, zeroQuantity))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("quantity"));
        assertThat(customers.purchaseCount(id)).isZero();
        assertThatThrownBy(() -> customers.addPurchase(Long.MAX_VALUE, purchase(1, "1.00")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleting_a_purchase_recomputes_the_figures() {
        long id = newCustomer();
        buy(id, 400, "100.00");
        Purchase recent = buy(id, 20, "6000.00");
        CustomerMetrics before = metrics.metrics(id);
        assertThat(before.lifecycle()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(before.valueLevel()).isEqualTo(ValueLevel.HIGH);

        customers.deletePurchase(recent.getId());

        CustomerMetrics after = metrics.metrics(id);
        assertThat(after.frequency()).isEqualTo(1);
        assertThat(after.monetary()).isEqualByComparingTo("100.00");
        assertThat(after.lastPurchase()).isEqualTo(today.minusDays(400));
        assertThat(after.lifecycle()).isEqualTo(Lifecycle.CHURNED);
        assertThat(after.valueLevel()).isEqualTo(ValueLevel.LOW);
        assertThat(customers.purchases(id, 0, 10)).hasSize(1);
    }

    @Test
    void purchases_are_listed_newest_first_page_by_page() {
        long id = newCustomer();
        for (int days : new int[] {5, 50, 1, 30, 300}) {
            buy(id, days, "1.00");
        }
        assertThat(customers.purchaseCount(id)).isEqualTo(5);
        assertThat(customers.purchases(id, 0, 2))
                .extracting(Purchase::getPurchaseDate)
                .containsExactly(today.minusDays(1), today.minusDays(5));
        assertThat(customers.purchases(id, 2, 2))
                .extracting(Purchase::getPurchaseDate)
                .containsExactly(today.minusDays(30), today.minusDays(50));
        assertThat(customers.purchases(id, 4, 2))
                .extracting(Purchase::getPurchaseDate)
                .containsExactly(today.minusDays(300));
    }

    @Test
    void staff_cannot_recompute_everyone_or_change_thresholds() {
        LifecycleThresholds t = metrics.thresholds();
        assertThatThrownBy(() -> metrics.refreshAll(n -> {})).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> metrics.updateThresholds(
                        new LifecycleThresholds(t.version(), 30, 60, 90, BigDecimal.ONE, 30, null, null)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(metrics.thresholds()).isEqualTo(t);
    }

    private Lifecycle lifecycleAfter(int... daysAgo) {
        long id = newCustomer();
        for (int d : daysAgo) {
            buy(id, d, "10.00");
        }
        return metrics.metrics(id).lifecycle();
    }

    private long newCustomer() {
        Customer c = new Customer();
        c.setName("Metrics " + TestData.unique());
        return customers.save(c).getId();
    }

    private Purchase buy(long customerId, int daysAgo, String amount) {
        return customers.addPurchase(customerId, purchase(daysAgo, amount));
    }

    private Purchase purchase(int daysAgo, String amount) {
        Purchase p = new Purchase();
        p.setPurchaseDate(today.minusDays(daysAgo));
        p.setProduct("咖啡机");
        p.setQuantity(1);
        p.setAmount(new BigDecimal(amount));
        p.setChannel(SalesChannel.ONLINE);
        return p;
    }
}
