package io.keyuan.insight;

import io.keyuan.insight.DashboardTile.Figure;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.DealTotals;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.Roles;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackWork;
import io.keyuan.survey.ResultDimension;
import io.keyuan.survey.ResultFilter;
import io.keyuan.survey.ResultRow;
import io.keyuan.survey.Scores;
import io.keyuan.survey.SurveyResultsService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The home dashboard's figures: the business this month against last (managers) and one's own work (everyone).
 * Every figure is a small read — insight's monthly rollups (insight_channel_month, insight_customer_month), the deal
 * and feedback owners' index ranges through their modules' services, the month's survey answers over their covering
 * index — so the page costs the same at a million customers as at a hundred. docs/insight.md defines each tile.
 */
@Service
@Transactional(readOnly = true)
public class DashboardService {
    private final NamedParameterJdbcTemplate jdbc;
    private final ChannelPerformanceService channels;
    private final CustomerSnapshots snapshots;
    private final DealService deals;
    private final FeedbackService feedback;
    private final CampaignService campaigns;
    private final SurveyResultsService surveys;
    private final Clock clock;

    DashboardService(
            NamedParameterJdbcTemplate jdbc,
            ChannelPerformanceService channels,
            CustomerSnapshots snapshots,
            DealService deals,
            FeedbackService feedback,
            CampaignService campaigns,
            SurveyResultsService surveys,
            Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.snapshots = snapshots;
        this.deals = deals;
        this.feedback = feedback;
        this.campaigns = campaigns;
        this.surveys = surveys;
        this.clock = clock;
    }

    /** The business this month against the month before, for managers. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public BusinessDashboard business() {
        YearMonth month = YearMonth.now(clock.withZone(BusinessTime.ZONE));
        YearMonth before = month.minusMonths(1);

        // New customers and revenue (net of returns): the channel rollups, summed over channels.
        Map<YearMonth, BigDecimal[]> sums = new HashMap<>();
        jdbc.query(
                "SELECT month, SUM(new_customers), SUM(revenue) FROM insight_channel_month"
                        + " WHERE month IN (:before, :month) GROUP BY month",
                new MapSqlParameterSource("before", ChannelRollup.month(before))
                        .addValue("month", ChannelRollup.month(month)),
                rs -> {
                    sums.put(
                            YearMonth.from(rs.getDate(1).toLocalDate()),
                            new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                });
        Instant rollupsAsOf = channels.status().asOf();
        BigDecimal[] now = sums.getOrDefault(month, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        // Before the first rebuild the rollups know nothing: no month before to compare with.
        BigDecimal[] then = rollupsAsOf == null
                ? new BigDecimal[] {null, null}
                : sums.getOrDefault(before, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});

        // Deals: open now, and closed this month and last.
        DealTotals dealsNow =
                deals.totals(BusinessTime.monthStart(month), BusinessTime.monthStart(month.plusMonths(1)));
        DealTotals dealsThen = deals.totals(BusinessTime.monthStart(before), BusinessTime.monthStart(month));

        // Active and churned customers: the monthly snapshot, this month (as of its build) and the month before.
        List<CustomerMonth> months = snapshots.months(before, month);
        CustomerMonth snapNow =
                months.stream().filter(m -> m.month().equals(month)).findFirst().orElse(null);
        CustomerMonth snapThen = months.stream()
                .filter(m -> m.month().equals(before))
                .findFirst()
                .orElse(null);

        // NPS: this month's answers against last month's, through the survey module's results.
        Map<String, Scores> byMonth = new HashMap<>();
        for (ResultRow r : surveys.breakdown(
                ResultDimension.MONTH,
                ResultFilter.all().withPeriod(before.atDay(1), LocalDate.now(clock.withZone(BusinessTime.ZONE))))) {
            if (r.key() != null) {
                byMonth.put(r.key(), r.scores());
            }
        }
        Scores npsNow = byMonth.getOrDefault(month.toString(), Scores.NONE);
        Scores npsThen = byMonth.getOrDefault(before.toString(), Scores.NONE);

        List<DashboardTile> tiles = List.of(
                new DashboardTile(Figure.NEW_CUSTOMERS, now[0], then[0], null),
                new DashboardTile(Figure.REVENUE, now[1], then[1], null),
                new DashboardTile(
                        Figure.PIPELINE_VALUE, dealsNow.openValue(), null, BigDecimal.valueOf(dealsNow.open())),
                new DashboardTile(Figure.WIN_RATE, points(dealsNow.winRate()), points(dealsThen.winRate()), null),
                new DashboardTile(
                        Figure.ACTIVE_CUSTOMERS,
                        snapNow == null ? BigDecimal.ZERO : BigDecimal.valueOf(snapNow.active()),
                        snapThen == null ? null : BigDecimal.valueOf(snapThen.active()),
                        null),
                new DashboardTile(
                        Figure.CHURNED_CUSTOMERS,
                        snapNow == null ? BigDecimal.ZERO : BigDecimal.valueOf(snapNow.churned()),
                        snapThen == null ? null : BigDecimal.valueOf(snapThen.churned()),
                        null),
                new DashboardTile(Figure.NPS, npsNow.nps(), npsThen.nps(), null));
        return new BusinessDashboard(
                month,
                tiles,
                dealsNow,
                dealsThen,
                npsNow,
                npsThen,
                rollupsAsOf,
                snapshots.asOf().orElse(null));
    }

    /** The signed-in person's own deals and feedback, and today's work, for everyone. */
    @PreAuthorize(Roles.HAS_STAFF)
    public WorkDashboard work() {
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        YearMonth month = YearMonth.from(today);
        DealTotals mine = deals.myTotals(BusinessTime.monthStart(month), BusinessTime.monthStart(month.plusMonths(1)));
        DealTotals mineBefore =
                deals.myTotals(BusinessTime.monthStart(month.minusMonths(1)), BusinessTime.monthStart(month));
        FeedbackWork items = feedback.myWork();
        long calls = campaigns.phoneCallsWaiting();
        return new WorkDashboard(
                today,
                List.of(
                        new DashboardTile(
                                Figure.MY_OPEN_DEALS, BigDecimal.valueOf(mine.open()), null, mine.openValue()),
                        new DashboardTile(
                                Figure.MY_WON_DEALS,
                                BigDecimal.valueOf(mine.won()),
                                BigDecimal.valueOf(mineBefore.won()),
                                mine.wonValue()),
                        new DashboardTile(
                                Figure.MY_OPEN_FEEDBACK,
                                BigDecimal.valueOf(items.open()),
                                null,
                                BigDecimal.valueOf(items.overdue()))),
                List.of(
                        new DashboardTile(
                                Figure.FEEDBACK_DUE,
                                BigDecimal.valueOf(items.overdue() + items.dueToday()),
                                null,
                                BigDecimal.valueOf(items.overdue())),
                        new DashboardTile(Figure.PHONE_CALLS, BigDecimal.valueOf(calls), null, null)));
    }

    /** A fraction as points with one decimal (0.6667 → 66.7); null stays null. */
    private static BigDecimal points(BigDecimal fraction) {
        return fraction == null
                ? null
                : fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }
}
