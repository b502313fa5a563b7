package io.keyuan.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
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
import io.keyuan.insight.ReferralRanking;
import io.keyuan.insight.ReferralReport;
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
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReferralReportViewTest extends KeyuanViewTest {
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
    long a;
    String aName;

    /** In a channel of its own, five months ago: A refers B (buys 100) and C (buys 50); D, not referred, buys 30. */
    @BeforeEach
    void referrals() {
        m0 = YearMonth.now(BusinessTime.ZONE).minusMonths(5);
        channelId = SystemActor.call(() -> channels.create(new ChannelDraft(
                        "口碑渠道" + TestData.unique(), ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true, null)))
                .id();
        aName = "推荐人" + TestData.unique();
        a = customer(aName, null, null);
        customer("被介绍B" + TestData.unique(), a, "100.00");
        customer("被介绍C" + TestData.unique(), a, "50.00");
        customer("自来D" + TestData.unique(), null, "30.00");
        if (SystemActor.call(() -> reports.status()).asOf() == null) {
            SystemActor.run(() -> jobs.await(reports.startRebuild(), Duration.ofMinutes(1)));
        }
    }

    private long customer(String name, Long referrer, String amount) {
        Customer c = new Customer();
        c.setName(name);
        c.setSourceChannelId(channelId);
        c.setReferredById(referrer);
        long id = SystemActor.call(() -> customers.save(c)).getId();
        if (amount != null) {
            Purchase p = new Purchase();
            p.setPurchaseDate(m0.atDay(10));
            p.setProduct("口碑产品");
            p.setQuantity(1);
            p.setAmount(new BigDecimal(amount));
            p.setChannel(SalesChannel.STORE);
            SystemActor.run(() -> customers.addPurchase(id, p));
        }
        return id;
    }

    private ReferralReportView openReport(String query) {
        UI.getCurrent().navigate("insight/referrals", com.vaadin.flow.router.QueryParameters.fromString(query));
        return $(ReferralReportView.class).single();
    }

    @Test
    @AsManager
    void the_address_sets_the_filters_and_the_page_compares_referred_customers_and_lists_the_promoters() {
        ReferralReportView view = openReport("from=" + m0 + "&to=" + m0 + "&channel=" + channelId + "&rank=revenue");

        assertThat(view.from.getValue()).isEqualTo(m0);
        assertThat(view.channel.getValue()).isEqualTo(channelId);
        assertThat(view.rank.getValue()).isEqualTo(ReferralRanking.REVENUE);
        assertThat(view.summary.getText()).isEqualTo(t("insight.referrals.summary", "3", "2", "66.7%", "1"));
        var comparison = test(view.comparison);
        assertThat(comparison.size()).isEqualTo(3);
        assertThat(comparison.getCellText(0, 0))
                .as("under 12 months so far")
                .isEqualTo(t("insight.referrals.referred") + " *");
        assertThat(comparison.getCellText(0, 1)).isEqualTo("2");
        assertThat(comparison.getCellText(0, 3)).isEqualTo("100%");
        assertThat(comparison.getCellText(0, 4)).isEqualTo("¥150.00");
        assertThat(comparison.getCellText(0, 5)).isEqualTo("¥75.00");
        assertThat(comparison.getCellText(1, 1)).isEqualTo("1");
        assertThat(comparison.getCellText(1, 5)).isEqualTo("¥30.00");
        assertThat(comparison.getCellText(2, 1)).isEqualTo("3");

        var promoters = test(view.promoters);
        assertThat(promoters.size()).isEqualTo(1);
        assertThat(promoters.getCellText(0, 0)).isEqualTo("1");
        Anchor link = (Anchor) promoters.getCellComponent(0, 1);
        assertThat(link.getHref()).isEqualTo("customers/" + a);
        assertThat(link.getText()).startsWith(aName);
        assertThat(promoters.getCellText(0, 2)).isEqualTo("2");
        assertThat(promoters.getCellText(0, 4)).isEqualTo("¥150.00");
        var depths = test(view.depths);
        assertThat(depths.size()).isEqualTo(1);
        assertThat(depths.getCellText(0, 0)).isEqualTo(t("insight.referrals.depth", 1));
        assertThat(depths.getCellText(0, 2)).isEqualTo("100%");
        assertThat(view.empty.isVisible()).isFalse();
        assertThat(view.status.getText()).isNotBlank();
    }

    @Test
    @AsManager
    void changed_filters_make_an_address_that_opens_the_same_report() {
        ReferralReportView view = openReport("from=" + m0 + "&to=" + m0);
        view.channel.setValue(channelId);
        view.rank.setValue(ReferralRanking.REVENUE);
        String bookmark = view.bookmark();
        assertThat(bookmark).startsWith("insight/referrals?");
        assertThat(bookmark.substring(bookmark.indexOf('?') + 1).split("&"))
                .containsExactlyInAnyOrder("from=" + m0, "to=" + m0, "channel=" + channelId, "rank=revenue");

        restartVaadin();
        ReferralReportView again = openReport(bookmark.substring(bookmark.indexOf('?') + 1));
        assertThat(again.rank.getValue()).isEqualTo(ReferralRanking.REVENUE);
        assertThat(again.report.referred().customers()).isEqualTo(2);
    }

    @Test
    @AsManager
    void a_period_without_referrals_says_so_and_shows_the_others_with_dashes() {
        YearMonth earlier = m0.minusMonths(2);
        Customer c = new Customer();
        c.setName("早期客户" + TestData.unique());
        c.setSourceChannelId(channelId);
        long id = SystemActor.call(() -> customers.save(c)).getId();
        Purchase p = new Purchase();
        p.setPurchaseDate(earlier.atDay(4));
        p.setProduct("口碑产品");
        p.setQuantity(1);
        p.setAmount(new BigDecimal("80.00"));
        p.setChannel(SalesChannel.STORE);
        SystemActor.run(() -> customers.addPurchase(id, p));

        ReferralReportView view = openReport("from=" + earlier + "&to=" + earlier + "&channel=" + channelId);
        assertThat(view.report.empty()).isEqualTo(ReferralReport.Empty.NO_REFERRALS);
        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.empty.getText())
                .isEqualTo(t("insight.referrals.empty.no-referrals", earlier.toString(), earlier.toString()));
        assertThat(view.summary.getText()).isEqualTo(t("insight.referrals.summary-none", "1"));
        var comparison = test(view.comparison);
        assertThat(comparison.getCellText(0, 3))
                .as("no referred customer to divide by")
                .isEqualTo("—");
        assertThat(comparison.getCellText(0, 5)).isEqualTo("—");
        assertThat(comparison.getCellText(1, 5)).isEqualTo("¥80.00");
        assertThat(view.promoters.isVisible()).isFalse();
        assertThat(view.depths.isVisible()).isFalse();
    }

    @Test
    @AsManager
    void no_customers_a_future_period_and_bad_addresses_explain_themselves() {
        YearMonth old = m0.minusYears(7);
        ReferralReportView view = openReport("from=" + old + "&to=" + old + "&channel=" + channelId);
        assertThat(view.report.empty()).isEqualTo(ReferralReport.Empty.NO_CUSTOMERS);
        assertThat(view.comparison.isVisible()).isFalse();
        assertThat(view.empty.getText())
                .isEqualTo(t("insight.referrals.empty.no-customers", old.toString(), old.toString()));

        YearMonth next = YearMonth.now(BusinessTime.ZONE).plusMonths(2);
        view = openReport("from=" + next + "&to=" + next);
        assertThat(view.report.empty()).isEqualTo(ReferralReport.Empty.FUTURE);
        assertThat(view.empty.getText()).isEqualTo(t("insight.report.empty.future", next.toString(), next.toString()));

        restartVaadin();
        view = openReport("from=" + m0 + "&to=" + m0.minusMonths(1) + "&rank=nonsense&channel=x");
        assertThat(view.report).isNull();
        assertThat(view.empty.getText()).isEqualTo(t("insight.error.period-order"));
        assertThat(view.rank.getValue()).isEqualTo(ReferralRanking.CUSTOMERS);
        assertThat(view.channel.getValue()).isNull();
    }

    @Test
    @AsManager
    void the_export_runs_as_a_job_that_writes_the_workbook() {
        openReport("from=" + m0 + "&to=" + m0 + "&channel=" + channelId);
        test($(Button.class).id("referral-export")).click();
        ExportDialog dialog = $(ExportDialog.class).single();

        var done = jobs.await(dialog.job(), Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.resultName()).isEqualTo("referral-report-" + m0 + "-" + m0 + ".xlsx");
        assertThat(done.summary())
                .as("3 comparison lines, 1 promoter, 1 chain length")
                .containsEntry("rows", 5);
    }

    @Test
    @AsManager
    void managers_find_the_report_in_the_menu_after_the_channel_report_in_each_language() {
        open("customers");
        List<String> labels = $(SideNav.class).id("main-nav").getItems().stream()
                .map(SideNavItem::getLabel)
                .toList();
        assertThat(labels).containsSubsequence("渠道效果", "口碑传播");
        assertThat(labels.indexOf("口碑传播")).isEqualTo(labels.indexOf("渠道效果") + 1);
        setLocale(Locale.ENGLISH);
        ReferralReportView view = openReport("from=" + m0 + "&to=" + m0 + "&channel=" + channelId);
        assertThat(view.rank.getLabel()).isEqualTo("Rank promoters by");
        assertThat(view.export.getText()).isEqualTo("Export to Excel");
        assertThat(test(view.comparison).getCellText(1, 0)).startsWith("Not referred");
        assertThat(view.getPageTitle()).isEqualTo("Referrals");
    }

    @Test
    @AsStaff
    void staff_cannot_open_the_referral_report() {
        assertThat(open("insight/referrals")).isInstanceOf(AccessDeniedView.class);
    }
}
