package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import db.migration.V12__customer_phone_canonical;
import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(username = "migration-staff", roles = "STAFF")
class PhoneMigrationTests {
    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    private long withPhone(String phone) {
        Customer c = new Customer();
        c.setCode("PM" + TestData.unique());
        c.setName("迁移" + TestData.unique());
        long id = customers.save(c).getId();
        jdbc.update("UPDATE customer SET phone = ? WHERE id = ?", phone, id);
        return id;
    }

    private String phone(long id) {
        return jdbc.queryForObject("SELECT phone FROM customer WHERE id = ?", String.class, id);
    }

    @Test
    void stored_phones_get_the_canonical_form_and_what_does_not_parse_stays_as_it_was() throws Exception {
        long fullWidth = withPhone("１３８００１３８０００");
        long prefixed = withPhone("+86 139-0000-0001");
        long landline = withPhone("(010) 1234 5678");
        long odd = withPhone("12345");
        long foreign = withPhone("+1 415 555 0100");
        long canonical = withPhone("13700000002");

        try (Connection connection = dataSource.getConnection()) {
            V12__customer_phone_canonical.normalise(connection);
        }

        assertThat(phone(fullWidth)).isEqualTo("13800138000");
        assertThat(phone(prefixed)).isEqualTo("13900000001");
        assertThat(phone(landline)).isEqualTo("010-12345678");
        assertThat(phone(odd)).as("kept: no data lost").isEqualTo("12345");
        assertThat(phone(foreign)).isEqualTo("+1 415 555 0100");
        assertThat(phone(canonical)).isEqualTo("13700000002");
    }
}
