package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.CustomerRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.support.TransactionTemplate;

/** What a refused customer save says: the constraint it broke, and who won a race and when. */
@KeyuanIntegrationTest
@WithMockUser(username = "refusal-staff", roles = "STAFF")
class CustomerSaveRefusalsTests {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    DataSource dataSource;

    private Customer saved(String prefix) {
        Customer c = new Customer();
        c.setCode(prefix + TestData.unique());
        c.setName(prefix + TestData.unique());
        return customers.save(c);
    }

    @Test
    void each_database_constraint_of_a_customer_gets_its_own_message() {
        Customer taken = saved("CM");

        Customer dup = new Customer();
        dup.setCode(taken.getCode());
        dup.setName("dup");
        DataIntegrityViolationException code =
                catchIntegrity(() -> tx.executeWithoutResult(s -> repository.saveAndFlush(dup)));
        assertThat(ConstraintMessages.constraintName(code)).contains("uk_customer_code");
        KeyuanException codeRefusal = ConstraintMessages.refusal(code, CustomerService.CONSTRAINTS, taken.getCode());
        assertThat(codeRefusal.field()).isEqualTo("code");
        assertThat(codeRefusal.messageKey()).isEqualTo("customer.error.code-taken");

        Customer noChannel = new Customer();
        noChannel.setCode("CMC" + TestData.unique());
        noChannel.setName("no channel");
        noChannel.setSourceChannelId(Long.MAX_VALUE);
        DataIntegrityViolationException channel =
                catchIntegrity(() -> tx.executeWithoutResult(s -> repository.saveAndFlush(noChannel)));
        KeyuanException channelRefusal = ConstraintMessages.refusal(channel, CustomerService.CONSTRAINTS);
        assertThat(channelRefusal.field()).isEqualTo("sourceChannelId");
        assertThat(channelRefusal.messageKey()).as("not 'code taken'").isEqualTo("constraint.channel-gone");

        DataIntegrityViolationException referrer = catchIntegrity(() ->
                jdbc.update("UPDATE customer SET referred_by_id = ? WHERE id = ?", Long.MAX_VALUE, taken.getId()));
        assertThat(ConstraintMessages.refusal(referrer, CustomerService.CONSTRAINTS)
                        .messageKey())
                .isEqualTo("constraint.customer-referrer-gone");

        DataIntegrityViolationException income =
                catchIntegrity(() -> jdbc.update("UPDATE customer SET income = -1 WHERE id = ?", taken.getId()));
        KeyuanException incomeRefusal = ConstraintMessages.refusal(income, CustomerService.CONSTRAINTS);
        assertThat(incomeRefusal.field()).isEqualTo("income");
        assertThat(incomeRefusal.messageKey()).isEqualTo("validation.not-negative");

        DataIntegrityViolationException kind =
                catchIntegrity(() -> jdbc.update("UPDATE customer SET kind = 'ROBOT' WHERE id = ?", taken.getId()));
        assertThat(ConstraintMessages.refusal(kind, CustomerService.CONSTRAINTS).messageKey())
                .isEqualTo("constraint.customer-kind");
    }

    @Test
    void a_constraint_no_service_named_says_which_rule_it_was() {
        Customer c = saved("CU");
        DataIntegrityViolationException e = catchIntegrity(() -> jdbc.update(
                "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                        + " created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, CURRENT_DATE, 'x', 0, 1, 'STORE', 0, NOW(), 't', NOW(), 't')",
                c.getId()));
        KeyuanException refusal = ConstraintMessages.refusal(e, java.util.Map.of());
        assertThat(refusal.messageKey()).isEqualTo("constraint.other");
        assertThat(refusal.args()).containsExactly("ck_purchase_quantity");
    }

    @Test
    void a_save_that_loses_the_race_after_its_version_check_names_who_saved_and_when() throws Exception {
        Customer c = saved("RC");
        Instant theirs = Instant.parse("2026-03-04T01:05:00Z");

        Customer mine = customers.get(c.getId()); // as a form holds it: detached
        mine.setNotes("mine");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
                    customers.get(c.getId()); // the version the save will check, in this transaction's context
                    // someone else saves in between the version check (passes: same context) and the flush
                    CompletableFuture.runAsync(() -> {
                                try (Connection other = dataSource.getConnection()) {
                                    other.setAutoCommit(true);
                                    try (var st = other.prepareStatement("UPDATE customer SET version = version + 1,"
                                            + " updated_by = 'han.mei', updated_at = '2026-03-04 01:05:00',"
                                            + " notes = 'theirs' WHERE id = ?")) {
                                        st.setLong(1, c.getId());
                                        st.executeUpdate();
                                    }
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                            .join();
                    customers.save(mine);
                }))
                .isInstanceOf(StaleEditException.class)
                .satisfies(e -> {
                    StaleEditException stale = (StaleEditException) e;
                    assertThat(stale.messageKey()).isEqualTo("error.stale-by");
                    assertThat(stale.args()).containsExactly("han.mei", theirs);
                });
        assertThat(jdbc.queryForObject("SELECT notes FROM customer WHERE id = ?", String.class, c.getId()))
                .isEqualTo("theirs");
    }

    private static DataIntegrityViolationException catchIntegrity(Runnable write) {
        try {
            write.run();
        } catch (DataIntegrityViolationException e) {
            return e;
        }
        throw new AssertionError("the database accepted the write");
    }
}
