package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.shared.SystemActor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeding the demo data. Runs first in the suite (see junit-platform.properties), so that it normally meets a
 * database without channels and checks that seeding creates them; when channels exist already, it checks that
 * seeding keeps them as they are.
 */
@KeyuanIntegrationTest
@Order(1)
class DemoSeederTests {

    @Autowired
    DemoSeeder seeder;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void seeding_adds_exactly_the_customers_asked_for_with_their_metrics() {
        List<ChannelSummary> channelsBefore = SystemActor.call(() -> channels.summaries());
        long customersBefore = count("SELECT COUNT(*) FROM customer");
        long firstId = count("SELECT COALESCE(MAX(id), 0) + 1 FROM customer");
        LocalDate today = LocalDate.now(clock);
        List<String> progress = new ArrayList<>();

        long purchases = SystemActor.call(() -> seeder.seed(200, 99L, today, progress::add));

        assertThat(count("SELECT COUNT(*) FROM customer")).isEqualTo(customersBefore + 200);
        assertThat(count("SELECT COUNT(*) FROM customer WHERE id BETWEEN ? AND ?", firstId, firstId + 199))
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM purchase WHERE customer_id BETWEEN ? AND ?", firstId, firstId + 199))
                .isEqualTo(purchases)
                .isPositive();
        assertThat(count("""
                SELECT COUNT(*) FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id
                WHERE c.id BETWEEN ? AND ? AND m.customer_id IS NULL""", firstId, firstId + 199)).isZero();
        // the metrics agree with the purchases they were computed from
        assertThat(count("""
                SELECT COUNT(*) FROM customer_metrics m
                LEFT JOIN (SELECT customer_id, COUNT(*) n, SUM(amount) s FROM purchase GROUP BY customer_id) p
                       ON p.customer_id = m.customer_id
                WHERE m.customer_id BETWEEN ? AND ?
                  AND (m.frequency <> COALESCE(p.n, 0) OR m.monetary <> COALESCE(p.s, 0))""", firstId, firstId + 199)).isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM customer WHERE id BETWEEN ? AND ? AND code <> CONCAT('C', LPAD(id, 8, '0'))",
                        firstId,
                        firstId + 199))
                .isZero();
        assertThat(progress).last().asString().startsWith("200 customers");

        List<ChannelSummary> channelsAfter = SystemActor.call(() -> channels.summaries());
        if (channelsBefore.isEmpty()) {
            assertThat(channelsAfter)
                    .extracting(ChannelSummary::category)
                    .containsAll(EnumSet.allOf(ChannelCategory.class));
            assertThat(channelsAfter).filteredOn(c -> !c.active()).hasSize(1);
            assertThat(count("SELECT COUNT(*) FROM channel_cost")).isPositive();
        } else {
            assertThat(channelsAfter).isEqualTo(channelsBefore);
        }
        Set<Long> active = channelsAfter.stream()
                .filter(ChannelSummary::active)
                .map(ChannelSummary::id)
                .collect(Collectors.toSet());
        List<Long> used = jdbc.queryForList(
                "SELECT DISTINCT source_channel_id FROM customer WHERE id BETWEEN ? AND ?",
                Long.class,
                firstId,
                firstId + 199);
        assertThat(used).isNotEmpty().allSatisfy(id -> assertThat(active).contains(id));
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
