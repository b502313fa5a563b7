package io.keyuan.insight;

import io.keyuan.customer.AcquisitionQueries;
import io.keyuan.customer.ReferralQueries;
import io.keyuan.shared.Roles;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals (口碑传播) for managers: of the customers acquired in a period, who was referred and by whom, the top
 * promoters, the referred customers' conversion and 12-month value against the others', and the chain depth. The
 * customer module's {@link ReferralQueries} and {@link AcquisitionQueries} supply the SQL over its tables; the
 * acquisition month comes from insight's own rollup. Only the referred customers are read one by one (through the
 * referred-by index); the others' figures are the period's totals from the monthly rollups less the referred ones',
 * so the two add up to the channel report's new customers and 12-month revenue. docs/insight.md has the details.
 */
@Service
@Transactional(readOnly = true)
public class ReferralService {
    /** Promoters shown on screen. */
    public static final int TOP_PROMOTERS = 20;
    /** The most promoters a report lists (the workbook's). */
    public static final int MAX_PROMOTERS = 500;
    /** Chain depths are counted up to this; longer chains count here. */
    public static final int MAX_DEPTH = 5;

    private final NamedParameterJdbcTemplate jdbc;
    private final ChannelPerformanceService channels;
    private final ChannelRollup rollup;
    private final Clock clock;

