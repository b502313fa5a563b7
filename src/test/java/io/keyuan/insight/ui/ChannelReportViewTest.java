package io.keyuan.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.insight.ChannelPerformanceService;
import io.keyuan.insight.ChannelReport;
import io.keyuan.insight.ChannelReportGrouping;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ChannelReportViewTest extends KeyuanViewTest {
    @Autowired
    ChannelService channels;

    @Autowired
    CustomerService customers;

    @Autowired
    ChannelPerformanceService reports;

    @Autowired
    JobService jobs;

    YearMonth m0;
    long channelId;
    String channelName;

    /** A channel that spent 600 in M0 (five months ago) on two customers who bought 150 and 90 that month. */
    @BeforeEach
    void channelWithCostAndCustomers() {
        m0 = YearMonth.now(BusinessTime.ZONE).minusMonths(5);
        channelName = "报表渠道" + TestData.unique();
        channelId = SystemActor.call(() -> channels.create(new ChannelDraft(
                        channelName, ChannelCategory.PROMOTION, AcquisitionMethod.ADVERTISING, true, null)))
                .id();
        SystemActor.run(() -> channels.setCost(channelId, m0, new BigDecimal("600.00"), null));
        for (String amount : new String[] {"150.00", "90.00"}) {
            Customer c = new Customer();
            c.setName("报表客户" + TestData.unique());
            c.setSourceChannelId(channelId);
            long id = SystemActor.call(() -> customers.save(c)).getId();
            Purchase p = new Purchase();
            p.setPurchaseDate(m0.atDay(10));
            p.setProduct("报表产品");
            p.setQuantity(1);
            p.setAmount(new BigDecimal(amount));
            p.setChannel(SalesChannel.STORE);
            SystemActor.run(() -> customers.addPurchase(id, p));
        }
        if (SystemActor.call(() -> reports.status()).asOf() == null) {
            SystemActor.run(() -> jobs.await(reports.startRebuild(), Duration.ofMinutes(1)));
        }
    }

    private ChannelReportView openReport(String query) {
        // as a browser opens a bookmarked address
        UI.getCurrent().navigate("insight/channels", com.vaadin.flow.router.QueryParameters.fromString(query));
        return $(ChannelReportView.class).single();
    }

    @Test
    @AsManager
    void the_address_sets_period_grouping_and_channel_and_the_grid_shows_the_figures_with_dashes_for_nulls() {
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0 + "&by=CHANNEL&channel=" + channelId);

        assertThat(view.from.getValue()).isEqualTo(m0);
        assertThat(view.by.getValue()).isEqualTo(ChannelReportGrouping.CHANNEL);
        assertThat(view.channel.getValue()).isEqualTo(channelId);
        var grid = test(view.grid);
        assertThat(grid.size()).as("the channel and the total").isEqualTo(2);
        assertThat(grid.getCellText(0, 0)).isEqualTo(channelName);
        assertThat(grid.getCellText(0, 1)).isEqualTo("2");
        assertThat(grid.getCellText(0, 2)).isEqualTo("100%");
        assertThat(grid.getCellText(0, 3)).as("no deals").isEqualTo("0");
        assertThat(grid.getCellText(0, 4)).as("win rate without deals").isEqualTo("—");
        assertThat(grid.getCellText(0, 5)).isEqualTo("¥240.00");
        assertThat(grid.getCellText(0, 6)).isEqualTo("¥600.00");
        assertThat(grid.getCellText(0, 7)).as("CAC 600 / 2").isEqualTo("¥300.00");
        assertThat(grid.getCellText(0, 8)).as("ROI (240 − 600) / 600").isEqualTo("-60%");
        assertThat(grid.getCellText(0, 9))
                .as("LTV 240 / 2, under 12 months so far")
                .isEqualTo("¥120.00 *");
        assertThat(grid.getCellText(0, 10)).isEqualTo("0.40×");
        assertThat(grid.getCellText(0, 11)).as("not paid back yet").isEqualTo("—");
        assertThat(grid.getCellText(1, 0)).isEqualTo(t("insight.report.total"));
        // the chart draws the rows (not the total) as the grid has them: revenue against cost
        assertThat(view.chart.isVisible()).isTrue();
        assertThat(view.chart.spec().categories()).containsExactly(channelName);
        assertThat(view.chart.spec().series())
                .extracting(io.keyuan.shared.ui.ChartSpec.Series::name)
                .containsExactly(t("insight.report.revenue"), t("insight.report.cost"));
        assertThat(view.chart.optionJson()).contains("240", "600");
        assertThat(view.empty.isVisible()).isFalse();
        assertThat(view.status.getText()).isNotBlank().doesNotContain("!");
    }

    @Test
    @AsManager
    void the_mix_stacks_new_customers_or_revenue_per_channel_by_month_with_its_table_and_the_switch_in_the_address() {
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0.plusMonths(1) + "&channel=" + channelId);

        assertThat(view.mixMeasure.getValue()).isEqualTo(io.keyuan.insight.ChannelMix.Measure.CUSTOMERS);
        assertThat(view.mixChart.isVisible()).isTrue();
        assertThat(view.mixChart.spec().kind()).isEqualTo(io.keyuan.shared.ui.ChartSpec.Kind.STACKED_BAR);
        assertThat(view.mixChart.spec().categories())
                .containsExactly(m0.toString(), m0.plusMonths(1).toString());
        assertThat(view.mixChart.spec().series())
                .extracting(io.keyuan.shared.ui.ChartSpec.Series::name)
                .containsExactly(channelName);
        assertThat(view.mixChart.optionJson()).contains("\"stack\":\"all\"");
        var table = test(view.mixGrid);
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.getCellText(0, 0)).isEqualTo(m0.toString());
        assertThat(table.getCellText(0, 1)).isEqualTo("2 (100%)");
        assertThat(table.getCellText(1, 1)).as("a month with nothing: no share").isEqualTo("0 (—)");
        assertThat(table.getCellText(0, 2)).isEqualTo("2");

        view.mixMeasure.setValue(io.keyuan.insight.ChannelMix.Measure.REVENUE);
        assertThat(view.bookmark()).contains("mix=revenue");
        assertThat(test(view.mixGrid).getCellText(0, 1)).isEqualTo("¥240.00 (100%)");
        assertThat(view.mixChart.optionJson()).contains("240");

        restartVaadin();
        ChannelReportView again = openReport("from=" + m0 + "&to=" + m0 + "&channel=" + channelId + "&mix=REVENUE");
        assertThat(again.mixMeasure.getValue()).isEqualTo(io.keyuan.insight.ChannelMix.Measure.REVENUE);
        restartVaadin();
        again = openReport("from=" + m0 + "&to=" + m0 + "&mix=nonsense");
        assertThat(again.mixMeasure.getValue()).isEqualTo(io.keyuan.insight.ChannelMix.Measure.CUSTOMERS);
    }

    @Test
    @AsManager
    void changed_filters_make_an_address_that_opens_the_same_report() {
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0);
        view.by.setValue(ChannelReportGrouping.MONTH);
        view.channel.setValue(channelId);
        String bookmark = view.bookmark();
        assertThat(bookmark).startsWith("insight/channels?");
        assertThat(bookmark.substring(bookmark.indexOf('?') + 1).split("&"))
                .containsExactlyInAnyOrder(
                        "from=" + m0, "to=" + m0, "by=MONTH", "channel=" + channelId, "mix=customers");
        assertThat(test(view.grid).getCellText(0, 0)).isEqualTo(m0.toString());

        restartVaadin();
        ChannelReportView again = openReport(bookmark.substring(bookmark.indexOf('?') + 1));
        assertThat(again.by.getValue()).isEqualTo(ChannelReportGrouping.MONTH);
        assertThat(again.channel.getValue()).isEqualTo(channelId);
        assertThat(test(again.grid).getCellText(0, 7)).isEqualTo("¥300.00");
    }

    @Test
    @AsManager
    void a_future_period_and_an_empty_one_explain_themselves_instead_of_an_empty_grid() {
        YearMonth next = YearMonth.now(BusinessTime.ZONE).plusMonths(2);
        ChannelReportView view = openReport("from=" + next + "&to=" + next);
        assertThat(view.report.empty()).isEqualTo(ChannelReport.Empty.FUTURE);
        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.chart.isVisible()).as("no blank chart").isFalse();
        assertThat(view.empty.getText()).isEqualTo(t("insight.report.empty.future", next.toString(), next.toString()));
        assertThat(view.mixChart.isVisible()).as("no blank mix chart").isFalse();
        assertThat(view.mixBar.isVisible())
                .as("the reason above is not repeated for the mix")
                .isFalse();
        assertThat(view.mixEmpty.isVisible()).isFalse();

        // a month with a cost but no customer or revenue: the report has a row, the mix says it has nothing to draw
        YearMonth costOnly = m0.plusMonths(1);
        SystemActor.run(() -> channels.setCost(channelId, costOnly, new BigDecimal("100.00"), null));
        view = openReport("from=" + costOnly + "&to=" + costOnly + "&channel=" + channelId);
        assertThat(view.report.empty()).isNull();
        assertThat(view.mixChart.isVisible()).isFalse();
        assertThat(view.mixEmpty.isVisible()).isTrue();
        assertThat(view.mixEmpty.getText()).isEqualTo(t("insight.mix.empty"));

        YearMonth old = m0.minusYears(6);
        view = openReport("from=" + old + "&to=" + old + "&channel=" + channelId);
        assertThat(view.report.empty()).isEqualTo(ChannelReport.Empty.NO_DATA);
        assertThat(view.empty.getText()).isEqualTo(t("insight.report.empty.no-data", old.toString(), old.toString()));
    }

    @Test
    @AsManager
    void an_end_before_the_start_in_the_address_is_explained_and_nonsense_is_ignored() {
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0.minusMonths(1) + "&by=nonsense&channel=x");
        assertThat(view.report).isNull();
        assertThat(view.empty.getText()).isEqualTo(t("insight.error.period-order"));
        assertThat(view.by.getValue()).isEqualTo(ChannelReportGrouping.CHANNEL);
        assertThat(view.channel.getValue()).isNull();
    }

    @Test
    @AsManager
    void the_export_runs_as_a_job_that_writes_the_workbook() {
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0 + "&channel=" + channelId);
        test($(Button.class).id("channel-report-export")).click();
        ExportDialog dialog = $(ExportDialog.class).single();

        var done = jobs.await(dialog.job(), Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.resultName()).isEqualTo("channel-report-" + m0 + "-" + m0 + ".xlsx");
        assertThat(done.summary())
                .as("the channel, the total and the mix's one cell")
                .containsEntry("rows", 3);
        assertThat(view.report.rows()).hasSize(1);
    }

    @Test
    @AsManager
    void managers_find_the_report_in_the_menu_in_each_language() {
        open("customers");
        assertThat($(SideNav.class).id("main-nav").getItems())
                .extracting(SideNavItem::getLabel)
                .contains("渠道效果");
        setLocale(Locale.ENGLISH);
        ChannelReportView view = openReport("from=" + m0 + "&to=" + m0);
        assertThat(view.by.getLabel()).isEqualTo("Group by");
        assertThat(view.export.getText()).isEqualTo("Export to Excel");
    }

    @Test
    @AsStaff
    void staff_cannot_open_the_channel_report() {
        assertThat(open("insight/channels")).isInstanceOf(AccessDeniedView.class);
    }
}
