package io.keyuan.insight;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.insight.ChannelFigures.Group;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Channel performance for managers: acquisition, conversion, revenue, cost, CAC, ROI and — per acquisition cohort —
 * 12-month value (LTV), LTV:CAC and payback, read from insight's monthly rollups (two index range reads, whatever the
 * number of customers) and grouped by channel, category, acquisition method or month. docs/insight.md defines every
 * figure.
 */
@Service
@Transactional(readOnly = true)
public class ChannelPerformanceService {
    /** The longest period a report covers. */
    public static final int MAX_MONTHS = 120;
    /** The months after acquisition that LTV counts. */
    public static final int LTV_MONTHS = 12;
    /** The months after acquisition that payback looks at. */
    public static final int PAYBACK_HORIZON = 36;

    private final NamedParameterJdbcTemplate jdbc;
    private final ChannelRollup rollup;
    private final ChannelService channels;
    private final JobService jobs;
    private final Clock clock;

    ChannelPerformanceService(
            NamedParameterJdbcTemplate jdbc,
            ChannelRollup rollup,
            ChannelService channels,
            JobService jobs,
            Clock clock) {
        this.jdbc = jdbc;
        this.rollup = rollup;
        this.channels = channels;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The report. Refused with a message on the period field: no period, an end before the start, more than
     * {@link #MAX_MONTHS} months. A period in the future, rollups never built, or a period with nothing in it give
     * an empty report that says why.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ChannelReport report(ChannelReportQuery query) {
        ChannelReportQuery q = validated(query);
        YearMonth current = YearMonth.now(clock);
        RollupStatus status = status();
        if (q.from().isAfter(current)) {
            return empty(q, q.from(), q.to(), ChannelReport.Empty.FUTURE, status);
        }
        YearMonth to = q.to().isAfter(current) ? current : q.to();
        if (status.asOf() == null) {
            return empty(q, q.from(), to, ChannelReport.Empty.NOT_BUILT, status);
        }

        Map<Long, ChannelSummary> byId = new LinkedHashMap<>();
        channels.summaries().forEach(c -> byId.put(c.id(), c));
        Function<Long, Group> channelGroup = id -> {
            ChannelSummary c = byId.get(id);
            return switch (q.by()) {
                case CHANNEL -> new Group(id, c == null ? null : c.name(), null, null, null, false);
                case CATEGORY -> new Group(null, null, c == null ? null : c.category(), null, null, false);
                case METHOD -> new Group(null, null, null, c == null ? null : c.method(), null, false);
                case MONTH -> throw new IllegalStateException("months group by month");
            };
        };

        Map<Group, Tally> tallies = new LinkedHashMap<>();
        for (Group g : listedGroups(q, q.from(), to, byId)) {
            tallies.put(g, new Tally());
        }
        Tally total = new Tally();
        MapSqlParameterSource p = new MapSqlParameterSource("from", ChannelRollup.month(q.from()))
                .addValue("to", ChannelRollup.month(to))
                .addValue("channelId", q.channelId());
        String oneChannel = q.channelId() == null ? "" : " AND channel_id = :channelId";
        jdbc.query(
                "SELECT channel_id, month, new_customers, converted_customers, purchases, revenue, deals_created,"
                        + " deals_won, cost FROM insight_channel_month WHERE month BETWEEN :from AND :to"
                        + oneChannel,
                p,
                rs -> {
                    long channel = rs.getLong(1);
                    YearMonth month = YearMonth.from(rs.getDate(2).toLocalDate());
                    Group g = q.by() == ChannelReportGrouping.MONTH ? monthGroup(month) : channelGroup.apply(channel);
                    for (Tally t : List.of(tallies.computeIfAbsent(g, k -> new Tally()), total)) {
                        t.newCustomers += rs.getLong(3);
                        t.converted += rs.getLong(4);
                        t.purchases += rs.getLong(5);
                        t.revenue = t.revenue.add(rs.getBigDecimal(6));
                        t.deals += rs.getLong(7);
                        t.won += rs.getLong(8);
                        t.cost = t.cost.add(rs.getBigDecimal(9));
                    }
                });
        jdbc.query(
                "SELECT channel_id, cohort_month, PERIOD_DIFF(EXTRACT(YEAR_MONTH FROM month),"
                        + " EXTRACT(YEAR_MONTH FROM cohort_month)) k, SUM(revenue)"
                        + " FROM insight_channel_cohort WHERE cohort_month BETWEEN :from AND :to"
                        + " AND month >= cohort_month AND month < cohort_month + INTERVAL " + PAYBACK_HORIZON
                        + " MONTH" + oneChannel + " GROUP BY channel_id, cohort_month, k",
                p,
                rs -> {
                    long channel = rs.getLong(1);
                    YearMonth cohort = YearMonth.from(rs.getDate(2).toLocalDate());
                    int k = rs.getInt(3);
                    Group g = q.by() == ChannelReportGrouping.MONTH ? monthGroup(cohort) : channelGroup.apply(channel);
                    for (Tally t : List.of(tallies.computeIfAbsent(g, x -> new Tally()), total)) {
                        t.byMonthAfter[k] = t.byMonthAfter[k].add(rs.getBigDecimal(4));
                    }
                });
        if (total.isEmpty()) {
            return empty(q, q.from(), to, ChannelReport.Empty.NO_DATA, status);
        }
        List<ChannelFigures> rows = new ArrayList<>();
        for (Map.Entry<Group, Tally> e : ordered(q.by(), tallies).entrySet()) {
            YearMonth lastCohort = e.getKey().month() != null ? e.getKey().month() : to;
            rows.add(e.getValue().figures(e.getKey(), partial(lastCohort, current)));
        }
        return new ChannelReport(
                q, q.from(), to, rows, total.figures(Group.ofTotal(), partial(to, current)), null, status);
    }

    /** The query with its grouping defaulted; refused as {@link #report} says. */
    static ChannelReportQuery validated(ChannelReportQuery query) {
        checkPeriod(query == null ? null : query.from(), query == null ? null : query.to());
        return query.by() == null
                ? new ChannelReportQuery(query.from(), query.to(), ChannelReportGrouping.CHANNEL, query.channelId())
                : query;
    }

    /** Refuses no period, an end before the start and more than {@link #MAX_MONTHS} months, on the period field. */
    static void checkPeriod(YearMonth from, YearMonth to) {
        if (from == null || to == null) {
            throw KeyuanException.onField("period", "insight.error.period-required");
        }
        if (to.isBefore(from)) {
            throw KeyuanException.onField("period", "insight.error.period-order");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
            throw KeyuanException.onField("period", "insight.error.period-too-long", MAX_MONTHS);
        }
    }

    /**
     * The channel mix over the query's months: per month the new customers and revenue of each channel — or of each
     * category or method when the query groups by those — read from the monthly rollups alone (one index range).
     * Refused as {@link #report} is; empty, with the reason, when the report would be.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ChannelMix mix(ChannelReportQuery query) {
        ChannelReportQuery q = validated(query);
        YearMonth current = YearMonth.now(clock);
        if (q.from().isAfter(current)) {
            return new ChannelMix(q.from(), q.to(), List.of(), List.of(), ChannelReport.Empty.FUTURE);
        }
        YearMonth to = q.to().isAfter(current) ? current : q.to();
        if (rollup.state().asOf() == null) {
            return new ChannelMix(q.from(), to, List.of(), List.of(), ChannelReport.Empty.NOT_BUILT);
        }
        ChannelReportGrouping by = q.by() == ChannelReportGrouping.CATEGORY || q.by() == ChannelReportGrouping.METHOD
                ? q.by()
                : ChannelReportGrouping.CHANNEL;
        Map<Long, ChannelSummary> byId = new LinkedHashMap<>();
        channels.summaries().forEach(c -> byId.put(c.id(), c));
        Map<YearMonth, Map<Group, Object[]>> cells = new LinkedHashMap<>();
        java.util.Set<Group> seen = new java.util.HashSet<>();
        jdbc.query(
                "SELECT channel_id, month, new_customers, revenue FROM insight_channel_month"
                        + " WHERE month BETWEEN :from AND :to AND (new_customers <> 0 OR revenue <> 0)"
                        + (q.channelId() == null ? "" : " AND channel_id = :channelId"),
                new MapSqlParameterSource("from", ChannelRollup.month(q.from()))
                        .addValue("to", ChannelRollup.month(to))
                        .addValue("channelId", q.channelId()),
                rs -> {
                    long id = rs.getLong(1);
                    ChannelSummary c = byId.get(id);
                    Group g = switch (by) {
                        case CATEGORY -> new Group(null, null, c == null ? null : c.category(), null, null, false);
                        case METHOD -> new Group(null, null, null, c == null ? null : c.method(), null, false);
                        default -> new Group(id, c == null ? null : c.name(), null, null, null, false);
                    };
                    seen.add(g);
                    Object[] cell = cells.computeIfAbsent(
                                    YearMonth.from(rs.getDate(2).toLocalDate()), k -> new LinkedHashMap<>())
                            .computeIfAbsent(g, k -> new Object[] {0L, BigDecimal.ZERO});
                    cell[0] = (Long) cell[0] + rs.getLong(3);
                    cell[1] = ((BigDecimal) cell[1]).add(rs.getBigDecimal(4));
                });
        if (seen.isEmpty()) {
            return new ChannelMix(q.from(), to, List.of(), List.of(), ChannelReport.Empty.NO_DATA);
        }
        List<Group> groups = new ArrayList<>(seen);
        groups.sort(order(by));
        List<ChannelMix.Month> months = new ArrayList<>();
        for (YearMonth m = q.from(); !m.isAfter(to); m = m.plusMonths(1)) {
            Map<Group, Object[]> row = cells.getOrDefault(m, Map.of());
            List<Long> customers = new ArrayList<>();
            List<BigDecimal> revenue = new ArrayList<>();
            for (Group g : groups) {
                Object[] cell = row.getOrDefault(g, new Object[] {0L, BigDecimal.ZERO});
                customers.add((Long) cell[0]);
                revenue.add((BigDecimal) cell[1]);
            }
            months.add(new ChannelMix.Month(m, customers, revenue));
        }
        return new ChannelMix(q.from(), to, groups, months, null);
    }

    /** How current the figures are. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public RollupStatus status() {
        ChannelRollup.State s = rollup.state();
        boolean running = jobs.active(ChannelRollupJob.KIND).isPresent();
        return new RollupStatus(s.asOf(), s.rebuiltAt(), s.rebuildMillis(), s.requestedAt(), s.pending(), running);
    }

    /** Starts a full rebuild as a job of the calling manager's (it waits for one already running). */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = false)
    public JobId startRebuild() {
        return jobs.submit(RollupSchedule.request("manual", null));
    }

    /** A cohort still within its first 12 months has not shown its whole LTV yet. */
    private static boolean partial(YearMonth lastCohort, YearMonth current) {
        return !lastCohort.plusMonths(LTV_MONTHS).isBefore(current.plusMonths(1));
    }

    private static Group monthGroup(YearMonth m) {
        return new Group(null, null, null, null, m, false);
    }

    /** The rows shown even when empty: active channels, every category or method, every month of the period. */
    private static List<Group> listedGroups(
            ChannelReportQuery q, YearMonth from, YearMonth to, Map<Long, ChannelSummary> byId) {
        List<Group> groups = new ArrayList<>();
        switch (q.by()) {
            case CHANNEL ->
                byId.values().stream()
                        .filter(c -> q.channelId() == null ? c.active() : c.id() == q.channelId())
                        .forEach(c -> groups.add(new Group(c.id(), c.name(), null, null, null, false)));
            case CATEGORY -> {
                for (ChannelCategory c : ChannelCategory.values()) {
                    groups.add(new Group(null, null, c, null, null, false));
                }
            }
            case METHOD -> {
                for (AcquisitionMethod m : AcquisitionMethod.values()) {
                    groups.add(new Group(null, null, null, m, null, false));
                }
            }
            case MONTH -> {
                for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                    groups.add(monthGroup(m));
                }
            }
        }
        return groups;
    }

