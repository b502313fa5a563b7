package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Returns of purchases: what a purchase gives back never adds up to more than it had (also when returns arrive
 * at the same moment), dates and reasons are checked, and the customer's return rate is returned / purchased
 * amount, computed in SQL.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "returns-staff",
        roles = {"STAFF"})
class PurchaseReturnsTests {
    @Autowired
    PurchaseReturns returns;

    @Autowired
    CustomerService customers;

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private Customer customer() {
        String u = TestData.unique();
        return TestCustomers.create(customers, "RT" + u, "退货客户" + u);
    }

    private Purchase purchase(Customer c, LocalDate date, int quantity, String amount) {
        Purchase p = new Purchase();
        p.setPurchaseDate(date);
        p.setProduct("退货商品");
        p.setQuantity(quantity);
        p.setAmount(new BigDecimal(amount));
        return customers.addPurchase(c.getId(), p);
    }

    private NewPurchaseReturn give(Purchase p, int quantity, String amount) {
        return new NewPurchaseReturn(p.getId(), today(), quantity, new BigDecimal(amount), "质量问题");
    }

    @Test
    void returns_within_the_purchase_are_recorded_with_who_and_add_up() {
        Purchase p = purchase(customer(), today().minusDays(3), 5, "500.00");

        PurchaseReturnRow first = returns.record(give(p, 2, "200.00"));
        returns.record(new NewPurchaseReturn(p.getId(), today(), 0, new BigDecimal("50.00"), "  价格补差  "));

        assertThat(first.recordedBy()).isEqualTo("returns-staff");
        assertThat(first.reason()).isEqualTo("质量问题");
        assertThat(returns.ofPurchase(p.getId()))
                .extracting(PurchaseReturnRow::quantity, PurchaseReturnRow::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "质量问题"), org.assertj.core.groups.Tuple.tuple(0, "价格补差"));
        ReturnedTotals t = returns.totals(p.getId());
        assertThat(t.returnedQuantity()).isEqualTo(2);
        assertThat(t.returnedAmount()).isEqualByComparingTo("250.00");
        assertThat(t.quantityLeft()).isEqualTo(3);
        assertThat(t.amountLeft()).isEqualByComparingTo("250.00");
    }

    @Test
    void more_than_the_purchase_had_is_refused_naming_what_is_left() {
        Purchase p = purchase(customer(), today(), 3, "90.00");
        returns.record(give(p, 2, "60.00"));

        assertThatThrownBy(() -> returns.record(give(p, 2, "10.00")))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("quantity");
                    assertThat(e.messageKey()).isEqualTo("purchase.return.error.quantity-exceeds");
                    assertThat(e.args()).containsExactly(2, 1, 3);
                });
        assertThatThrownBy(() -> returns.record(give(p, 1, "30.01")))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.messageKey()).isEqualTo("purchase.return.error.amount-exceeds");
                    assertThat((BigDecimal) e.args()[1]).isEqualByComparingTo("30.00");
                });
        // exactly what is left is fine
        returns.record(give(p, 1, "30.00"));
        assertThat(returns.totals(p.getId()).amountLeft()).isEqualByComparingTo("0");
    }

    @Test
    void returns_arriving_at_the_same_moment_never_exceed_the_purchase() throws Exception {
        Purchase p = purchase(customer(), today(), 10, "100.00");
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> TestData.as(
                        "returns-staff-" + Thread.currentThread().getName(),
                        () -> {
                            try {
                                start.await();
                                returns.record(give(p, 3, "30.00"));
                                return true;
                            } catch (KeyuanException refused) {
                                return false;
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "STAFF")));
            }
            start.countDown();
            long accepted = 0;
            for (Future<Boolean> r : results) {
                if (r.get(60, TimeUnit.SECONDS)) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        ReturnedTotals t = returns.totals(p.getId());
        assertThat(t.returnedQuantity()).isEqualTo(9);
        assertThat(t.returnedAmount()).isEqualByComparingTo("90.00");
    }

    @Test
    void dates_amounts_and_reasons_are_checked_on_their_fields() {
        Purchase p = purchase(customer(), today().minusDays(10), 2, "20.00");

        assertRefused(new NewPurchaseReturn(p.getId(), null, 1, BigDecimal.ONE, "r"), "date", "validation.required");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today().plusDays(1), 1, BigDecimal.ONE, "r"),
                "date",
                "purchase.return.error.future");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today().minusDays(11), 1, BigDecimal.ONE, "r"),
                "date",
                "purchase.return.error.before-purchase");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), -1, BigDecimal.ONE, "r"),
                "quantity",
                "validation.not-negative");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), 1, new BigDecimal("-1"), "r"),
                "amount",
                "rule.amount-negative");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), 1, new BigDecimal("1.001"), "r"),
                "amount",
                "exchange.error.too-many-decimals");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), 0, BigDecimal.ZERO, "r"),
                "amount",
                "purchase.return.error.nothing");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), 1, BigDecimal.ONE, " "), "reason", "validation.required");
        assertRefused(
                new NewPurchaseReturn(p.getId(), today(), 1, BigDecimal.ONE, "因".repeat(201)),
                "reason",
                "error.too-long");
        assertThatThrownBy(() -> returns.record(new NewPurchaseReturn(999_999_999L, today(), 1, BigDecimal.ONE, "r")))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("error.not-found"));
        assertThat(returns.ofPurchase(p.getId())).isEmpty();
    }

    private void assertRefused(NewPurchaseReturn r, String field, String key) {
        assertThatThrownBy(() -> returns.record(r)).as(key).isInstanceOfSatisfying(KeyuanException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.messageKey()).isEqualTo(key);
        });
    }

    @Test
    void the_return_rate_is_the_returned_over_the_purchased_amount_computed_in_sql() {
        Customer c = customer();
        Purchase tea = purchase(c, today().minusDays(30), 4, "100.00");
        Purchase cups = purchase(c, today().minusDays(20), 10, "300.00");
        purchase(c, today().minusDays(10), 1, "0.00");
        returns.record(give(tea, 1, "30.00"));
        returns.record(give(cups, 0, "20.00"));
        // another customer's returns do not count
        Customer other = customer();
        returns.record(give(purchase(other, today(), 1, "10.00"), 1, "10.00"));

        ReturnRate rate = returns.returnRate(c.getId());

        // by hand: purchased 100 + 300 + 0 = 400; returned 30 + 20 = 50; 50 / 400 = 0.125
        assertThat(rate.purchasedAmount()).isEqualByComparingTo("400.00");
        assertThat(rate.returnedAmount()).isEqualByComparingTo("50.00");
        assertThat(rate.rate()).isEqualByComparingTo("0.1250");
        assertThat(returns.returnRate(other.getId()).rate()).isEqualByComparingTo("1");
        ReturnRate none = returns.returnRate(customer().getId());
        assertThat(none.rate()).as("no purchases, no rate").isNull();
        assertThat(none.purchasedAmount()).isEqualByComparingTo("0");
    }

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private BigDecimal metricsReturned(Customer c) {
        return jdbc.queryForObject(
                "SELECT returned_amount FROM customer_metrics WHERE customer_id = ?", BigDecimal.class, c.getId());
    }

    @Test
    void the_customers_metrics_keep_the_amount_returned_through_every_change_and_the_full_refresh() {
        Customer c = customer();
        assertThat(metricsReturned(c)).as("a new customer").isEqualByComparingTo("0");
        Purchase tea = purchase(c, today().minusDays(3), 4, "200.00");
        PurchaseReturnRow first = returns.record(give(tea, 1, "50.00"));
        assertThat(metricsReturned(c)).isEqualByComparingTo("50.00");
        Purchase cups = purchase(c, today().minusDays(2), 1, "100.00");
        returns.record(give(cups, 1, "100.00"));
        assertThat(metricsReturned(c)).isEqualByComparingTo("150.00");
        // another customer's return does not count
        returns.record(give(purchase(customer(), today(), 1, "10.00"), 1, "10.00"));
        assertThat(metricsReturned(c)).isEqualByComparingTo("150.00");

        returns.delete(first.id());
        assertThat(metricsReturned(c)).isEqualByComparingTo("100.00");
        assertThat(returns.returnRate(c.getId()).rate()).isEqualByComparingTo("0.3333");
        assertThat(returns.returnRate(c.getId()).percent()).isEqualByComparingTo("33.33");

        // the nightly refresh (and the one after a threshold change) recomputes it from the returns
        jdbc.update("UPDATE customer_metrics SET returned_amount = 0 WHERE customer_id = ?", c.getId());
        TestData.as("returns-manager", () -> metrics.refreshAll(n -> {}), "STAFF", "MANAGER");
        assertThat(metricsReturned(c)).isEqualByComparingTo("100.00");
    }

    @Test
    void the_rate_has_one_definition_in_sql_and_in_java() {
        String[][] cases = {
            {"200.00", "50.00"},
            {"99.99", "49.50"},
            {"1000.00", "1.25"},
            {"3.00", "1.00"},
            {"3.00", "2.00"},
            {"100.50", "33.50"},
            {"7.00", "7.00"},
            {"0.00", "0.00"},
            {"99999999999999.99", "0.01"}
        };
        for (String[] c : cases) {
            BigDecimal purchased = new BigDecimal(c[0]);
            BigDecimal returned = new BigDecimal(c[1]);
            BigDecimal sql = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc)
                    .queryForObject(
                            "SELECT "
                                    + ReturnRate.percentSql(
                                            "CAST(:purchased AS DECIMAL(16, 2))", "CAST(:returned AS DECIMAL(16, 2))"),
                            java.util.Map.of("purchased", purchased, "returned", returned),
                            BigDecimal.class);
            BigDecimal inJava = ReturnRate.percent(purchased, returned);
            if (purchased.signum() == 0) {
                assertThat(sql).isNull();
                assertThat(inJava).isNull();
            } else {
                assertThat(inJava).as(c[1] + " of " + c[0]).isEqualByComparingTo(sql);
            }
        }
        assertThat(ReturnRate.percent(new BigDecimal("99.99"), new BigDecimal("49.50")))
                .isEqualByComparingTo("49.50");
        assertThat(ReturnRate.percent(new BigDecimal("1000"), new BigDecimal("1.25")))
                .isEqualByComparingTo("0.13");
    }

    @Test
    void a_purchase_with_returns_is_deleted_only_after_its_returns_and_a_customer_delete_takes_them() {
        Customer c = customer();
        Purchase p = purchase(c, today(), 2, "40.00");
        PurchaseReturnRow r = returns.record(give(p, 1, "20.00"));

        assertThatThrownBy(() -> customers.deletePurchase(p.getId()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("purchase.error.delete-has-returns"));
        returns.delete(r.id());
        customers.deletePurchase(p.getId());
        assertThat(customers.purchaseCount(c.getId())).isZero();

        Purchase again = purchase(c, today(), 2, "40.00");
        returns.record(give(again, 1, "20.00"));
        TestData.as(
                "returns-manager",
                () -> customers.delete(c.getId(), customers.get(c.getId()).getVersion(), 1),
                "STAFF",
                "MANAGER");
        assertThat(customers.ref(c.getId())).isEmpty();
    }

    @Autowired
    io.keyuan.exchange.ImportService imports;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void undoing_a_purchase_import_keeps_a_purchase_that_has_returns_since() throws Exception {
        Customer c = customer();
        String u = TestData.unique();
        java.io.File sheet = dir.resolve("purchases-" + u + ".csv").toFile();
        java.nio.file.Files.writeString(
                sheet.toPath(),
                "订单号,客户编号,购买日期,产品,数量,金额,销售渠道\n"
                        + "R-" + u + "-1," + c.getCode() + ",2026-01-05,茶叶,2,300.00,门店\n"
                        + "R-" + u + "-2," + c.getCode() + ",2026-01-06,茶具,1,99.50,门店\n",
                java.nio.charset.StandardCharsets.UTF_8);
        var report = TestData.as(
                "returns-manager",
                () -> imports.commit(
                        imports.inspect("purchases", sheet, sheet.getName())
                                .request("purchases", sheet, sheet.getName(), java.util.Locale.CHINA),
                        io.keyuan.exchange.ImportMode.ALL_OR_NOTHING,
                        io.keyuan.exchange.ImportListener.NONE),
                "STAFF",
                "MANAGER");
        Purchase tea = customers.purchases(c.getId(), 0, 10).stream()
                .filter(p -> p.getProduct().equals("茶叶"))
                .findFirst()
                .orElseThrow();
        returns.record(new NewPurchaseReturn(tea.getId(), today(), 1, new BigDecimal("150.00"), "受潮"));

        TestData.as("returns-manager", () -> imports.undo(report.jobId()), "STAFF", "MANAGER");

        // the return is later work on the tea: the tea stays with it, the untouched tea set goes
        assertThat(customers.purchases(c.getId(), 0, 10))
                .extracting(Purchase::getProduct)
                .containsExactly("茶叶");
        assertThat(returns.ofPurchase(tea.getId())).hasSize(1);
        assertThat(metricsReturned(c)).as("the metrics after the undo").isEqualByComparingTo("150.00");
        assertThat(returns.returnRate(c.getId()).percent()).isEqualByComparingTo("50");
    }

    private io.keyuan.exchange.ImportReport importPurchases(String csv, io.keyuan.exchange.ImportMode mode)
            throws Exception {
        java.io.File sheet =
                dir.resolve("purchases-" + TestData.unique() + ".csv").toFile();
        java.nio.file.Files.writeString(sheet.toPath(), csv, java.nio.charset.StandardCharsets.UTF_8);
        return TestData.as(
                "returns-staff",
                () -> imports.commit(
                        imports.inspect("purchases", sheet, sheet.getName())
                                .request("purchases", sheet, sheet.getName(), java.util.Locale.CHINA),
                        mode,
                        io.keyuan.exchange.ImportListener.NONE),
                "STAFF");
    }

    @Test
    void a_purchase_import_keeps_a_purchase_with_returns_with_its_customer_and_above_what_was_returned()
            throws Exception {
        Customer c = customer();
        Customer other = customer();
        Purchase tea = purchase(c, LocalDate.of(2026, 1, 5), 4, "200.00");
        returns.record(give(tea, 2, "50.00"));
        String header = "记录号,客户编号,购买日期,产品,数量,金额,销售渠道\n";
        String row = tea.getId() + ",%s,2026-01-05,退货商品,%d,%s,门店\n";

        var moved = importPurchases(
                header + row.formatted(other.getCode(), 4, "200.00"), io.keyuan.exchange.ImportMode.ALL_OR_NOTHING);
        var shrunk = importPurchases(
                header + row.formatted(c.getCode(), 1, "49.99"), io.keyuan.exchange.ImportMode.ALL_OR_NOTHING);

        assertThat(moved.errors())
                .extracting(io.keyuan.exchange.RowError::columnKey, io.keyuan.exchange.RowError::messageKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("customer", "purchase.import.error.returns-keep-customer"));
        assertThat(shrunk.errors())
                .extracting(io.keyuan.exchange.RowError::columnKey, io.keyuan.exchange.RowError::messageKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("amount", "purchase.import.error.below-returned"),
                        org.assertj.core.groups.Tuple.tuple("quantity", "purchase.import.error.below-returned"));
        assertThat(customers.purchaseCount(other.getId())).isZero();
        assertThat(returns.totals(tea.getId()).purchasedAmount()).isEqualByComparingTo("200.00");

        // down to exactly what was returned is fine, and the rate follows at once
        var corrected = importPurchases(
                header + row.formatted(c.getCode(), 2, "100.00"), io.keyuan.exchange.ImportMode.ALL_OR_NOTHING);
        assertThat(corrected.errors()).isEmpty();
        assertThat(corrected.updated()).isEqualTo(1);
        assertThat(metricsReturned(c)).isEqualByComparingTo("50.00");
        assertThat(returns.returnRate(c.getId()).percent()).isEqualByComparingTo("50");
    }

    @Test
    void a_caller_without_the_staff_role_is_refused() {
        Purchase p = purchase(customer(), today(), 2, "40.00");

        assertThatThrownBy(() -> TestData.as("no-role", () -> returns.record(give(p, 1, "1.00"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestData.as("no-role", () -> returns.returnRate(p.getCustomerId())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(SystemActor.call(() -> returns.ofPurchase(p.getId()))).isEmpty();
    }
}
