package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Deep pages that start from a sampled position return exactly the rows a plain OFFSET returns, in every supported
 * order and direction, including runs of equal names (ties broken by id).
 */
@KeyuanIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PositionSamplesTests {
    @Autowired
    DataSource dataSource;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    CustomerService customers;

    @Autowired
    Clock clock;

    @BeforeAll
    void someCustomersWithEqualNames() {
        SystemActor.run(() -> {
            for (int i = 0; i < 30; i++) {
                Customer c = new Customer();
                c.setName(i % 3 == 0 ? "同名客户" : "样本客户" + i);
                customers.save(c);
            }
        });
    }

    enum Order {
        NAME_ASC(CustomerSort.Field.NAME, true),
        NAME_DESC(CustomerSort.Field.NAME, false),
        CODE_ASC(CustomerSort.Field.CODE, true),
        ID_DESC(CustomerSort.Field.ID, false),
        ID_ASC(CustomerSort.Field.ID, true);

        final CustomerSort sort;

        Order(CustomerSort.Field field, boolean ascending) {
            this.sort = new CustomerSort(field, ascending);
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void pages_from_sampled_positions_equal_plain_offset_pages(Order order) throws Exception {
        PositionSamples samples = new PositionSamples(dataSource, clock, 7);
        CustomerSort sort = order.sort;
        samples.anchor(sort, 0);
        for (int i = 0; i < 200 && !samples.ready(sort); i++) {
            Thread.sleep(25);
        }
        assertThat(samples.ready(sort)).isTrue();
        long total = jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        String dir = sort.ascending() ? "ASC" : "DESC";
        String orderBy = sort.field() == CustomerSort.Field.ID
                ? "c.id " + dir
                : sort.field().column() + " " + dir + ", c.id " + dir;

        for (int offset = 0; offset < total; offset += 5) {
            List<Long> plain = jdbc.queryForList(
                    "SELECT c.id FROM customer c ORDER BY " + orderBy + " LIMIT 6 OFFSET :o",
                    new MapSqlParameterSource("o", offset),
                    Long.class);
            PositionSamples.Anchor anchor = samples.anchor(sort, offset);
            assertThat(anchor).isNotNull();
            assertThat(anchor.position()).isLessThanOrEqualTo(offset).isGreaterThan(offset - 7);
            MapSqlParameterSource p = new MapSqlParameterSource("o", offset - anchor.position());
            List<Long> seek = jdbc.queryForList(
                    "SELECT c.id FROM customer c WHERE " + anchor.condition(sort, p) + " ORDER BY " + orderBy
                            + " LIMIT 6 OFFSET :o",
                    p,
                    Long.class);
            assertThat(seek).as("offset %d", offset).isEqualTo(plain);
        }
    }
}
