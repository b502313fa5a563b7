package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** RFM scores 1–5: quintile cuts from the full refresh, every other refresh scoring against them. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "rfm-manager",
        roles = {"STAFF", "MANAGER"})
class CustomerRfmScoresTests {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    RfmScoresCatchUp catchUp;

    @Autowired
    io.keyuan.shared.db.DatabaseLocks locks;

    LocalDate today;

    @BeforeEach
    void today() {
        today = LocalDate.now(clock);
    }

    @Test
    void a_purchase_rescores_its_customer_against_the_stored_cuts_with_ties_taking_the_lower_score() {
        jdbc.update(
                "UPDATE customer_rfm_cuts SET r1 = :r1, r2 = :r2, r3 = :r3, r4 = :r4, f1 = 1, f2 = 2, f3 = 3, f4 = 5,"
                        + " m1 = 100, m2 = 200, m3 = 300, m4 = 400 WHERE id = 1",
                new MapSqlParameterSource("r1", Date.valueOf(today.minusDays(400)))
                        .addValue("r2", Date.valueOf(today.minusDays(200)))
                        .addValue("r3", Date.valueOf(today.minusDays(100)))
                        .addValue("r4", Date.valueOf(today.minusDays(10))));
        long id = newCustomer();
        assertThat(scores(id)).containsExactly(null, null, null);

        buy(id, 100, "150.00");
        buy(id, 10, "50.00");

        // Last purchase on cut 4, two purchases on cut 2, 200 spent on cut 2: each takes the lower score.
        assertThat(scores(id)).containsExactly(4, 2, 2);

        buy(id, 0, "300.01");

        assertThat(scores(id)).containsExactly(5, 3, 5);
    }

    @Test
    void a_portal_starting_on_purchases_whose_cuts_were_never_taken_scores_everyone_once_in_the_background()
            throws Exception {
        long id = newCustomer();
        buy(id, 3, "80.00");
        jdbc.update("UPDATE customer_rfm_cuts SET computed_at = NULL WHERE id = 1", Map.of());
        jdbc.update("UPDATE customer_metrics SET r_score = NULL, f_score = NULL, m_score = NULL", Map.of());
        assertThat(catchUp.needed()).isTrue();

        catchUp.onStart();

        long deadline = System.nanoTime() + 60_000_000_000L;
        while (catchUp.needed() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(catchUp.needed()).as("cuts taken").isFalse();
        // the cuts are stored before the scores are written in the same refresh: wait for the scores themselves
        while (scores(id).contains(null) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(scores(id)).doesNotContainNull();
        // and the refresh has let go of its lock before the next test
        while (!locks.runExclusively("keyuan.metrics.refresh", () -> {}) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void the_full_refresh_cuts_at_the_quintile_positions_and_scores_everyone_with_purchases() {
        List<Long> mine = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            long id = newCustomer();
            for (int k = 0; k < i % 4 + 1; k++) {
                buy(id, i * 30 + k, i * 100 + ".00");
            }
            mine.add(id);
        }
        long never = newCustomer();

        metrics.refreshAll(n -> {});

        List<Object[]> all = jdbc.query(
                "SELECT last_purchase, frequency, monetary FROM customer_metrics WHERE last_purchase IS NOT NULL",
                (rs, i) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getBigDecimal(3)});
        Map<String, Object> cuts = jdbc.queryForMap("SELECT * FROM customer_rfm_cuts WHERE id = 1", Map.of());
        List<LocalDate> r = expectedCuts(all, o -> (LocalDate) o[0]);
        List<Integer> f = expectedCuts(all, o -> (Integer) o[1]);
        List<BigDecimal> m = expectedCuts(all, o -> (BigDecimal) o[2]);
        for (int i = 1; i <= 4; i++) {
            assertThat(cuts.get("r" + i)).isEqualTo(Date.valueOf(r.get(i - 1)));
            assertThat(((Number) cuts.get("f" + i)).intValue()).isEqualTo(f.get(i - 1));
            assertThat((BigDecimal) cuts.get("m" + i)).isEqualByComparingTo(m.get(i - 1));
        }
        for (long id : mine) {
            CustomerMetrics cm = metrics.metrics(id);
            assertThat(cm.rScore()).isEqualTo(score(cm.lastPurchase(), r));
            assertThat(cm.fScore()).isEqualTo(score(cm.frequency(), f));
            assertThat(cm.mScore()).isEqualTo(score(cm.monetary(), m));
        }
        assertThat(scores(never)).containsExactly(null, null, null);
    }

    @Test
    void purchases_loaded_in_bulk_without_their_metrics_are_scored_against_the_cuts_they_move() {
        List<Long> bulk = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = newCustomer();
            // As seeding and bulk loads do: purchases written straight to the table, metrics left for the refresh.
            jdbc.update(
                    "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                            + " created_at, created_by, updated_at, updated_by) VALUES (:id, :date, 'bulk', 1,"
                            + " :amount, 'ONLINE', 0, UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test')",
                    new MapSqlParameterSource("id", id)
                            .addValue("date", Date.valueOf(today))
                            .addValue("amount", new BigDecimal(9_000_000 + i)));
            jdbc.update("DELETE FROM customer_metrics WHERE customer_id = :id", Map.of("id", id));
            bulk.add(id);
        }

        metrics.refreshAll(n -> {});

        List<Object[]> all = jdbc.query(
                "SELECT last_purchase, frequency, monetary FROM customer_metrics WHERE last_purchase IS NOT NULL",
                (rs, i) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getBigDecimal(3)});
        List<BigDecimal> m = expectedCuts(all, o -> (BigDecimal) o[2]);
        Map<String, Object> cuts = jdbc.queryForMap("SELECT * FROM customer_rfm_cuts WHERE id = 1", Map.of());
        for (int i = 1; i <= 4; i++) {
            assertThat((BigDecimal) cuts.get("m" + i)).isEqualByComparingTo(m.get(i - 1));
        }
        for (long id : bulk) {
            CustomerMetrics cm = metrics.metrics(id);
            assertThat(cm.mScore()).isEqualTo(score(cm.monetary(), m));
            assertThat(cm.rScore()).isNotNull();
        }
    }

    /** The values at positions ⌈i·n/5⌉ (1-based) of the ascending values, i = 1…4. */
    private static <T extends Comparable<? super T>> List<T> expectedCuts(
            List<Object[]> rows, Function<Object[], T> value) {
        List<T> sorted =
                rows.stream().map(value).sorted(Comparator.naturalOrder()).toList();
        List<T> cuts = new ArrayList<>();
        long n = sorted.size();
        for (int i = 1; i <= 4; i++) {
            cuts.add(sorted.get((int) ((i * n + 4) / 5) - 1));
        }
        return cuts;
    }

    private static <T extends Comparable<? super T>> int score(T value, List<T> cuts) {
        return 1 + (int) cuts.stream().filter(c -> value.compareTo(c) > 0).count();
    }

    private List<Integer> scores(long id) {
        CustomerMetrics m = metrics.metrics(id);
        return java.util.Arrays.asList(m.rScore(), m.fScore(), m.mScore());
    }

    private long newCustomer() {
        Customer c = new Customer();
        c.setName("RFM " + TestData.unique());
        return customers.save(c).getId();
    }

    private void buy(long customerId, int daysAgo, String amount) {
        Purchase p = new Purchase();
        p.setPurchaseDate(today.minusDays(daysAgo));
        p.setProduct("咖啡豆");
        p.setQuantity(1);
        p.setAmount(new BigDecimal(amount));
        p.setChannel(SalesChannel.ONLINE);
        customers.addPurchase(customerId, p);
    }
}
