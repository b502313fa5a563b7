package io.keyuan.insight;

import static io.keyuan.insight.TestInsight.buy;
import static io.keyuan.insight.TestInsight.cost;
import static io.keyuan.insight.TestInsight.currentMonth;
import static io.keyuan.insight.TestInsight.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchaseReturn;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Every figure of the channel report against a case worked out by hand (docs/insight.md has the same case). Channel
 * X spends 1,000 in month M0 and 500 in M1 (M0 is 14 months ago). A buys 300 in M0, 200 in M1 (50 of it returned),
 * 100 in M0+11 and 999 in M0+12; B buys 100 in M0; C buys 80 in M1; D is a prospect who has bought nothing. A and
 * B count as acquired in M0 and C in M1 (their first purchases, earlier than their records), D this month.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "insight-manager",
        roles = {"MANAGER", "STAFF"})
class ChannelPerformanceTests {
    @Autowired
    ChannelPerformanceService reports;

    @Autowired
    ChannelReportExport export;

    @Autowired
    ChannelRollup rollup;

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerService customers;

    @Autowired
    PurchaseReturns returns;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    YearMonth now;
    YearMonth m0;
    YearMonth m1;
    long x;

    @BeforeEach
    void handCase() {
        now = currentMonth();
        m0 = now.minusMonths(14);
        m1 = m0.plusMonths(1);
        x = TestInsight.channel(channels, "推广X", ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING);
        cost(channels, x, m0, "1000.00");
        cost(channels, x, m1, "500.00");
        long a = customer(customers, x);
        buy(customers, a, m0.atDay(5), "300.00");
        long returned = buy(customers, a, m1.atDay(5), "200.00");
        SystemActor.run(
                () -> returns.record(new NewPurchaseReturn(returned, m1.atDay(9), 0, new BigDecimal("50.00"), "部分退款")));
        buy(customers, a, m0.plusMonths(11).atDay(5), "100.00");
        buy(customers, a, m0.plusMonths(12).atDay(5), "999.00");
        long b = customer(customers, x);
        buy(customers, b, m0.atDay(20), "100.00");
        long c = customer(customers, x);
        buy(customers, c, m1.atDay(1), "80.00");
        customer(customers, x);
        // This month: two deals of X's customers, one won.
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "洞察漏斗" + TestData.unique());
        Deal won = TestPipelines.deal(deals, p.pipeline().id(), a, "赢", "100");
        TestPipelines.deal(deals, p.pipeline().id(), b, "开", "100");
        SystemActor.call(() -> deals.win(
                won.getId(), won.getVersion(), TestPipelines.stage(p, 7).id(), null));
        if (rollup.state().asOf() == null) {
            TestInsight.rebuild(rollup);
        }
    }

    private ChannelReport report(YearMonth from, YearMonth to, ChannelReportGrouping by) {
        return reports.report(new ChannelReportQuery(from, to, by, x));
    }

    @Test
    void the_period_of_a_channel_gives_cac_roi_ltv_ltv_to_cac_payback_and_conversion() {
        for (boolean rebuilt : List.of(false, true)) {
            if (rebuilt) {
                TestInsight.rebuild(rollup);
            }
            ChannelReport r = report(m0, m1, ChannelReportGrouping.CHANNEL);
            assertThat(r.empty()).isNull();
            assertThat(r.rows()).hasSize(1);
            ChannelFigures f = r.rows().getFirst();
            assertThat(f.group().channelId()).isEqualTo(x);
            assertThat(f.newCustomers()).as("A, B in M0 and C in M1").isEqualTo(3);
            assertThat(f.convertedCustomers()).isEqualTo(3);
            assertThat(f.conversionRate()).isEqualByComparingTo("1");
            assertThat(f.purchases()).isEqualTo(4);
            assertThat(f.revenue()).as("300 + (200 − 50) + 100 + 80").isEqualByComparingTo("630.00");
            assertThat(f.cost()).isEqualByComparingTo("1500.00");
            assertThat(f.cac()).as("1500 / 3").isEqualByComparingTo("500.00");
            assertThat(f.roi()).as("(630 − 1500) / 1500").isEqualByComparingTo("-0.5800");
            assertThat(f.ltv())
                    .as("(300 + 150 + 100 + 100 + 80) / 3; the 999 is A's 13th month")
                    .isEqualByComparingTo("243.33");
            assertThat(f.ltvPartial()).isFalse();
            assertThat(f.ltvToCac()).as("730 / 1500").isEqualByComparingTo("0.49");
            assertThat(f.paybackMonths())
                    .as("cumulative 480, 630, …, 730 after 12 months, 1729 in the 13th ≥ 1500")
                    .isEqualTo(13);
            assertThat(f.deals()).isZero();
            assertThat(f.winRate()).as("no deals opened in the period").isNull();
            assertThat(r.total().revenue()).isEqualByComparingTo("630.00");
        }
    }

    @Test
    void by_month_each_acquisition_cohort_has_its_own_cac_ltv_and_payback() {
        ChannelReport r = report(m0, m1, ChannelReportGrouping.MONTH);

        assertThat(r.rows()).extracting(f -> f.group().month()).containsExactly(m0, m1);
        ChannelFigures first = r.rows().get(0);
        assertThat(first.newCustomers()).isEqualTo(2);
        assertThat(first.cac()).isEqualByComparingTo("500.00");
        assertThat(first.revenue()).isEqualByComparingTo("400.00");
        assertThat(first.roi()).as("(400 − 1000) / 1000").isEqualByComparingTo("-0.6000");
        assertThat(first.ltv()).as("(300 + 150 + 100 + 100) / 2").isEqualByComparingTo("325.00");
        assertThat(first.ltvToCac()).as("650 / 1000").isEqualByComparingTo("0.65");
        assertThat(first.paybackMonths())
                .as("400, 550, …, 650, then 1649 ≥ 1000")
                .isEqualTo(13);
        ChannelFigures second = r.rows().get(1);
        assertThat(second.newCustomers()).isEqualTo(1);
        assertThat(second.cac()).isEqualByComparingTo("500.00");
        assertThat(second.revenue()).as("A's 150 and C's 80 in M1").isEqualByComparingTo("230.00");
        assertThat(second.roi()).as("(230 − 500) / 500").isEqualByComparingTo("-0.5400");
        assertThat(second.ltv()).isEqualByComparingTo("80.00");
        assertThat(second.ltvToCac()).as("80 / 500").isEqualByComparingTo("0.16");
        assertThat(second.paybackMonths()).as("80 never reaches 500").isNull();
    }

    @Test
    void this_month_has_the_prospect_and_the_deals_but_no_cost_so_cac_and_roi_are_null() {
        ChannelReport r = report(now, now, ChannelReportGrouping.CHANNEL);

        ChannelFigures f = r.rows().getFirst();
        assertThat(f.newCustomers()).as("D").isEqualTo(1);
        assertThat(f.convertedCustomers()).isZero();
        assertThat(f.conversionRate()).isEqualByComparingTo("0");
        assertThat(f.deals()).isEqualTo(2);
        assertThat(f.dealsWon()).isEqualTo(1);
        assertThat(f.winRate()).isEqualByComparingTo("0.5");
        assertThat(f.cost()).isEqualByComparingTo("0");
        assertThat(f.cac()).isNull();
        assertThat(f.roi()).isNull();
        assertThat(f.ltvToCac()).isNull();
        assertThat(f.paybackMonths()).isNull();
        assertThat(f.ltv()).isEqualByComparingTo("0.00");
        assertThat(f.ltvPartial()).as("D has had less than 12 months").isTrue();
    }

    @Test
    void by_category_and_method_the_channel_falls_under_its_own_and_the_others_show_nothing() {
        ChannelReport byCategory = report(m0, m1, ChannelReportGrouping.CATEGORY);
        assertThat(byCategory.rows()).hasSize(ChannelCategory.values().length);
        ChannelFigures promotion = byCategory.rows().stream()
                .filter(f -> f.group().category() == ChannelCategory.PROMOTION)
                .findFirst()
                .orElseThrow();
        assertThat(promotion.cac()).isEqualByComparingTo("500.00");
        ChannelFigures natural = byCategory.rows().stream()
                .filter(f -> f.group().category() == ChannelCategory.NATURAL)
                .findFirst()
                .orElseThrow();
        assertThat(natural.newCustomers()).isZero();
        assertThat(natural.cac()).isNull();
        assertThat(natural.conversionRate()).isNull();
        assertThat(natural.ltv()).isNull();

        ChannelReport byMethod = report(m0, m1, ChannelReportGrouping.METHOD);
        assertThat(byMethod.rows().stream()
                        .filter(f -> f.group().method() == AcquisitionMethod.ADVERTISING)
                        .findFirst()
                        .orElseThrow()
                        .roi())
                .isEqualByComparingTo("-0.5800");
    }

    @Test
    void a_future_period_is_empty_and_says_so() {
        ChannelReport r = report(now.plusMonths(1), now.plusMonths(3), ChannelReportGrouping.CHANNEL);

        assertThat(r.empty()).isEqualTo(ChannelReport.Empty.FUTURE);
        assertThat(r.rows()).isEmpty();
        assertThat(r.total()).isNull();
    }

    @Test
    void a_period_reaching_into_the_future_stops_at_this_month() {
        ChannelReport r = report(now, now.plusMonths(2), ChannelReportGrouping.MONTH);

        assertThat(r.to()).isEqualTo(now);
        assertThat(r.endsEarly()).isTrue();
        assertThat(r.rows()).hasSize(1);
    }

    @Test
    void a_period_with_nothing_in_it_is_empty_and_says_so() {
        ChannelReport r = report(now.minusMonths(60), now.minusMonths(50), ChannelReportGrouping.CHANNEL);

        assertThat(r.empty()).isEqualTo(ChannelReport.Empty.NO_DATA);
        assertThat(r.rows()).isEmpty();
    }

    @Test
    void a_channel_with_customers_but_no_cost_has_ltv_but_no_cac_roi_or_payback() {
        long y = TestInsight.channel(channels, "口碑Y", ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL);
        long c = customer(customers, y);
        buy(customers, c, m0.atDay(3), "120.00");

        ChannelFigures f = reports.report(new ChannelReportQuery(m0, m1, ChannelReportGrouping.CHANNEL, y))
                .rows()
                .getFirst();

        assertThat(f.newCustomers()).isEqualTo(1);
        assertThat(f.ltv()).isEqualByComparingTo("120.00");
        assertThat(f.cac()).isNull();
        assertThat(f.roi()).isNull();
        assertThat(f.ltvToCac()).isNull();
        assertThat(f.paybackMonths()).isNull();
    }

    @Test
    void a_channel_with_cost_but_no_customers_has_roi_but_no_cac_or_ltv() {
        long z = TestInsight.channel(channels, "展会Z", ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR);
        cost(channels, z, m0, "800.00");

        ChannelFigures f = reports.report(new ChannelReportQuery(m0, m0, ChannelReportGrouping.CHANNEL, z))
                .rows()
                .getFirst();

        assertThat(f.cost()).isEqualByComparingTo("800.00");
        assertThat(f.roi()).as("(0 − 800) / 800").isEqualByComparingTo("-1");
        assertThat(f.cac()).isNull();
        assertThat(f.ltv()).isNull();
        assertThat(f.ltvToCac()).isNull();
        assertThat(f.paybackMonths()).isNull();
        assertThat(f.conversionRate()).isNull();
    }

    @Test
    void a_cost_removed_and_a_purchase_deleted_leave_the_figures_at_once() {
        long w = TestInsight.channel(channels, "在线W", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH);
        cost(channels, w, m0, "300.00");
        long c = customer(customers, w);
        long p = buy(customers, c, m0.atDay(2), "90.00");
        ChannelReportQuery q = new ChannelReportQuery(m0, m0, ChannelReportGrouping.CHANNEL, w);
        assertThat(reports.report(q).rows().getFirst().cac()).isEqualByComparingTo("300.00");

        SystemActor.run(() -> customers.deletePurchase(p));
        long costId = SystemActor.call(() -> channels.costs(w)).getFirst().id();
        SystemActor.run(() -> channels.deleteCost(costId));

        assertThat(reports.report(q).empty())
                .as("the customer now counts as acquired this month; nothing is left in M0")
                .isEqualTo(ChannelReport.Empty.NO_DATA);
        assertThat(reports.report(new ChannelReportQuery(now, now, ChannelReportGrouping.CHANNEL, w))
                        .rows()
                        .getFirst()
                        .newCustomers())
                .isEqualTo(1);
    }

    @Test
    void bad_periods_are_refused_with_a_message() {
        assertThatThrownBy(() -> reports.report(new ChannelReportQuery(null, now, ChannelReportGrouping.CHANNEL, null)))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-required"));
        assertThatThrownBy(() -> reports.report(new ChannelReportQuery(m1, m0, ChannelReportGrouping.CHANNEL, null)))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-order"));
        assertThatThrownBy(() -> reports.report(
                        new ChannelReportQuery(now.minusMonths(120), now, ChannelReportGrouping.CHANNEL, null)))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-too-long"));
        assertThat(reports.report(new ChannelReportQuery(now.minusMonths(119), now, ChannelReportGrouping.CHANNEL, x))
                        .empty())
                .as("120 months are allowed")
                .isNull();
    }

    @Test
    void the_mix_gives_each_month_its_new_customers_and_revenue_from_the_rollups() {
        for (boolean rebuilt : List.of(false, true)) {
            if (rebuilt) {
                TestInsight.rebuild(rollup);
            }
            ChannelMix mix =
                    reports.mix(new ChannelReportQuery(m0, m1.plusMonths(1), ChannelReportGrouping.CHANNEL, x));
            assertThat(mix.empty()).isNull();
            assertThat(mix.groups()).extracting(ChannelFigures.Group::channelId).containsExactly(x);
            assertThat(mix.months()).extracting(ChannelMix.Month::month).containsExactly(m0, m1, m1.plusMonths(1));
            ChannelMix.Month first = mix.months().getFirst();
            assertThat(first.customers()).as("A and B").containsExactly(2L);
            assertThat(first.revenue().getFirst()).as("300 + 100").isEqualByComparingTo("400.00");
            assertThat(first.share(ChannelMix.Measure.CUSTOMERS, 0)).isEqualByComparingTo("1");
            ChannelMix.Month second = mix.months().get(1);
            assertThat(second.customers()).as("C").containsExactly(1L);
            assertThat(second.revenue().getFirst()).as("(200 − 50) + 80").isEqualByComparingTo("230.00");
            ChannelMix.Month quiet = mix.months().get(2);
            assertThat(quiet.customers()).containsExactly(0L);
            assertThat(quiet.share(ChannelMix.Measure.REVENUE, 0))
                    .as("nothing to share: —")
                    .isNull();
        }
        ChannelMix byCategory = reports.mix(new ChannelReportQuery(m0, m1, ChannelReportGrouping.CATEGORY, x));
        assertThat(byCategory.groups())
                .extracting(ChannelFigures.Group::category)
                .containsExactly(ChannelCategory.PROMOTION);
        assertThat(reports.mix(new ChannelReportQuery(now.plusMonths(1), now.plusMonths(1), null, x))
                        .empty())
                .isEqualTo(ChannelReport.Empty.FUTURE);
        YearMonth old = m0.minusYears(6);
        assertThat(reports.mix(new ChannelReportQuery(old, old, null, x)).empty())
                .isEqualTo(ChannelReport.Empty.NO_DATA);
    }

    @Test
    void the_workbook_holds_the_rows_and_the_total() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = export.export(new ChannelReportQuery(m0, m1, ChannelReportGrouping.MONTH, x), Locale.ENGLISH, out);

        assertThat(rows)
                .as("M0, M1 and the total; the mix sheet's M0 and M1 of X")
                .isEqualTo(5);
        List<List<String>> sheet = new java.util.ArrayList<>();
        io.keyuan.exchange.WorkbookRows.read(new java.io.ByteArrayInputStream(out.toByteArray()), cells -> {
            sheet.add(java.util.Arrays.asList(cells));
            return true;
        });
        assertThat(sheet.getFirst()).contains("Group", "CAC", "ROI (%)", "12-month LTV", "Payback");
        assertThat(sheet.get(1).getFirst()).isEqualTo(m0.toString());
        assertThat(sheet.get(3).getFirst()).isEqualTo("Total");
    }

    @Test
    @WithMockUser(username = "insight-staff", roles = "STAFF")
    void staff_may_not_read_the_channel_report_export_it_or_rebuild_it() {
        ChannelReportQuery q = ChannelReportQuery.lastTwelveMonths(now);
        assertThatThrownBy(() -> reports.report(q)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.status()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reports.startRebuild()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> export.export(q, Locale.ENGLISH, new ByteArrayOutputStream()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
