package io.keyuan.pipeline;

import static io.keyuan.pipeline.TestPipelines.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.PipelineReport.Breakdown;
import io.keyuan.pipeline.PipelineReport.StageConversion;
import io.keyuan.pipeline.PipelineReport.StageDuration;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** Report figures checked against a small funnel computed by hand. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "report-manager",
        roles = {"STAFF", "MANAGER"})
class PipelineReportServiceTests {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    PipelineReportService reports;

    @Autowired
    PipelineReportExport reportExport;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    private static final Instant T = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** Moves a deal along the stages (1-based positions), entering each at T + the given days. */
    private void walk(PipelineDetail p, Deal d, int[] positions, int[] days, String lostReason) {
        long version = d.getVersion();
        for (int i = 1; i < positions.length; i++) {
            StageRow to = stage(p, positions[i]);
            DealCard card = to.kind() == StageKind.LOST
                    ? deals.markLost(d.getId(), version, to.id(), lostReason)
                    : deals.move(d.getId(), version, to.id());
            version = card.version();
        }
        for (int i = 0; i < positions.length; i++) {
            jdbc.update(
                    "UPDATE deal_stage_change SET changed_at = ? WHERE deal_id = ? AND to_stage_id = ?",
                    Timestamp.from(T.plus(days[i], ChronoUnit.DAYS)),
                    d.getId(),
                    stage(p, positions[i]).id());
        }
    }

