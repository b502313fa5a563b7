package io.keyuan.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerInsightViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerSnapshots snapshots;

    @Autowired
    JobService jobs;

    @Autowired
    io.keyuan.customer.CustomerMetricsService metrics;

    @Test
    @AsManager
    void a_manager_reads_the_months_and_opens_an_rfm_cell_from_a_bookmarked_period() {
        long id = SystemActor.call(() -> {
            Customer c = new Customer();
            c.setName("洞察视图客" + unique());
            long cid = customers.save(c).getId();
            customers.recordPurchase(new NewPurchase(
                    cid, LocalDate.now(BusinessTime.ZONE), "洞察品", 1, new BigDecimal("66.00"), SalesChannel.STORE));
            // A first purchase 30 months ago: the snapshot reaches back that far, so 24 months are all there.
            customers.recordPurchase(new NewPurchase(
                    cid,
                    LocalDate.now(BusinessTime.ZONE).minusMonths(30),
                    "洞察品",
                    1,
                    new BigDecimal("12.00"),
                    SalesChannel.STORE));
            return cid;
        });
        // RFM scores need the cuts a full metrics refresh takes.
        SystemActor.run(() -> jobs.await(metrics.startRefreshAll(), Duration.ofMinutes(2)));
        SystemActor.run(() -> jobs.await(snapshots.startRebuild(), Duration.ofMinutes(2)));

        UI.getCurrent().navigate("insight/customers", QueryParameters.of("months", "24"));
        CustomerInsightView view = $(CustomerInsightView.class).single();
        assertThat(view.period.getValue()).isEqualTo(24);
        assertThat(test(view.months).size()).isEqualTo(24);
        assertThat(view.lifecycleChart.optionJson()).contains(t("enum.Lifecycle.ACTIVE"));
        assertThat(textOf(view.figures)).contains(t("insight.customers.col.total"));
        assertThat(view.asOf.getText()).startsWith(t("insight.as-of-time", "").trim());
        assertThat(view.empty.isVisible()).isFalse();

        // The customer's own cell is filled and lists them.
        var scores = SystemActor.call(() -> metrics.metrics(id));
        var cell = view.rfmCells.get(scores.rScore() + "-" + scores.fScore());
        assertThat(cell.isEnabled()).isTrue();
        test(cell).click();
        assertThat(view.cellDialog.isOpened()).isTrue();
        assertThat(test(view.cellCustomers).size()).isPositive();
        assertThat(view.cellDialog.getHeaderTitle()).isEqualTo(t("insight.rfm.cell", scores.rScore(), scores.fScore()));

        // Changing the period changes the address, so the view can be bookmarked.
        test(view.period).selectItem(t("insight.period.months", 6));
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .isEqualTo("insight/customers?months=6");
        assertThat(test(view.months).size()).isEqualTo(6);
        assertThat(id).isPositive();
    }

    @Test
    @AsManager
    void a_period_that_is_no_choice_in_the_address_falls_back_to_twelve_months() {
        UI.getCurrent().navigate("insight/customers", QueryParameters.of("months", "abc"));
        CustomerInsightView view = $(CustomerInsightView.class).single();
        assertThat(view.period.getValue()).isEqualTo(12);
    }

    @Test
    @AsStaff
    void staff_are_refused_the_customer_analysis() {
        assertThat(open("insight/customers")).isInstanceOf(AccessDeniedView.class);
    }
}
