package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.insight.InsightSummaries.ChannelWin;
import io.keyuan.insight.InsightSummaries.Funnel;
import io.keyuan.insight.InsightSummaries.FunnelStage;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.domain.Deal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** The summaries against small cases computed by hand. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "summary-manager",
        roles = {"STAFF", "MANAGER"})
class InsightSummariesTests {
    @Autowired
    InsightSummaries summaries;

    @Autowired
    SummaryExport export;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TierRevenueRollup rollup;

    static final long FUNNEL_TEMPLATE = 1;

    private static BigDecimal pct(String v) {
        return new BigDecimal(v);
    }

    private Deal deal(long pipelineId, long customerId, Long channelId, String title) {
        Deal d = new Deal();
        d.setPipelineId(pipelineId);
        d.setCustomerId(customerId);
        d.setTitle(title);
        d.setValue(new BigDecimal("100.00"));
        d.setChannelId(channelId);
        return deals.save(d);
    }

    /** Moves a deal along the stages at these 1-based positions (the first is where it opened). */
    private void walk(PipelineDetail p, Deal d, int... positions) {
        long version = d.getVersion();
        for (int i = 1; i < positions.length; i++) {
            StageRow to = p.stages().get(positions[i] - 1);
            DealCard card = to.kind() == StageKind.LOST
                    ? deals.markLost(d.getId(), version, to.id(), "价格")
                    : deals.move(d.getId(), version, to.id());
            version = card.version();
        }
    }

