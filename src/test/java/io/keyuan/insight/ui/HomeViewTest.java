package io.keyuan.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.insight.BusinessDashboard;
import io.keyuan.insight.ChannelPerformanceService;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.insight.DashboardTile;
import io.keyuan.insight.DashboardTile.Figure;
import io.keyuan.insight.WorkDashboard;
import io.keyuan.pipeline.DealTotals;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.shared.ui.NotFoundView;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.Scores;
import io.keyuan.survey.TestFeedback;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HomeViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    ChannelPerformanceService channelReports;

    @Autowired
    CustomerSnapshots snapshots;

    @Autowired
    JobService jobs;

    @Autowired
    FeedbackService feedback;

    @Autowired
    UserAdminService users;

    private static final List<String> BUSINESS = List.of(
            "new-customers", "revenue", "pipeline-value", "win-rate", "active-customers", "churned-customers", "nps");

    /** Opens an address with its query, as a click on a link does. */
    private HasElement follow(String link) {
        int q = link.indexOf('?');
        if (q < 0) {
            return open(link);
        }
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(
                        link.substring(0, q), com.vaadin.flow.router.QueryParameters.fromString(link.substring(q + 1)));
        return getCurrentView();
    }

    private Div tile(String name) {
        return $(Div.class).id("home-tile-" + name);
    }

    private String text(String id) {
        return $(Span.class).id(id).getText();
    }

    private String href(String name) {
        return $(Anchor.class).id("home-link-" + name).getHref();
    }

    @Test
    @AsManager
    void a_manager_lands_on_the_business_this_month_with_trends_links_and_the_time_of_the_figures() {
        SystemActor.run(() -> {
            Customer c = new Customer();
            c.setName("首页视图客" + unique());
            long id = customers.save(c).getId();
            customers.recordPurchase(new NewPurchase(
                    id, LocalDate.now(BusinessTime.ZONE), "首页品", 1, new BigDecimal("88.00"), SalesChannel.STORE));
            jobs.await(channelReports.startRebuild(), Duration.ofMinutes(2));
            jobs.await(snapshots.startRebuild(), Duration.ofMinutes(2));
        });
        YearMonth month = YearMonth.now(BusinessTime.ZONE);

        HasElement view = open("");

        assertThat(view).isInstanceOf(HomeView.class);
        HomeView home = (HomeView) view;
        assertThat(home.businessTitle.getText()).isEqualTo(t("home.business.title", HomeView.monthLabel(month)));
        for (String name : BUSINESS) {
            assertThat(textOf(tile(name))).doesNotContain("NaN", "null", "!home.");
        }
        assertThat(textOf(tile("new-customers"))).contains(t("home.tile.NEW_CUSTOMERS"));
        assertThat(Long.parseLong(text("home-value-new-customers").replace(",", "")))
                .isPositive();
        assertThat(text("home-value-revenue")).startsWith("¥");
        // The rollups are built: last month has a figure, so there is a trend (up, down or the same), never "—".
        assertThat(text("home-trend-new-customers"))
                .isNotEqualTo(t("home.trend.none"))
                .doesNotContain("NaN");
        assertThat(text("home-detail-pipeline-value"))
                .endsWith(t("home.detail.PIPELINE_VALUE", "").trim());
        assertThat(home.asOf.getText()).doesNotContain(t("insight.never-built"));
        assertThat(home.businessEmpty.isVisible()).isFalse();

        assertThat(href("new-customers")).isEqualTo("insight/channels?from=" + month + "&to=" + month + "&by=CHANNEL");
        assertThat(href("revenue")).isEqualTo(href("new-customers"));
        assertThat(href("pipeline-value")).isEqualTo("pipelines");
        assertThat(href("win-rate")).isEqualTo("pipelines/reports");
        assertThat(href("active-customers")).isEqualTo("insight/customers");
        assertThat(href("churned-customers")).isEqualTo("insight/customers");
        assertThat(href("nps"))
                .isEqualTo("survey-results?from=" + month.minusMonths(1).atDay(1) + "&to=" + month.atEndOfMonth()
                        + "&by=MONTH");
        assertThat($(Anchor.class).id("home-link-nps").getText()).isEqualTo(t("survey.nav.results") + " →");
        // The manager's own work is there too.
        assertThat(tile("my-open-deals").isVisible()).isTrue();
        assertThat(tile("phone-calls").isVisible()).isTrue();
    }

    @Test
    @AsManager
    void every_link_opens_the_report_or_list_it_names() {
        open("");
        List<String> links = $(Anchor.class).all().stream()
                .filter(a -> a.getId().orElse("").startsWith("home-link-"))
                .map(Anchor::getHref)
                .toList();
        assertThat(links).hasSize(BUSINESS.size() + 5);

        for (String link : links) {
            HasElement target = follow(link);
            assertThat(target).as(link).isNotInstanceOf(NotFoundView.class).isNotInstanceOf(AccessDeniedView.class);
            assertThat(target).as(link).isNotInstanceOf(HomeView.class);
        }
        assertThat(follow("feedback?mine=true&overdue=true")).isInstanceOf(io.keyuan.survey.ui.FeedbackListView.class);
        var list = (io.keyuan.survey.ui.FeedbackListView) getCurrentView();
        assertThat($(com.vaadin.flow.component.checkbox.Checkbox.class)
                        .id("feedback-filter-mine")
                        .getValue())
                .isTrue();
        assertThat($(com.vaadin.flow.component.checkbox.Checkbox.class)
                        .id("feedback-filter-overdue")
                        .getValue())
                .isTrue();
        assertThat(list).isNotNull();
    }

    @Test
    void staff_see_their_own_work_and_today_but_no_business_figures() {
        UserAccount staff = TestFeedback.staffUser(users);
        long customer = TestFeedback.customer(customers, null).getId();
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        SystemActor.run(() -> feedback.create(
                TestFeedback.withOwnerAndDue(TestFeedback.complaint(customer, "首页待办" + unique()), staff.id(), today)));
        loginAs(staff.username(), Role.STAFF);

        HomeView home = (HomeView) open("");

        assertThat($(Div.class).withId("home-business").exists()).isFalse();
        assertThat($(Div.class).withId("home-tile-revenue").exists()).isFalse();
        assertThat(text("home-value-my-open-feedback")).isEqualTo("1");
        assertThat(text("home-detail-my-open-feedback")).isEqualTo(t("home.detail.MY_OPEN_FEEDBACK", "0"));
        assertThat(text("home-value-feedback-due")).isEqualTo("1");
        assertThat(text("home-value-my-open-deals")).isEqualTo("0");
        assertThat(text("home-detail-my-open-deals")).isEqualTo(t("home.detail.MY_OPEN_DEALS", "¥0.00"));
        assertThat(text("home-trend-my-won-deals")).isEqualTo(t("home.trend.same", "0"));
        assertThat(href("my-open-feedback")).isEqualTo("feedback?mine=true");
        assertThat(href("feedback-due")).isEqualTo("feedback?mine=true&overdue=true");
        assertThat(href("my-open-deals")).isEqualTo("pipelines");
        assertThat(href("my-won-deals")).isEqualTo("deals");
        assertThat(href("phone-calls")).isEqualTo("campaigns");
        assertThat(home.workEmpty.isVisible()).isFalse();
        assertThat(textOf(home)).doesNotContain("NaN", "!home.");
    }

    @Test
    @AsManager
    void an_empty_database_shows_zeros_dashes_and_a_sentence_not_errors() {
        HomeView home = (HomeView) open("");
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        BigDecimal zero = BigDecimal.ZERO;
        // What a fresh database gives: rollups never built, no snapshot, no deals, no answers.
        BusinessDashboard nothing = new BusinessDashboard(
                month,
                List.of(
                        new DashboardTile(Figure.NEW_CUSTOMERS, zero, null, null),
                        new DashboardTile(Figure.REVENUE, zero, null, null),
                        new DashboardTile(Figure.PIPELINE_VALUE, zero, null, zero),
                        new DashboardTile(Figure.WIN_RATE, null, null, null),
                        new DashboardTile(Figure.ACTIVE_CUSTOMERS, zero, null, null),
                        new DashboardTile(Figure.CHURNED_CUSTOMERS, zero, null, null),
                        new DashboardTile(Figure.NPS, null, null, null)),
                DealTotals.NONE,
                DealTotals.NONE,
                Scores.NONE,
                Scores.NONE,
                null,
                null);
        WorkDashboard idle = new WorkDashboard(
                LocalDate.now(BusinessTime.ZONE),
                List.of(
                        new DashboardTile(Figure.MY_OPEN_DEALS, zero, null, zero),
                        new DashboardTile(Figure.MY_WON_DEALS, zero, zero, zero),
                        new DashboardTile(Figure.MY_OPEN_FEEDBACK, zero, null, zero)),
                List.of(
                        new DashboardTile(Figure.FEEDBACK_DUE, zero, null, zero),
                        new DashboardTile(Figure.PHONE_CALLS, zero, null, null)));

        home.show(nothing, idle);

        assertThat(text("home-value-new-customers")).isEqualTo("0");
        assertThat(text("home-value-revenue")).isEqualTo("¥0.00");
        assertThat(text("home-value-win-rate")).isEqualTo("—");
        assertThat(text("home-value-nps")).isEqualTo("—");
        assertThat(text("home-trend-new-customers")).isEqualTo(t("home.trend.none"));
        assertThat(text("home-trend-nps")).isEqualTo(t("home.trend.none"));
        assertThat(text("home-detail-pipeline-value")).isEqualTo(t("home.detail.PIPELINE_VALUE", "0"));
        assertThat(home.businessEmpty.isVisible()).isTrue();
        assertThat(home.businessEmpty.getText()).isEqualTo(t("home.business.empty"));
        assertThat(home.workEmpty.isVisible()).isTrue();
        assertThat(home.workEmpty.getText()).isEqualTo(t("home.work.empty"));
        assertThat(home.asOf.getText()).contains(t("insight.never-built"));
        assertThat(textOf(home)).doesNotContain("NaN", "null", "!home.", "Exception");
    }

    @Test
    @AsManager
    void the_dashboard_speaks_english_and_traditional_chinese() {
        setLocale(Locale.ENGLISH);
        open("");
        assertThat(textOf(tile("new-customers"))).contains("New customers this month");
        assertThat($(Anchor.class).id("home-link-win-rate").getText()).isEqualTo("Funnel reports →");

        setLocale(Locale.TRADITIONAL_CHINESE);
        open("customers");
        open("");
        assertThat(textOf(tile("new-customers"))).contains("本月新客戶");
    }
}
