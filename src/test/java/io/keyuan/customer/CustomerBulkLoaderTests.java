package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

@KeyuanIntegrationTest
class CustomerBulkLoaderTests {

    @Autowired
    CustomerBulkLoader loader;

    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void bulk_loaded_customers_and_purchases_appear_in_the_grid_after_a_refresh() {
        String name = "Bulk" + TestData.letters(8);
        LocalDate today = LocalDate.now(clock);
        long id = SystemActor.call(() -> {
            long next = loader.nextCustomerId();
            loader.insertCustomers(List.of(newCustomer(next, name + "a"), newCustomer(next + 1, name + "b")));
            loader.insertPurchases(List.of(
                    new NewPurchase(next, today.minusDays(5), "保温杯", 2, new BigDecimal("258.00"), SalesChannel.STORE),
                    new NewPurchase(
                            next, today.minusDays(50), "保温杯", 1, new BigDecimal("129.00"), SalesChannel.ONLINE)));
            metrics.refreshAll(n -> {});
            return next;
        });

        List<CustomerRow> rows = SystemActor.call(() -> customers.page(
                new CustomerFilter(null, null, name, null, null, null, null, null, null, null, null, null, null),
                new CustomerSort(CustomerSort.Field.NAME, true),
                0,
                10));
        assertThat(rows).extracting(CustomerRow::id).containsExactly(id, id + 1);
        assertThat(rows.getFirst().frequency()).isEqualTo(2);
        assertThat(rows.getFirst().monetary()).isEqualByComparingTo("387.00");
        assertThat(rows.getFirst().lifecycle()).isEqualTo(Lifecycle.NEW);
        assertThat(rows.get(1).lifecycle()).isEqualTo(Lifecycle.POTENTIAL);
        assertThat(jdbc.queryForObject("SELECT created_by FROM customer WHERE id = ?", String.class, id))
                .isEqualTo(SystemActor.NAME);
    }

    @Test
    void bulk_loaded_rows_are_stamped_with_the_current_utc_time_like_every_other_row() {
        long id = SystemActor.call(() -> {
            long next = loader.nextCustomerId();
            loader.insertCustomers(List.of(newCustomer(next, "Stamp" + TestData.unique())));
            return next;
        });

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT CAST(created_at AS CHAR) created, CAST(UTC_TIMESTAMP(6) AS CHAR) utc_now FROM customer WHERE id = ?",
                id);
        LocalDateTime created =
                LocalDateTime.parse(row.get("created").toString().replace(' ', 'T'));
        LocalDateTime utcNow = LocalDateTime.parse(row.get("utc_now").toString().replace(' ', 'T'));
        // fails when the JVM's time zone is not UTC: the loader writes local time (see the test report)
        assertThat(created.toInstant(ZoneOffset.UTC))
                .isCloseTo(utcNow.toInstant(ZoneOffset.UTC), within(60, ChronoUnit.SECONDS));
    }

    @Test
    void only_an_administrator_may_bulk_load() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        TestData.as(
                "bulk-manager",
                () -> {
                    assertThatThrownBy(() -> loader.insertCustomers(List.of(newCustomer(Long.MAX_VALUE - 1, "x"))))
                            .isInstanceOf(AccessDeniedException.class);
                    assertThatThrownBy(() -> loader.nextCustomerId()).isInstanceOf(AccessDeniedException.class);
                },
                "STAFF",
                "MANAGER");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class))
                .isEqualTo(before);
    }

    @Test
    void a_failing_batch_writes_nothing() {
        String name = "Atomic" + TestData.unique();
        String takenCode = "ATOM-" + TestData.unique();
        SystemActor.run(() -> {
            long next = loader.nextCustomerId();
            NewCustomer first = newCustomer(next, name);
            NewCustomer clash = new NewCustomer(
                    next + 1,
                    takenCode,
                    name,
                    CustomerKind.PERSON,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            NewCustomer sameCode = new NewCustomer(
                    next + 2,
                    takenCode,
                    name,
                    CustomerKind.PERSON,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            assertThatThrownBy(() -> loader.insertCustomers(List.of(first, clash, sameCode)))
                    .isInstanceOf(IllegalStateException.class);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name = ?", Long.class, name))
                .isZero();
    }

    private static NewCustomer newCustomer(long id, String name) {
        return new NewCustomer(
                id,
                String.format("C%08d", id),
                name,
                CustomerKind.PERSON,
                Gender.FEMALE,
                LocalDate.of(1990, 1, 1),
                Occupation.TEACHER,
                new BigDecimal("8000.00"),
                "浙江",
                "杭州",
                null,
                null,
                null,
                null,
                null,
                NeedType.BASIC,
                PurchaseStyle.PLANNED,
                Loyalty.LOYAL,
                null,
                null);
    }
}