    @Test
    void the_funnel_counts_stage_conversion_and_win_rates_overall_and_by_channel() {
        PipelineDetail p = pipelines.copy(FUNNEL_TEMPLATE, "汇总漏斗" + TestData.unique());
        long pid = p.pipeline().id();
        long x = TestInsight.channel(channels, "漏斗甲", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH);
        long y = TestInsight.channel(channels, "漏斗乙", ChannelCategory.PARTNER, AcquisitionMethod.EVENTS);
        long c = TestInsight.customer(customers, null);
        // A: 1 → 2 → 3 → won; B: 1 → 2 → lost; C: 1 → lost; D opened and still in stage 1.
        walk(p, deal(pid, c, x, "A"), 1, 2, 3, 7);
        walk(p, deal(pid, c, x, "B"), 1, 2, 8);
        walk(p, deal(pid, c, y, "C"), 1, 8);
        deal(pid, c, null, "D");
        YearMonth now = TestInsight.currentMonth();

        Funnel f = summaries.funnel(new SummaryQuery(now, now, pid, null, null), Locale.SIMPLIFIED_CHINESE);

        assertThat(f.pipeline().id()).isEqualTo(pid);
        assertThat(f.stages()).extracting(FunnelStage::reached).containsExactly(4L, 2L, 1L, 0L, 0L, 0L, 1L, 2L);
        assertThat(f.stages()).extracting(FunnelStage::wentOn).containsExactly(2L, 1L, 1L, 0L, 0L, 0L, null, null);
        // 2 of 4, 1 of 2, 1 of 1; nobody reached stage 4, so its share is "—", not 0 ÷ 0
        assertThat(f.stages())
                .extracting(FunnelStage::toNextPercent)
                .containsExactly(pct("50.0"), pct("50.0"), pct("100.0"), null, null, null, null, null);
        assertThat(f.stages().getFirst().name()).isEqualTo("所有目标对象");
        assertThat(f.deals()).isEqualTo(4);
        assertThat(f.won()).isEqualTo(1);
        assertThat(f.lost()).isEqualTo(2);
        assertThat(f.winPercent()).as("won ÷ closed = 1 ÷ 3").isEqualTo(pct("33.3"));
        ChannelWin wx = win(f, x);
        assertThat(wx.deals()).isEqualTo(2);
        assertThat(wx.winPercent()).isEqualTo(pct("50.0"));
        assertThat(win(f, y).winPercent()).isEqualTo(pct("0.0"));
        ChannelWin none = win(f, null);
        assertThat(none.open()).isEqualTo(1);
        assertThat(none.winPercent()).as("nothing closed").isNull();
        assertThat(none.name()).isEqualTo("无来源渠道");

        Funnel onlyX = summaries.funnel(new SummaryQuery(now, now, pid, null, x), Locale.ENGLISH);
        assertThat(onlyX.stages()).extracting(FunnelStage::reached).containsExactly(2L, 2L, 1L, 0L, 0L, 0L, 1L, 1L);
        assertThat(onlyX.winPercent()).isEqualTo(pct("50.0"));
        assertThat(onlyX.byChannel()).extracting(ChannelWin::channelId).containsExactly(x);
        assertThat(onlyX.stages().getFirst().name()).isEqualTo("All targets");

        // the workbook: a sheet per table, percentages as numbers, "—" figures as empty cells
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.export(SummaryTab.FUNNEL, new SummaryQuery(now, now, pid, null, null), Locale.SIMPLIFIED_CHINESE, out);
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            var stages = wb.getSheetAt(0);
            assertThat(stages.getRow(0).getCell(4).getStringCellValue()).isEqualTo("进入下一阶段比例 (%)");
            assertThat(stages.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(4.0);
            assertThat(stages.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(50.0);
            var s4 = stages.getRow(4).getCell(4);
            assertThat(s4 == null || s4.getStringCellValue().isEmpty()).isTrue();
            var byChannel = wb.getSheetAt(1);
            var total = byChannel.getRow(byChannel.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(5).getNumericCellValue()).isEqualTo(33.3);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_pipeline_without_deals_in_the_period_says_so() {
        PipelineDetail p = pipelines.copy(FUNNEL_TEMPLATE, "空漏斗" + TestData.unique());
        YearMonth old = TestInsight.currentMonth().minusYears(3);
        SummaryQuery q = new SummaryQuery(old, old, p.pipeline().id(), null, null);
        Funnel f = summaries.funnel(q, Locale.ENGLISH);
        assertThat(f.empty()).isTrue();
        assertThat(f.winPercent()).isNull();
        assertThat(summaries.funnelEmpty(f, q, Locale.ENGLISH)).contains("No deals were opened", old.toString());
        assertThat(summaries.tables(SummaryTab.FUNNEL, q, Locale.ENGLISH).empty())
                .isNotNull();
    }

    @Test
    void a_period_must_be_whole_and_in_order() {
        YearMonth now = TestInsight.currentMonth();
        assertThatThrownBy(() -> summaries.funnel(new SummaryQuery(now, now.minusMonths(1), null, null, null), null))
                .hasMessageContaining("insight.error.period-order");
        assertThatThrownBy(() -> summaries.funnel(new SummaryQuery(null, now, null, null, null), null))
                .hasMessageContaining("insight.error.period-required");
    }

    @Test
    @WithMockUser(username = "summary-staff", roles = "STAFF")
    void staff_may_not_read_or_export_the_summaries() {
        YearMonth now = TestInsight.currentMonth();
        SummaryQuery q = new SummaryQuery(now, now, null, null, null);
        assertThatThrownBy(() -> summaries.funnel(q, Locale.ENGLISH)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> summaries.pipelines()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> summaries.tables(SummaryTab.FUNNEL, q, Locale.ENGLISH))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> summaries.tierRevenue(q, Locale.ENGLISH)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> summaries.satisfaction(q, Locale.ENGLISH)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> summaries.segmentSizes(q, Locale.ENGLISH)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rollup.startRebuild()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> export.export(SummaryTab.FUNNEL, q, Locale.ENGLISH, new ByteArrayOutputStream()))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static ChannelWin win(Funnel f, Long channelId) {
        List<ChannelWin> found = f.byChannel().stream()
                .filter(w -> java.util.Objects.equals(w.channelId(), channelId))
                .toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}