    /** Channels by name (no channel and deleted channels last), enums in their order, months ascending. */
    private static Map<Group, Tally> ordered(ChannelReportGrouping by, Map<Group, Tally> tallies) {
        List<Map.Entry<Group, Tally>> entries = new ArrayList<>(tallies.entrySet());
        entries.sort(Map.Entry.comparingByKey(order(by)));
        Map<Group, Tally> sorted = new LinkedHashMap<>();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static java.util.Comparator<Group> order(ChannelReportGrouping by) {
        java.text.Collator names = java.text.Collator.getInstance(java.util.Locale.SIMPLIFIED_CHINESE);
        return switch (by) {
            case CHANNEL ->
                java.util.Comparator.<Group, Boolean>comparing(g -> g.channelName() == null)
                        .thenComparing(g -> g.channelName() == null ? "" : g.channelName(), names)
                        .thenComparing(g -> g.channelId() == 0 ? Long.MAX_VALUE : g.channelId());
            case CATEGORY ->
                java.util.Comparator.comparing(
                        Group::category, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
            case METHOD ->
                java.util.Comparator.comparing(
                        Group::method, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
            case MONTH -> java.util.Comparator.comparing(Group::month);
        };
    }

    private static ChannelReport empty(
            ChannelReportQuery q, YearMonth from, YearMonth to, ChannelReport.Empty why, RollupStatus status) {
        return new ChannelReport(q, from, to, List.of(), null, why, status);
    }

    /** A group's sums; its figures follow from them. */
    static final class Tally {
        long newCustomers;
        long converted;
        long deals;
        long won;
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        /** Revenue of the group's cohorts by months after acquisition (0 = the acquisition month). */
        final BigDecimal[] byMonthAfter = new BigDecimal[PAYBACK_HORIZON];

        Tally() {
            java.util.Arrays.fill(byMonthAfter, BigDecimal.ZERO);
        }

        boolean isEmpty() {
            return newCustomers == 0 && purchases == 0 && deals == 0 && revenue.signum() == 0 && cost.signum() == 0;
        }

        ChannelFigures figures(Group group, boolean ltvPartial) {
            BigDecimal firstYear = BigDecimal.ZERO;
            for (int k = 0; k < LTV_MONTHS; k++) {
                firstYear = firstYear.add(byMonthAfter[k]);
            }
            boolean costed = cost.signum() > 0;
            return new ChannelFigures(
                    group,
                    newCustomers,
                    converted,
                    deals,
                    won,
                    purchases,
                    revenue,
                    cost,
                    ratio(BigDecimal.valueOf(converted), newCustomers),
                    ratio(BigDecimal.valueOf(won), deals),
                    costed && newCustomers > 0 ? money(cost, newCustomers) : null,
                    costed ? revenue.subtract(cost).divide(cost, 4, RoundingMode.HALF_UP) : null,
                    newCustomers > 0 ? money(firstYear, newCustomers) : null,
                    newCustomers > 0 && ltvPartial,
                    costed && newCustomers > 0 ? firstYear.divide(cost, 2, RoundingMode.HALF_UP) : null,
                    costed ? payback() : null);
        }

        private Integer payback() {
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < PAYBACK_HORIZON; k++) {
                sum = sum.add(byMonthAfter[k]);
                if (sum.compareTo(cost) >= 0) {
                    return k + 1;
                }
            }
            return null;
        }

        private static BigDecimal ratio(BigDecimal part, long whole) {
            return whole == 0 ? null : part.divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
        }

        private static BigDecimal money(BigDecimal amount, long count) {
            return amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        }
    }
}
