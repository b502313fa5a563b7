package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Changing the thresholds; every test puts the defaults back, because the other tests rely on them. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "thresholds-manager",
        roles = {"STAFF", "MANAGER"})
class LifecycleThresholdsTests {

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    CustomerService customers;

    @Autowired
    Clock clock;

    @AfterEach
    void restoreDefaults() {
        SystemActor.run(() -> {
            LifecycleThresholds t = metrics.thresholds();
            if (t.newDays() != 90
                    || t.activeDays() != 180
                    || t.churnDays() != 365
                    || t.highValueSpend().compareTo(new BigDecimal("5000")) != 0
                    || t.valueWindowDays() != 365) {
                updateAndRecompute(
                        new LifecycleThresholds(t.version(), 90, 180, 365, new BigDecimal("5000.00"), 365, null, null));
            }
        });
    }

    @Test
    void a_manager_changes_the_thresholds_and_everyones_lifecycle_follows() {
        long id = customerWithPurchase(100, "1000.00");
        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.ACTIVE);
        assertThat(metrics.metrics(id).valueLevel()).isEqualTo(ValueLevel.LOW);
        LifecycleThresholds t = metrics.thresholds();

        LifecycleThresholds saved = updateAndRecompute(
                new LifecycleThresholds(t.version(), 120, 180, 365, new BigDecimal("1000.00"), 365, null, null));

        assertThat(saved.version()).isGreaterThan(t.version());
        assertThat(saved.updatedBy()).isEqualTo("thresholds-manager");
        // the database keeps microseconds, so updatedAt is compared apart
        assertThat(metrics.thresholds())
                .usingRecursiveComparison()
                .ignoringFields("updatedAt")
                .isEqualTo(saved);
        assertThat(metrics.thresholds().updatedAt()).isCloseTo(saved.updatedAt(), within(1, ChronoUnit.MILLIS));
        // the recompute that follows a change moves everyone
        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.NEW);
        assertThat(metrics.metrics(id).valueLevel()).isEqualTo(ValueLevel.HIGH);
    }

    @Test
    void shorter_active_and_churn_periods_turn_customers_inactive_and_churned() {
        long inactive = customerWithPurchase(100, "10.00");
        long churned = customerWithPurchase(200, "10.00");
        LifecycleThresholds t = metrics.thresholds();

        updateAndRecompute(new LifecycleThresholds(t.version(), 30, 60, 150, new BigDecimal("5000"), 365, null, null));

        assertThat(metrics.metrics(inactive).lifecycle()).isEqualTo(Lifecycle.INACTIVE);
        assertThat(metrics.metrics(churned).lifecycle()).isEqualTo(Lifecycle.CHURNED);
        CustomerFilter churnedFilter = new CustomerFilter(
                null, null, null, null, null, null, null, null, Lifecycle.CHURNED, null, null, null, null);
        assertThat(customers.exactCount(churnedFilter)).isPositive();
    }

    @Test
    void restoring_the_defaults_restores_the_lifecycles() {
        long id = customerWithPurchase(100, "10.00");
        LifecycleThresholds t = metrics.thresholds();
        LifecycleThresholds changed = updateAndRecompute(
                new LifecycleThresholds(t.version(), 200, 300, 400, new BigDecimal("5000"), 365, null, null));
        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.NEW);

        updateAndRecompute(
                new LifecycleThresholds(changed.version(), 90, 180, 365, new BigDecimal("5000"), 365, null, null));

        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.ACTIVE);
    }

    @Test
    void staff_cannot_edit_lifecycle_thresholds() {
        LifecycleThresholds t = metrics.thresholds();

        TestData.as(
                "a-staff",
                () -> assertThatThrownBy(() -> metrics.updateThresholds(
                                new LifecycleThresholds(t.version(), 10, 20, 30, BigDecimal.ONE, 10, null, null)))
                        .isInstanceOf(AccessDeniedException.class),
                "STAFF");

        assertThat(metrics.thresholds()).isEqualTo(t);
    }

    @Test
    void invalid_thresholds_are_refused_naming_the_field_and_change_nothing() {
        LifecycleThresholds t = metrics.thresholds();
        long v = t.version();
        BigDecimal spend = new BigDecimal("5000");

        assertRefused(new LifecycleThresholds(v, 90, 180, 180, spend, 365, null, null), "churnDays");
        assertRefused(new LifecycleThresholds(v, 90, 180, 100, spend, 365, null, null), "churnDays");
        assertRefused(new LifecycleThresholds(v, 90, 180, 3651, spend, 365, null, null), "churnDays");
        assertRefused(new LifecycleThresholds(v, 0, 180, 365, spend, 365, null, null), "newDays");
        assertRefused(new LifecycleThresholds(v, 90, 0, 365, spend, 365, null, null), "activeDays");
        assertRefused(new LifecycleThresholds(v, 90, 180, 365, spend, 0, null, null), "valueWindowDays");
        assertRefused(
                new LifecycleThresholds(v, 90, 180, 365, new BigDecimal("-1"), 365, null, null), "highValueSpend");
        assertRefused(new LifecycleThresholds(v, 90, 180, 365, null, 365, null, null), "highValueSpend");

        assertThat(metrics.thresholds()).isEqualTo(t);
    }

    @Test
    void a_stale_threshold_edit_is_refused() {
        LifecycleThresholds t = metrics.thresholds();
        metrics.updateThresholds(
                new LifecycleThresholds(t.version(), 91, 180, 365, new BigDecimal("5000"), 365, null, null));

        assertThatThrownBy(() -> metrics.updateThresholds(
                        new LifecycleThresholds(t.version(), 95, 180, 365, new BigDecimal("5000"), 365, null, null)))
                .isInstanceOf(StaleEditException.class);

        assertThat(metrics.thresholds().newDays()).isEqualTo(91);
    }

    @Test
    void a_manager_can_recompute_everyone_and_sees_progress() {
        long id = customerWithPurchase(10, "10.00");
        AtomicLong reported = new AtomicLong();

        long done = metrics.refreshAll(reported::set);

        assertThat(done).isGreaterThanOrEqualTo(id);
        assertThat(reported.get()).isEqualTo(done);
        assertThat(metrics.metrics(id).lifecycle()).isEqualTo(Lifecycle.NEW);
    }

    private void assertRefused(LifecycleThresholds edited, String field) {
        assertThatThrownBy(() -> metrics.updateThresholds(edited))
                .as(field)
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private long customerWithPurchase(int daysAgo, String amount) {
        Customer c = new Customer();
        c.setName("Thresholds " + TestData.unique());
        long id = customers.save(c).getId();
        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now(clock).minusDays(daysAgo));
        p.setProduct("空气净化器");
        p.setAmount(new BigDecimal(amount));
        customers.addPurchase(id, p);
        return id;
    }

    /** What the settings view does: save the thresholds, then recompute every customer. */
    private LifecycleThresholds updateAndRecompute(LifecycleThresholds edited) {
        LifecycleThresholds saved = metrics.updateThresholds(edited);
        metrics.refreshAll(n -> {});
        return saved;
    }
}
