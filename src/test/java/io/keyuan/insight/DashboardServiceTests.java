package io.keyuan.insight;

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
import io.keyuan.insight.DashboardTile.Figure;
import io.keyuan.insight.DashboardTile.Trend;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.DealTotals;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackStatus;
import io.keyuan.survey.PhoneCall;
import io.keyuan.survey.ResponseService;
import io.keyuan.survey.Scores;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.TestFeedback;
import io.keyuan.survey.TestSurveys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

/**
 * The home dashboard's figures against a small case computed by hand. Tests share the database, so the business
 * figures are compared as differences from before the case was written (other tests' rows cancel out); one person's
 * own work is exact, as the person is new.
 */
@KeyuanIntegrationTest
class DashboardServiceTests {
    @Autowired
    DashboardService dashboards;

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

    @Autowired
    FeedbackService feedback;

    @Autowired
    CampaignService campaigns;

    @Autowired
    ResponseService responses;

    @Autowired
    UserAdminService users;

    @Autowired
    CustomerSnapshots snapshots;

    @Autowired
    io.keyuan.shared.jobs.JobService jobs;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    private static <T> T asManager(Supplier<T> work) {
        return TestData.as("dash.manager", work, "STAFF", "MANAGER");
    }

    private static <T> T asStaff(UserAccount user, Supplier<T> work) {
        return TestData.as(user.username(), work, "STAFF");
    }

    private static BigDecimal value(BusinessDashboard b, Figure f) {
        return b.tile(f).value();
    }

    private static BigDecimal previous(BusinessDashboard b, Figure f) {
        return b.tile(f).previous();
    }

    /**
     * This month: A buys 300.00 today and returns 50.00 of it, C is a prospect entered today; last month: B first
     * bought 120.00 on the 15th. So new customers +2 this month (A, C) and +1 last month (B); revenue +250.00 this
     * month and +120.00 last month.
     */
    @Test
    void new_customers_and_revenue_net_of_returns_count_this_month_against_last() {
        TestInsight.rebuild(rollup);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        BusinessDashboard before = asManager(dashboards::business);
        assertThat(before.month()).isEqualTo(month);
        assertThat(before.channelFiguresAsOf()).isNotNull();

        long x = TestInsight.channel(channels, "首页渠道", ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH);
        long a = TestInsight.customer(customers, x);
        long bought = TestInsight.buy(customers, a, today, "300.00");
        SystemActor.run(() -> returns.record(new NewPurchaseReturn(bought, today, 0, new BigDecimal("50.00"), "退款")));
        long b = TestInsight.customer(customers, x);
        TestInsight.buy(customers, b, month.minusMonths(1).atDay(15), "120.00");
        TestInsight.customer(customers, x);

        BusinessDashboard after = asManager(dashboards::business);
        assertThat(value(after, Figure.NEW_CUSTOMERS).subtract(value(before, Figure.NEW_CUSTOMERS)))
                .isEqualByComparingTo("2");
        assertThat(previous(after, Figure.NEW_CUSTOMERS).subtract(previous(before, Figure.NEW_CUSTOMERS)))
                .isEqualByComparingTo("1");
        assertThat(value(after, Figure.REVENUE).subtract(value(before, Figure.REVENUE)))
                .isEqualByComparingTo("250.00");
        assertThat(previous(after, Figure.REVENUE).subtract(previous(before, Figure.REVENUE)))
                .isEqualByComparingTo("120.00");
        assertThat(after.tile(Figure.REVENUE).change())
                .isEqualByComparingTo(value(after, Figure.REVENUE).subtract(previous(after, Figure.REVENUE)));
    }

