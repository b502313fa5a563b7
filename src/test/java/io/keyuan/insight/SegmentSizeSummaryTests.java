package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.insight.InsightSummaries.SegmentMonth;
import io.keyuan.insight.InsightSummaries.SegmentSizes;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.survey.TestSurveys;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Segment sizes at month ends after entries and exits: a segment of the customers of one city is refreshed with 3
 * members (3 entries) in M1; one moves away and two move in, and the refresh in M3 leaves 4 (2 entries, 1 exit).
 * Month ends M0 .. M4: — (never refreshed yet), 3, 3 (no refresh in M2: the last size stays), 4, 4.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "summary-manager",
        roles = {"STAFF", "MANAGER"})
class SegmentSizeSummaryTests {
    @Autowired
    ApplicationContext context;

    @Autowired
    InsightSummaries summaries;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void members_at_each_month_end_follow_the_refreshes_entries_and_exits() {
        TestSurveys fixtures = TestSurveys.from(context);
        TestSurveys.World world = fixtures.segmentOf(3);
        long segment = world.segment().id();
        SystemActor.run(() -> {
            Customer away = customers.get(world.members().getFirst().getId());
            away.setCity("别处" + TestData.unique());
            customers.save(away);
            for (int i = 0; i < 2; i++) {
                Customer c = new Customer();
                c.setName("迁入" + TestData.unique());
                c.setCity(world.city());
                customers.save(c);
            }
        });
        fixtures.refresh(world.ruleSetId());
        List<Long> runs = jdbc.queryForList(
                "SELECT run_id FROM segment_refresh_count WHERE segment_id = ? ORDER BY run_id", Long.class, segment);
        assertThat(runs).hasSize(2);
        YearMonth m1 = TestInsight.currentMonth().minusMonths(20);
        YearMonth m3 = m1.plusMonths(2);
        at(runs.get(0), m1);
        at(runs.get(1), m3);

        SegmentSizes s = summaries.segmentSizes(
                new SummaryQuery(m1.minusMonths(1), m3.plusMonths(1), null, segment, null), Locale.ENGLISH);

        assertThat(s.rows()).extracting(SegmentMonth::segmentId).containsOnly(segment);
        assertThat(s.rows())
                .extracting(SegmentMonth::month)
                .containsExactly(m1.minusMonths(1), m1, m1.plusMonths(1), m3, m3.plusMonths(1));
        assertThat(s.rows()).extracting(SegmentMonth::members).containsExactly(null, 3L, 3L, 4L, 4L);
        assertThat(s.rows()).extracting(SegmentMonth::entered).containsExactly(0L, 3L, 0L, 2L, 0L);
        assertThat(s.rows()).extracting(SegmentMonth::exited).containsExactly(0L, 0L, 0L, 1L, 0L);
        assertThat(s.rows().getFirst().segment())
                .endsWith(" › " + world.segment().name());
        assertThat(s.empty()).isFalse();
        var table = summaries.segmentTables(s, Locale.ENGLISH).getFirst();
        assertThat(table.rows().get(3)).containsExactly(s.rows().get(3).segment(), m3.toString(), 4L, 2L, 1L);
        assertThat(table.rows().getFirst().get(2))
                .as("before the first refresh: —")
                .isNull();

        YearMonth before = m1.minusMonths(6);
        SegmentSizes none =
                summaries.segmentSizes(new SummaryQuery(before, before, null, segment, null), Locale.ENGLISH);
        assertThat(none.empty()).isTrue();
        assertThat(summaries.segmentEmpty(none, new SummaryQuery(before, before, null, segment, null), Locale.ENGLISH))
                .contains(before.toString());
    }

    private void at(long runId, YearMonth month) {
        jdbc.update(
                "UPDATE segment_refresh_run SET started_at = ?, finished_at = ? WHERE id = ?",
                Timestamp.from(
                        month.atDay(12).atTime(3, 0).atZone(BusinessTime.ZONE).toInstant()),
                Timestamp.from(
                        month.atDay(12).atTime(3, 5).atZone(BusinessTime.ZONE).toInstant()),
                runId);
    }
}
