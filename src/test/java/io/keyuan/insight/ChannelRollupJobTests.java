package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The rebuild as a job: after a bulk change, nightly once for all nodes, and never over fresher rows. */
@KeyuanIntegrationTest
class ChannelRollupJobTests {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    ChannelRollup rollup;

    @Autowired
    RollupSchedule schedule;

    @Autowired
    JobService jobs;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    private JobView await(JobId id) {
        return SystemActor.call(() -> jobs.await(id, MINUTE));
    }

    @Test
    void a_bulk_change_asks_for_a_rebuild_that_the_catch_up_runs_as_a_job() {
        SystemActor.run(customers::bulkChanged);
        ChannelRollup.State asked = rollup.state();
        assertThat(asked.pending()).isTrue();
        assertThat(asked.requestedReason()).contains("import");

        JobId id = schedule.catchUp().orElseThrow();
        assertThat(schedule.catchUp())
                .as("the same request makes one job, on any node")
                .contains(id);
        JobView done = await(id);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        ChannelRollup.State after = rollup.state();
        assertThat(after.pending()).isFalse();
        assertThat(after.asOf()).isAfterOrEqualTo(asked.requestedAt());
        assertThat(schedule.catchUp()).as("nothing left to do").isEmpty();
    }

    @Test
    void the_nightly_rebuild_is_one_job_whichever_nodes_fire() {
        JobId first = schedule.nightly().orElseThrow();
        JobId second = schedule.nightly().orElseThrow();
        JobView done = await(first);

        // both firings in the same minute: one job (a firing at a minute's turn would make a second, also fine)
        if (first.equals(second)) {
            assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        assertThat(await(second).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.summary()).containsKey("millis");
    }

    @Test
    void a_requested_rebuild_that_a_later_one_covered_has_nothing_to_do() {
        TestInsight.rebuild(rollup);
        java.time.Instant before = rollup.state().asOf().minusSeconds(60);

        JobId id = SystemActor.call(() -> jobs.submit(RollupSchedule.request("requested", before)));
        JobView done = await(id);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.summary()).containsEntry("skipped", true);
    }

    @Test
    void a_rebuild_keeps_a_row_that_an_incremental_update_recomputed_after_its_snapshot_began() {
        long ch = TestInsight.channel(channels, "快照", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH);
        YearMonth month = TestInsight.currentMonth().minusMonths(2);
        TestInsight.cost(channels, ch, month, "100.00");
        MapSqlParameterSource key = new MapSqlParameterSource("ch", ch).addValue("month", ChannelRollup.month(month));
        // as if the cost had been changed to 250 while the rebuild read, and its update had run after the snapshot
        jdbc.update(
                "UPDATE insight_channel_month SET cost = 250, recomputed_at = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR"
                        + " WHERE channel_id = :ch AND month = :month",
                key);

        TestInsight.rebuild(rollup);
        assertThat(cost(key)).as("the fresher row stays").isEqualByComparingTo("250");

        jdbc.update(
                "UPDATE insight_channel_month SET recomputed_at = UTC_TIMESTAMP(6) - INTERVAL 1 HOUR"
                        + " WHERE channel_id = :ch AND month = :month",
                key);
        TestInsight.rebuild(rollup);
        assertThat(cost(key)).as("an older row takes the rebuilt value").isEqualByComparingTo("100");
    }

    private java.math.BigDecimal cost(MapSqlParameterSource key) {
        return jdbc.queryForObject(
                "SELECT cost FROM insight_channel_month WHERE channel_id = :ch AND month = :month",
                key,
                java.math.BigDecimal.class);
    }

    @Test
    void a_deleted_channel_leaves_no_rows_and_its_deals_count_without_a_channel() {
        long ch = TestInsight.channel(channels, "将删", ChannelCategory.PARTNER, AcquisitionMethod.EVENTS);
        YearMonth now = TestInsight.currentMonth();
        TestInsight.cost(channels, ch, now.minusMonths(1), "70.00");
        long customer = TestInsight.customer(customers, null);
        io.keyuan.pipeline.PipelineDetail p = io.keyuan.pipeline.TestPipelines.copy(
                pipelines, io.keyuan.pipeline.TestPipelines.FUNNEL_TEMPLATE, "将删漏斗" + io.keyuan.TestData.unique());
        io.keyuan.pipeline.TestPipelines.deal(deals, p.pipeline().id(), customer, "将删", "10", d -> d.setChannelId(ch));
        assertThat(rows(ch)).isEqualTo(2);
        long withoutChannel = dealsWithoutChannel(now);

        long version = SystemActor.call(() -> channels.get(ch)).getVersion();
        SystemActor.run(() -> channels.delete(ch, version));

        assertThat(rows(ch)).isZero();
        assertThat(dealsWithoutChannel(now)).isEqualTo(withoutChannel + 1);
    }

    @Autowired
    io.keyuan.pipeline.PipelineService pipelines;

    @Autowired
    io.keyuan.pipeline.DealService deals;

    private long dealsWithoutChannel(YearMonth month) {
        return jdbc
                .queryForList(
                        "SELECT deals_created FROM insight_channel_month WHERE channel_id = 0 AND month = :month",
                        Map.of("month", ChannelRollup.month(month)),
                        Long.class)
                .stream()
                .findFirst()
                .orElse(0L);
    }

    private long rows(long channelId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM insight_channel_month WHERE channel_id = :ch",
                Map.of("ch", channelId),
                Long.class);
    }
}