    /**
     * In a pipeline of its own, owned by a new staff member: two open deals of 1,000.00 and 500.00; this month one won
     * (300.00) and one lost; last month one won (400.00; its move dated back to the 15th). Own work: 2 open worth
     * 1,500.00, 1 won this month (worth 300.00) against 1 last month, win rate 1 of 2 = 50 %. The business figures
     * move by the same counts, and the win rate tile is won ÷ (won + lost) of the month's closed deals.
     */
    @Test
    void pipeline_value_and_win_rate_come_from_open_and_closed_deals() {
        UserAccount owner = TestFeedback.staffUser(users);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        BusinessDashboard before = asManager(dashboards::business);
        PipelineDetail p = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "首页流程" + TestData.unique());
        long won = TestPipelines.stage(p, 7).id();
        long lost = TestPipelines.stage(p, 8).id();
        long customer =
                TestPipelines.customer(customers, "首页商机客户" + TestData.unique()).getId();
        List<Deal> made = new ArrayList<>();
        for (String v : List.of("1000.00", "500.00", "300.00", "200.00", "400.00")) {
            made.add(TestPipelines.deal(
                    deals, p.pipeline().id(), customer, "首页商机 " + v, v, d -> d.setOwnerId(owner.id())));
        }
        SystemActor.run(() -> {
            deals.win(made.get(2).getId(), made.get(2).getVersion(), won, null);
            deals.markLost(made.get(3).getId(), made.get(3).getVersion(), lost, "预算取消");
            deals.win(made.get(4).getId(), made.get(4).getVersion(), won, null);
        });
        jdbc.update(
                "UPDATE deal SET stage_entered_at = ? WHERE id = ?",
                java.sql.Timestamp.from(
                        BusinessTime.monthStart(month.minusMonths(1)).plus(Duration.ofDays(14))),
                made.get(4).getId());

        BusinessDashboard after = asManager(dashboards::business);
        assertThat(after.deals().open() - before.deals().open()).isEqualTo(2);
        assertThat(after.deals().openValue().subtract(before.deals().openValue()))
                .isEqualByComparingTo("1500.00");
        assertThat(value(after, Figure.PIPELINE_VALUE))
                .isEqualByComparingTo(after.deals().openValue());
        assertThat(after.tile(Figure.PIPELINE_VALUE).detail())
                .isEqualByComparingTo("" + after.deals().open());
        assertThat(after.deals().won() - before.deals().won()).isEqualTo(1);
        assertThat(after.deals().lost() - before.deals().lost()).isEqualTo(1);
        assertThat(after.dealsBefore().won() - before.dealsBefore().won()).isEqualTo(1);
        DealTotals now = after.deals();
        assertThat(value(after, Figure.WIN_RATE))
                .isEqualByComparingTo(BigDecimal.valueOf(100.0 * now.won() / (now.won() + now.lost()))
                        .setScale(1, java.math.RoundingMode.HALF_UP));