    ReferralService(
            NamedParameterJdbcTemplate jdbc, ChannelPerformanceService channels, ChannelRollup rollup, Clock clock) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.rollup = rollup;
        this.clock = clock;
    }

    /** The report with the top {@link #TOP_PROMOTERS} promoters. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ReferralReport report(ReferralQuery query) {
        return report(query, TOP_PROMOTERS);
    }

    /**
     * The report with at most {@code promoters} promoters (1 to {@link #MAX_PROMOTERS}). Refused with a message on
     * the period field as the channel report is: no period, an end before the start, more than 120 months.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ReferralReport report(ReferralQuery query, int promoters) {
        ChannelPerformanceService.checkPeriod(query == null ? null : query.from(), query == null ? null : query.to());
        ReferralQuery q = query.rank() == null
                ? new ReferralQuery(query.from(), query.to(), query.channelId(), ReferralRanking.CUSTOMERS)
                : query;
        YearMonth current = YearMonth.now(clock);
        RollupStatus status = channels.status();
        if (q.from().isAfter(current)) {
            return empty(q, q.to(), ReferralReport.Empty.FUTURE, status);
        }
        YearMonth to = q.to().isAfter(current) ? current : q.to();
        if (status.asOf() == null) {
            return empty(q, to, ReferralReport.Empty.NOT_BUILT, status);
        }
        MapSqlParameterSource p = new MapSqlParameterSource("from", ChannelRollup.month(q.from()))
                .addValue("to", ChannelRollup.month(to))
                .addValue("channelId", q.channelId())
                .addValue("createdFrom", java.sql.Timestamp.from(io.keyuan.shared.BusinessTime.monthStart(q.from())))
                .addValue("limit", Math.clamp(promoters, 1, MAX_PROMOTERS));
        String oneChannel = q.channelId() == null ? "" : " AND channel_id = :channelId";

        ReferralReport.Cohort all = jdbc.queryForObject(
                "SELECT COALESCE(SUM(new_customers), 0), COALESCE(SUM(converted_customers), 0),"
                        + " (SELECT COALESCE(SUM(revenue), 0) FROM insight_channel_cohort"
                        + " WHERE cohort_month BETWEEN :from AND :to AND month >= cohort_month"
                        + " AND month < cohort_month + INTERVAL " + ChannelPerformanceService.LTV_MONTHS + " MONTH"
                        + oneChannel + ")"
                        + " FROM insight_channel_month WHERE month BETWEEN :from AND :to" + oneChannel,
                p,
                (rs, i) -> new ReferralReport.Cohort(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)));
        boolean partial = !to.plusMonths(ChannelPerformanceService.LTV_MONTHS).isBefore(current.plusMonths(1));
        if (all.customers() == 0) {
            return empty(q, to, ReferralReport.Empty.NO_CUSTOMERS, status);
        }

        // The period's referred customers: the referred-by index (those created since the period began), then each
        // one's acquisition row by primary key.
        String referredFrom = " FROM (" + ReferralQueries.referredSince(":createdFrom") + ") r"
                + " JOIN insight_customer_acquisition a ON a.customer_id = r.customer_id";
        String inPeriod = " WHERE a.cohort_month BETWEEN :from AND :to"
                + (q.channelId() == null ? "" : " AND a.channel_id = :channelId");
        // DISTINCT (the rows are one per customer anyway) keeps MariaDB from merging this derived table into the
        // grouping below, which would evaluate the revenue subquery again for every use of the column.
        String withRevenue = "SELECT DISTINCT r.customer_id, r.referrer_id, a.converted, "
                + AcquisitionQueries.netRevenueOf(
                        "r.customer_id",
                        "a.cohort_month",
                        "a.cohort_month + INTERVAL " + ChannelPerformanceService.LTV_MONTHS + " MONTH")
                + " revenue" + referredFrom + inPeriod;
        String order = q.rank() == ReferralRanking.REVENUE
                ? "revenue DESC, customers DESC, referrer_id"
                : "customers DESC, revenue DESC, referrer_id";
        // One pass over the referred customers, grouped by referrer: the top promoters, and over all groups (the
        // window sums, taken before the limit) the referred customers' totals and the number of referrers.
        long[] totals = new long[3];
        BigDecimal[] referredRevenue = {BigDecimal.ZERO};
        List<ReferralReport.Promoter> top = jdbc.query(
                "SELECT g.referrer_id, " + ReferralQueries.code("pc") + ", " + ReferralQueries.name("pc")
                        + ", g.customers, g.converted, g.revenue, g.all_customers, g.all_converted, g.all_revenue,"
                        + " g.referrers FROM (SELECT referrer_id, COUNT(*) customers, SUM(converted) converted,"
                        + " SUM(revenue) revenue, SUM(COUNT(*)) OVER () all_customers,"
                        + " SUM(SUM(converted)) OVER () all_converted, SUM(SUM(revenue)) OVER () all_revenue,"
                        + " COUNT(*) OVER () referrers FROM (" + withRevenue + ") t GROUP BY referrer_id"
                        + " ORDER BY " + order + " LIMIT :limit) g"
                        + ReferralQueries.customerJoin("pc", "g.referrer_id")
                        + " ORDER BY " + order.replace("referrer_id", "g.referrer_id"),
                p,
                (rs, i) -> {
                    totals[0] = rs.getLong(7);
                    totals[1] = rs.getLong(8);
                    referredRevenue[0] = rs.getBigDecimal(9);
                    totals[2] = rs.getLong(10);
                    return new ReferralReport.Promoter(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getBigDecimal(6));
                });
        if (top.isEmpty()) {
            return new ReferralReport(
                    q,
                    q.from(),
                    to,
                    ReferralReport.Cohort.NONE,
                    all,
                    0,
                    List.of(),
                    List.of(),
                    partial,
                    ReferralReport.Empty.NO_REFERRALS,
                    status);
        }
        ReferralReport.Cohort referred = new ReferralReport.Cohort(totals[0], totals[1], referredRevenue[0]);
        // The rollups and the live purchases agree after every change; during a pending rebuild they may not quite.
        ReferralReport.Cohort others = new ReferralReport.Cohort(
                Math.max(0, all.customers() - referred.customers()),
                Math.max(0, all.converted() - referred.converted()),
                all.revenue().subtract(referred.revenue()).max(BigDecimal.ZERO));
        List<ReferralReport.Depth> depths = jdbc.query(
                "SELECT depth, COUNT(*) FROM (SELECT " + ReferralQueries.chainDepth("up", MAX_DEPTH) + " depth"
                        + referredFrom + ReferralQueries.chainJoins("up", "r.referrer_id", MAX_DEPTH) + inPeriod
                        + ") d GROUP BY depth ORDER BY depth",
                p,
                (rs, i) -> new ReferralReport.Depth(rs.getInt(1), rs.getLong(2)));
        return new ReferralReport(q, q.from(), to, referred, others, totals[2], top, depths, partial, null, status);
    }

    private static ReferralReport empty(ReferralQuery q, YearMonth to, ReferralReport.Empty why, RollupStatus status) {
        return new ReferralReport(
                q,
                q.from(),
                to,
                ReferralReport.Cohort.NONE,
                ReferralReport.Cohort.NONE,
                0,
                List.of(),
                List.of(),
                false,
                why,
                status);
    }
}