    @Test
    void conversion_time_in_stage_and_win_rates_match_a_hand_computed_funnel() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "报表" + TestData.unique());
        long pid = p.pipeline().id();
        Customer c = TestPipelines.customer(customers, "报表客户" + TestData.unique());
        ChannelSummary x = channels.create(new ChannelDraft(
                "甲渠道" + TestData.unique(), ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true, null));
        ChannelSummary y = channels.create(new ChannelDraft(
                "乙渠道" + TestData.unique(), ChannelCategory.PARTNER, AcquisitionMethod.EVENTS, true, null));
        Deal a = TestPipelines.deal(deals, pid, c.getId(), "A", "1000.00", d -> {
            d.setChannelId(x.id());
            d.setAcquisitionMethod(AcquisitionMethod.REFERRAL);
            d.setOwnerId(11L);
        });
        Deal b = TestPipelines.deal(deals, pid, c.getId(), "B", "500.00", d -> {
            d.setChannelId(x.id());
            d.setAcquisitionMethod(AcquisitionMethod.REFERRAL);
            d.setOwnerId(12L);
        });
        Deal cc = TestPipelines.deal(deals, pid, c.getId(), "C", "200.00", d -> {
            d.setChannelId(y.id());
            d.setAcquisitionMethod(AcquisitionMethod.EVENTS);
            d.setOwnerId(12L);
        });
        Deal old = TestPipelines.deal(deals, pid, c.getId(), "old", "9999.00", d -> d.setChannelId(y.id()));
        // A: 1 → 2 → 3 → won; B: 1 → 2 → lost; C: 1 → lost. Days in stage: A 1, 2, 1; B 3, 2; C 2.
        walk(p, a, new int[] {1, 2, 3, 7}, new int[] {0, 1, 3, 4}, null);
        walk(p, b, new int[] {1, 2, 8}, new int[] {0, 3, 5}, "价格");
        walk(p, cc, new int[] {1, 8}, new int[] {0, 2}, "无需求");
        // Opened long before the period: left out of every figure.
        jdbc.update(
                "UPDATE deal SET created_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(400, ChronoUnit.DAYS)),
                old.getId());
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        PipelineReport r = reports.report(pid, today.minusDays(30), today);

        List<StageConversion> conv = r.conversions();
        assertThat(conv).extracting(StageConversion::reached).containsExactly(3L, 2L, 1L, 0L, 0L, 0L, 1L, 2L);
        assertThat(conv).extracting(StageConversion::reachedNext).containsExactly(2L, 1L, 1L, 0L, 0L, 0L, null, null);
        assertThat(conv).extracting(StageConversion::won).containsExactly(1L, 1L, 1L, 0L, 0L, 0L, 1L, 0L);
        assertThat(conv.get(0).toNextRate()).isEqualTo(2.0 / 3);
        assertThat(conv.get(0).toWonRate()).isEqualTo(1.0 / 3);
        assertThat(conv.get(3).toNextRate()).isNull();

        List<StageDuration> dur = r.durations();
        assertThat(dur).hasSize(6);
        assertThat(dur.get(0).averageDays()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(dur.get(0).visits()).isEqualTo(3);
        assertThat(dur.get(1).averageDays()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(dur.get(1).visits()).isEqualTo(2);
        assertThat(dur.get(2).averageDays()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(dur.get(3).visits()).isZero();

        Breakdown byX = find(r.byChannel(), String.valueOf(x.id()));
        assertThat(byX.deals()).isEqualTo(2);
        assertThat(byX.won()).isEqualTo(1);
        assertThat(byX.lost()).isEqualTo(1);
        assertThat(byX.winRate()).isEqualTo(0.5);
        assertThat(byX.totalValue()).isEqualByComparingTo("1500.00");
        assertThat(byX.wonValue()).isEqualByComparingTo("1000.00");
        Breakdown byY = find(r.byChannel(), String.valueOf(y.id()));
        assertThat(byY.deals()).isEqualTo(1);
        assertThat(byY.winRate()).isEqualTo(0.0);
        assertThat(byY.totalValue()).isEqualByComparingTo("200.00");
        assertThat(find(r.byMethod(), "REFERRAL").winRate()).isEqualTo(0.5);
        assertThat(find(r.byMethod(), "EVENTS").lost()).isEqualTo(1);
        assertThat(find(r.byOwner(), "11").wonValue()).isEqualByComparingTo("1000.00");
        assertThat(find(r.byOwner(), "12").deals()).isEqualTo(2);
        assertThat(find(r.byOwner(), "12").winRate()).isEqualTo(0.0);

        // The same report as a workbook: a sheet per section, rates in percent, names instead of ids.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        reportExport.export(pid, today.minusDays(30), today, java.util.Locale.SIMPLIFIED_CHINESE, out);
        try (var wb =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(5);
            var funnel = wb.getSheetAt(0);
            assertThat(funnel.getRow(0).getCell(1).getStringCellValue()).isEqualTo("到达");
            assertThat(funnel.getLastRowNum()).isEqualTo(8);
            assertThat(funnel.getRow(1).getCell(0).getStringCellValue()).isEqualTo("所有目标对象");
            assertThat(funnel.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(funnel.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(66.7);
            assertThat(funnel.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(33.3);
            var byChannel = wb.getSheetAt(2);
            boolean found = false;
            for (var row : byChannel) {
                if (row.getRowNum() > 0 && x.name().equals(row.getCell(0).getStringCellValue())) {
                    assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(2.0);
                    assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(50.0);
                    assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(1500.0);
                    found = true;
                }
            }
            assertThat(found).isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void time_in_stage_agrees_with_lead_over_each_deals_history_including_deals_still_there() {
        PipelineDetail p = pipelines.copy(TestPipelines.FUNNEL_TEMPLATE, "LEAD" + TestData.unique());
        long pid = p.pipeline().id();
        Customer c = TestPipelines.customer(customers, "LEAD客户" + TestData.unique());
        Deal a = TestPipelines.deal(deals, pid, c.getId(), "A", "1");
        Deal b = TestPipelines.deal(deals, pid, c.getId(), "B", "1");
        Deal back = TestPipelines.deal(deals, pid, c.getId(), "back", "1");
        walk(p, a, new int[] {1, 2, 3}, new int[] {0, 2, 7}, null);
        walk(p, b, new int[] {1, 2}, new int[] {1, 4}, null);
        // 1 → 2 → 1 → 2: two stays in each of the first two stages, the last one still running.
        DealCard m1 = deals.move(back.getId(), back.getVersion(), stage(p, 2).id());
        DealCard m2 = deals.move(back.getId(), m1.version(), stage(p, 1).id());
        deals.move(back.getId(), m2.version(), stage(p, 2).id());
        List<Long> ids = jdbc.queryForList(
                "SELECT id FROM deal_stage_change WHERE deal_id = ? ORDER BY id", Long.class, back.getId());
        for (int i = 0; i < ids.size(); i++) {
            jdbc.update(
                    "UPDATE deal_stage_change SET changed_at = ? WHERE id = ?",
                    Timestamp.from(T.plus(new int[] {0, 1, 3, 6}[i], ChronoUnit.DAYS)),
                    ids.get(i));
        }
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        List<StageDuration> dur =
                reports.report(pid, today.minusDays(30), today).durations();

        List<java.util.Map<String, Object>> lead = jdbc.queryForList("""
                SELECT x.stage_id, AVG(TIMESTAMPDIFF(SECOND, x.changed_at, COALESCE(x.left_at, UTC_TIMESTAMP(6))))
                    / 86400 days, COUNT(*) visits
                FROM (SELECT h.to_stage_id stage_id, h.changed_at,
                        LEAD(h.changed_at) OVER (PARTITION BY h.deal_id ORDER BY h.changed_at, h.id) left_at
                      FROM deal d JOIN deal_stage_change h ON h.deal_id = d.id WHERE d.pipeline_id = ?) x
                GROUP BY x.stage_id""", pid);
        assertThat(lead).hasSize(3);
        for (var row : lead) {
            long stageId = ((Number) row.get("stage_id")).longValue();
            StageDuration d = dur.stream()
                    .filter(x -> x.stage().id() == stageId)
                    .findFirst()
                    .orElseThrow();
            assertThat(d.visits()).isEqualTo(((Number) row.get("visits")).longValue());
            assertThat(d.averageDays())
                    .isCloseTo(((Number) row.get("days")).doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(dur.get(0).visits()).isEqualTo(4);
    }

    @Test
    void a_period_must_be_complete_and_in_order() {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);

        assertThatThrownBy(() -> reports.report(TestPipelines.FUNNEL_TEMPLATE, today, today.minusDays(1)))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pipeline.report.error.period-order"));
        assertThatThrownBy(() -> reports.report(TestPipelines.FUNNEL_TEMPLATE, null, today))
                .isInstanceOf(KeyuanException.class);
    }

    private static Breakdown find(List<Breakdown> rows, String key) {
        return rows.stream().filter(b -> key.equals(b.key())).findFirst().orElseThrow();
    }
}
