package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.keyuan.shared.db.TestDatabases;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V57 over a database as it was before it: every customer's metrics get the amount their returns gave back, those
 * without returns 0, in the migration itself (no refresh needed before return-rate rules are right).
 */
class ReturnedAmountMigrationTests {
    private static final String AUDIT = "0, UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test'";

    @Test
    void the_migration_fills_in_what_each_customer_had_returned_so_far() {
        try (HikariDataSource before = TestDatabases.migratedTo("v57", "55")) {
            check(before);
        }
    }

    private static void check(HikariDataSource before) {
        JdbcTemplate jdbc = new JdbcTemplate(before);
        long returning = customer(jdbc, "M57-1");
        long keeping = customer(jdbc, "M57-2");
        long unrefreshed = customer(jdbc, "M57-3");
        long tea = purchase(jdbc, returning, "120.00");
        long cups = purchase(jdbc, returning, "80.00");
        purchase(jdbc, keeping, "300.00");
        long gift = purchase(jdbc, unrefreshed, "50.00");
        returned(jdbc, tea, returning, "30.00");
        returned(jdbc, tea, returning, "0.50");
        returned(jdbc, cups, returning, "20.00");
        returned(jdbc, gift, unrefreshed, "50.00");
        metrics(jdbc, returning, "200.00");
        metrics(jdbc, keeping, "300.00");

        TestDatabases.migrate(before, "57");

        assertThat(returnedOf(jdbc, returning)).isEqualByComparingTo("50.50");
        assertThat(returnedOf(jdbc, keeping)).isEqualByComparingTo("0");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer_metrics WHERE customer_id = ?", Integer.class, unrefreshed))
                .as("no metrics row is made: the next refresh writes it whole")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                + " AND TABLE_NAME = 'customer_metrics' AND COLUMN_NAME = 'returned_amount'",
                        String.class))
                .as("the type of monetary")
                .isEqualTo(jdbc.queryForObject(
                        "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                                + " AND TABLE_NAME = 'customer_metrics' AND COLUMN_NAME = 'monetary'",
                        String.class));
    }

    private static long customer(JdbcTemplate jdbc, String code) {
        jdbc.update(
                "INSERT INTO customer (code, name, kind, version, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, 'PERSON', " + AUDIT + ")",
                code,
                "迁移" + code);
        return jdbc.queryForObject("SELECT id FROM customer WHERE code = ?", Long.class, code);
    }

    private static long purchase(JdbcTemplate jdbc, long customerId, String amount) {
        jdbc.update(
                "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                        + " created_at, created_by, updated_at, updated_by) VALUES (?, '2026-01-05', '茶叶', 2, ?,"
                        + " 'STORE', " + AUDIT + ")",
                customerId,
                new BigDecimal(amount));
        return jdbc.queryForObject("SELECT MAX(id) FROM purchase", Long.class);
    }

    private static void returned(JdbcTemplate jdbc, long purchaseId, long customerId, String amount) {
        jdbc.update(
                "INSERT INTO purchase_return (purchase_id, customer_id, return_date, quantity, amount, reason, version,"
                        + " created_at, created_by, updated_at, updated_by) VALUES (?, ?, '2026-01-06', 0, ?, '破损', "
                        + AUDIT + ")",
                purchaseId,
                customerId,
                new BigDecimal(amount));
    }

    private static void metrics(JdbcTemplate jdbc, long customerId, String monetary) {
        jdbc.update(
                "INSERT INTO customer_metrics (customer_id, first_purchase, last_purchase, frequency, monetary,"
                        + " recent_spend, lifecycle, value_level, refreshed_at) VALUES (?, '2026-01-05', '2026-01-05',"
                        + " 2, ?, 0, 'ACTIVE', 'LOW', UTC_TIMESTAMP(6))",
                customerId,
                new BigDecimal(monetary));
    }

    private static BigDecimal returnedOf(JdbcTemplate jdbc, long customerId) {
        return jdbc.queryForObject(
                "SELECT returned_amount FROM customer_metrics WHERE customer_id = ?", BigDecimal.class, customerId);
    }
}