        WorkDashboard mine = asStaff(owner, dashboards::work);
        assertThat(mine.tile(Figure.MY_OPEN_DEALS).value()).isEqualByComparingTo("2");
        assertThat(mine.tile(Figure.MY_OPEN_DEALS).detail()).isEqualByComparingTo("1500.00");
        assertThat(mine.tile(Figure.MY_WON_DEALS).value()).isEqualByComparingTo("1");
        assertThat(mine.tile(Figure.MY_WON_DEALS).detail()).isEqualByComparingTo("300.00");
        assertThat(mine.tile(Figure.MY_WON_DEALS).previous()).isEqualByComparingTo("1");
        assertThat(mine.tile(Figure.MY_WON_DEALS).trend()).isEqualTo(Trend.SAME);
        DealTotals own = asStaff(
                owner,
                () -> deals.myTotals(BusinessTime.monthStart(month), BusinessTime.monthStart(month.plusMonths(1))));
        assertThat(own.winRate()).isEqualByComparingTo("0.5");
    }

    /**
     * NPS of a phone campaign: this month 10, 9 and 3 (2 promoters, 1 detractor of 3: NPS 33.3); last month one 10
     * (its answer dated back to the 15th). A fourth recipient is still to be called: one call waiting.
     */
    @Test
    void nps_counts_this_month_against_last_and_phone_calls_wait_until_made() {
        UserAccount caller = TestFeedback.staffUser(users);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        BusinessDashboard before = asManager(dashboards::business);
        long callsBefore = asStaff(caller, dashboards::work)
                .tile(Figure.PHONE_CALLS)
                .value()
                .longValue();
        TestSurveys t = TestSurveys.from(context);
        SurveyDetail survey = t.activeSurvey();
        List<Long> picks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            picks.add(TestPipelines.customer(customers, "首页受访" + i + TestData.unique())
                    .getId());
        }
        long campaign = t.send(t.draft(survey.id(), CampaignChannel.PHONE, null, picks))
                .campaign()
                .id();
        assertThat(asStaff(caller, dashboards::work)
                                .tile(Figure.PHONE_CALLS)
                                .value()
                                .longValue()
                        - callsBefore)
                .isEqualTo(5);

        long lastMonthResponse = asStaff(caller, () -> {
            SurveyForm form = responses.campaignForm(campaign);
            long question = form.questions().getFirst().id();
            long after = 0;
            long last = 0;
            for (int score : new int[] {10, 9, 3, 10}) {
                PhoneCall call = responses.nextCall(campaign, after).orElseThrow();
                last = responses.recordPhone(call.recipientId(), List.of(AnswerInput.score(question, score)));
                after = call.recipientId();
            }
            return last;
        });
        jdbc.update(
                "UPDATE survey_response SET answered_at = ? WHERE id = ?",
                java.sql.Timestamp.valueOf(month.minusMonths(1).atDay(15).atTime(4, 0)),
                lastMonthResponse);

        BusinessDashboard after = asManager(dashboards::business);
        Scores now = after.nps();
        Scores was = before.nps();
        assertThat(now.npsAnswers() - was.npsAnswers()).isEqualTo(3);
        assertThat(now.promoters() - was.promoters()).isEqualTo(2);
        assertThat(now.detractors() - was.detractors()).isEqualTo(1);
        assertThat(after.npsBefore().npsAnswers() - before.npsBefore().npsAnswers())
                .isEqualTo(1);
        assertThat(after.npsBefore().promoters() - before.npsBefore().promoters())
                .isEqualTo(1);
        assertThat(value(after, Figure.NPS)).isEqualByComparingTo(now.nps());
        assertThat(previous(after, Figure.NPS))
                .isEqualByComparingTo(after.npsBefore().nps());
        if (was.npsAnswers() == 0) {
            assertThat(now.nps()).isEqualByComparingTo("33.3");
        }
        assertThat(asStaff(caller, dashboards::work)
                                .tile(Figure.PHONE_CALLS)
                                .value()
                                .longValue()
                        - callsBefore)
                .isEqualTo(1);
    }

    @Test
    void active_and_churned_customers_are_the_monthly_snapshot_of_this_month_and_the_one_before() {
        SystemActor.run(() -> jobs.await(snapshots.startRebuild(), Duration.ofMinutes(2)));
        YearMonth month = YearMonth.now(BusinessTime.ZONE);

        BusinessDashboard b = asManager(dashboards::business);
        List<CustomerMonth> months = asManager(() -> snapshots.months(month.minusMonths(1), month));

        CustomerMonth now = months.getLast();
        assertThat(now.month()).isEqualTo(month);
        assertThat(value(b, Figure.ACTIVE_CUSTOMERS)).isEqualByComparingTo("" + now.active());
        assertThat(value(b, Figure.CHURNED_CUSTOMERS)).isEqualByComparingTo("" + now.churned());
        assertThat(b.customerSnapshotAsOf()).isEqualTo(now.computedAt());
        if (months.size() == 2) {
            assertThat(previous(b, Figure.ACTIVE_CUSTOMERS))
                    .isEqualByComparingTo("" + months.getFirst().active());
        } else {
            assertThat(b.tile(Figure.ACTIVE_CUSTOMERS).trend()).isEqualTo(Trend.NONE);
        }
    }

    /**
     * A new staff member owning four items: one overdue, one due today, one due next week, one resolved. Open 3,
     * overdue 1; due today or overdue 2.
     */
    @Test
    void own_feedback_counts_the_open_items_the_overdue_and_those_due_today() {
        UserAccount owner = TestFeedback.staffUser(users);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        long customer = TestFeedback.customer(customers, null).getId();
        List<Long> ids = new ArrayList<>();
        for (LocalDate due : List.of(today, today, today.plusDays(7), today.plusDays(3))) {
            ids.add(SystemActor.call(() -> feedback.create(TestFeedback.withOwnerAndDue(
                            TestFeedback.complaint(customer, "首页投诉" + TestData.unique()), owner.id(), due)))
                    .id());
        }
        jdbc.update(
                "UPDATE feedback SET due_date = ? WHERE id = ?", java.sql.Date.valueOf(today.minusDays(1)), ids.get(0));
        SystemActor.run(() -> {
            var f = feedback.move(ids.get(3), feedback.get(ids.get(3)).version(), FeedbackStatus.IN_PROGRESS, null);
            feedback.move(ids.get(3), f.version(), FeedbackStatus.RESOLVED, "已处理");
        });

        WorkDashboard w = asStaff(owner, dashboards::work);

        assertThat(w.tile(Figure.MY_OPEN_FEEDBACK).value()).isEqualByComparingTo("3");
        assertThat(w.tile(Figure.MY_OPEN_FEEDBACK).detail()).isEqualByComparingTo("1");
        assertThat(w.tile(Figure.FEEDBACK_DUE).value()).isEqualByComparingTo("2");
        assertThat(w.tile(Figure.FEEDBACK_DUE).detail()).isEqualByComparingTo("1");
        assertThat(w.idle()).isFalse();
    }

    @Test
    void someone_with_nothing_to_do_sees_zeros_and_no_invented_trend() {
        UserAccount idle = TestFeedback.staffUser(users);

        WorkDashboard w = asStaff(idle, dashboards::work);

        assertThat(w.tiles())
                .extracting(DashboardTile::figure)
                .containsExactly(Figure.MY_OPEN_DEALS, Figure.MY_WON_DEALS, Figure.MY_OPEN_FEEDBACK);
        assertThat(w.tiles()).allSatisfy(tile -> assertThat(tile.value()).isEqualByComparingTo("0"));
        assertThat(w.tile(Figure.MY_WON_DEALS).trend()).isEqualTo(Trend.SAME);
        assertThat(w.tile(Figure.MY_OPEN_FEEDBACK).trend()).isEqualTo(Trend.NONE);
        assertThat(w.idle()).isEqualTo(w.tile(Figure.PHONE_CALLS).value().signum() == 0);
        // A month with no previous figure, or a rate with nothing to divide: no change, no trend, never NaN.
        DashboardTile noPrevious = new DashboardTile(Figure.NPS, new BigDecimal("20.0"), null, null);
        assertThat(noPrevious.change()).isNull();
        assertThat(noPrevious.trend()).isEqualTo(Trend.NONE);
        assertThat(noPrevious.better()).isNull();
        assertThat(DealTotals.NONE.winRate()).isNull();
        assertThat(Scores.NONE.nps()).isNull();
        DashboardTile moreChurn = new DashboardTile(Figure.CHURNED_CUSTOMERS, BigDecimal.TEN, BigDecimal.ONE, null);
        assertThat(moreChurn.trend()).isEqualTo(Trend.UP);
        assertThat(moreChurn.better()).isFalse();
    }

    @Test
    void staff_are_refused_the_business_figures_in_every_service_behind_them() {
        UserAccount staff = TestFeedback.staffUser(users);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);

        assertThatThrownBy(() -> asStaff(staff, dashboards::business)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asStaff(
                        staff,
                        () -> deals.totals(
                                BusinessTime.monthStart(month), BusinessTime.monthStart(month.plusMonths(1)))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(asStaff(staff, dashboards::work).tiles()).hasSize(3);
        assertThatThrownBy(() -> TestData.as("nobody", dashboards::work)).isInstanceOf(AccessDeniedException.class);
    }
}
