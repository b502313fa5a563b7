package io.keyuan.cli;

import io.keyuan.customer.CustomerBulkLoader;
import io.keyuan.customer.CustomerChanged;
import io.keyuan.customer.CustomerInsights;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.insight.ChannelPerformanceService;
import io.keyuan.insight.ChannelReport;
import io.keyuan.insight.ChannelReportGrouping;
import io.keyuan.insight.ChannelReportQuery;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Insight at scale (issue 12), at 1,000,000 customers and 5,000,000 purchases, each figure against a floor measured in
 * the same run:
 *
 * <ul>
 *   <li>{@code rollup_rebuild_seconds}: the channel rollups' full rebuild as a manager's "recompute all" starts it
 *       (the {@code insight-rollup} job, to its end), against a bare {@code INSERT … SELECT} of purchases per channel
 *       and month into a temporary table;
 *   <li>{@code channel_report_ms} (by channel) and {@code channel_report_by_month_ms}: the channel report for the last
 *       twelve months through {@link ChannelPerformanceService}, against a plain scan of the raw purchase and customer
 *       tables that aggregates the same counts and sums;
 *   <li>{@code rollup_incremental_ms}: the rollup update after one purchase (what {@code CustomerService.addPurchase}
 *       sets off after its commit), alone, and the whole purchase with it, p50 and p95;
 *   <li>{@code customer_snapshot_rebuild_seconds}: the monthly customer snapshot rebuilt (its job, to its end), per
 *       month against one bare grouped pass over the purchases;
 *   <li>{@code customer_report_ms}: the customer analysis page's reads (its months, the as-of time, the RFM grid),
 *       against one of its months derived straight from the purchases.
 * </ul>
 *
 * A figure is one method of {@link #measure}; one more is one more method there. The suite works in a database of its
 * own ({@code keyuan_bench_insight} when embedded, see {@link CommandLine}): it makes the purchases per customer what
 * it is asked for, which other suites' data must not see. Data of the asked size is reused; otherwise customers are
 * added by {@link DemoSeeder} and purchases topped up (or trimmed) to the asked number, and {@code --reseed} starts
 * over — only in a database whose name starts with {@code keyuan_bench}.
 */
@Component
class InsightBenchmark {
    /** The product of the purchases the incremental figure records (and deletes again). */
    static final String PRODUCT = "BENCH insight";

    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final DemoSeeder seeder;
    private final CustomerBulkLoader loader;
    private final CustomerService customers;
    private final CustomerInsights customerInsights;
    private final ChannelPerformanceService channelReports;
    private final CustomerSnapshots snapshots;
    private final JobService jobs;
    private final ApplicationEventPublisher events;
    private final io.keyuan.insight.DashboardService dashboard;
    private final TransactionTemplate tx;
    private final Clock clock;

    InsightBenchmark(
            JdbcTemplate jdbc,
            DemoSeeder seeder,
            CustomerBulkLoader loader,
            CustomerService customers,
            CustomerInsights customerInsights,
            ChannelPerformanceService channelReports,
            CustomerSnapshots snapshots,
            JobService jobs,
            ApplicationEventPublisher events,
            io.keyuan.insight.DashboardService dashboard,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.seeder = seeder;
        this.loader = loader;
        this.customers = customers;
        this.customerInsights = customerInsights;
        this.channelReports = channelReports;
        this.snapshots = snapshots;
        this.jobs = jobs;
        this.events = events;
        this.dashboard = dashboard;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What every figure's method reads: repeats asked for, and the day and month the run measures at. */
    record Run(int warmup, int repeat, int rebuilds, int purchases, LocalDate today) {
        YearMonth month() {
            return YearMonth.from(today);
        }

        /** The last twelve months, as the reports open. */
        YearMonth yearAgo() {
            return month().minusMonths(11);
        }
    }

    int run(Options o) {
        int customerCount = (int) o.longFlag("customers", 1_000_000, 1_000, 5_000_000);
        long purchaseCount = o.longFlag("purchases", 5_000_000, 1_000, 50_000_000);
        Run run = new Run(
                (int) o.longFlag("warmup", 2, 0, 100),
                (int) o.longFlag("repeat", 9, 1, 1_000),
                (int) o.longFlag("rebuilds", 3, 1, 100),
                (int) o.longFlag("incremental", 200, 10, 100_000),
                LocalDate.now(clock));
        Timing.printServer(jdbc);
        System.out.printf(
                "# %d cores, JVM %s, max heap %d MB; %d warm-up + %d timed runs (rebuilds: %d timed), median%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                run.warmup(),
                run.repeat(),
                run.rebuilds());
        prepare(customerCount, purchaseCount, o.has("reseed"), run.today());
        measure(run);
        return 0;
    }

    /** The figures, in an order where each finds what it reads: the report and the updates read the rebuilt rollups. */
    private void measure(Run r) {
        rollupRebuild(r);
        channelReport(r);
        rollupIncremental(r);
        customerSnapshotRebuild(r);
        customerReport(r);
        dashboard(r);
        System.out.println("# targets: dashboard under 300 ms warm, channel report under 500 ms, rollup rebuild under"
                + " 60 s, incremental rollup update under 20 ms");
    }

    // ---- the figures ----

    private void rollupRebuild(Run r) {
        double[] seconds = new double[Math.min(r.warmup(), 1) + r.rebuilds()];
        JobView last = null;
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            last = finished("rollup rebuild", channelReports.startRebuild());
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        double rebuild = median(Arrays.copyOfRange(seconds, seconds.length - r.rebuilds(), seconds.length));
        String month = BusinessTime.sqlMonth("p.purchase_date");
        double floor = Timing.median(
                        1,
                        Math.min(r.rebuilds(), 3),
                        () -> inOneConnection(s -> {
                            s.execute("DROP TEMPORARY TABLE IF EXISTS bench_insight_rollup_floor");
                            s.execute("CREATE TEMPORARY TABLE bench_insight_rollup_floor (channel_id BIGINT NOT NULL,"
                                    + " month DATE NOT NULL, purchases INT NOT NULL, revenue DECIMAL(18, 2) NOT NULL,"
                                    + " PRIMARY KEY (channel_id, month))");
                            long rows = s.executeUpdate("INSERT INTO bench_insight_rollup_floor SELECT"
                                    + " COALESCE(c.source_channel_id, 0), " + month + ", COUNT(*), SUM(p.amount)"
                                    + " FROM purchase p JOIN customer c ON c.id = p.customer_id GROUP BY 1, 2");
                            s.execute("DROP TEMPORARY TABLE bench_insight_rollup_floor");
                            return rows;
                        }))
                / 1000;
        System.out.printf(
                "# rollup rebuild: each run %s s (the first a warm-up unless --warmup 0); the last wrote %s"
                        + " acquisition rows, %s cohort rows, %s channel-month rows, %s ms by its own clock%n",
                Arrays.toString(round(seconds)),
                last.summary().get("customers"),
                last.summary().get("cohortRows"),
                last.summary().get("monthRows"),
                last.summary().get("millis"));
        bench("rollup_rebuild_seconds", rebuild, "s");
        bench("rollup_rebuild_floor_seconds", floor, "s");
        bench("rollup_rebuild_ratio_to_floor", rebuild / floor, "x");
    }

    private void channelReport(Run r) {
        ChannelReportQuery byChannel =
                new ChannelReportQuery(r.yearAgo(), r.month(), ChannelReportGrouping.CHANNEL, null);
        ChannelReportQuery byMonth = new ChannelReportQuery(r.yearAgo(), r.month(), ChannelReportGrouping.MONTH, null);
        ChannelReport report = channelReports.report(byChannel);
        if (report.empty() != null) {
            throw new CommandException("the channel report is empty (" + report.empty() + "): nothing to measure");
        }
        double channelMs = Timing.median(
                r.warmup(),
                r.repeat(),
                () -> channelReports.report(byChannel).rows().size());
        double monthMs = Timing.median(
                r.warmup(),
                r.repeat(),
                () -> channelReports.report(byMonth).rows().size());
        long[] raw = new long[2];
        double rawMs = Timing.median(1, Math.min(r.repeat(), 3), () -> {
            long[] sums = rawScan(r.yearAgo(), r.month());
            raw[0] = sums[0];
            raw[1] = sums[1];
            return sums[0];
        });
        System.out.printf(
                "# channel report for %s..%s: %d channel rows, %,d purchases and %,d customers acquired in the total"
                        + " (raw scan: %,d and %,d)%n",
                r.yearAgo(),
                r.month(),
                report.rows().size(),
                report.total().purchases(),
                report.total().newCustomers(),
                raw[0],
                raw[1]);
        bench("channel_report_ms", channelMs, "ms");
        bench("channel_report_by_month_ms", monthMs, "ms");
        bench("channel_report_raw_scan_ms", rawMs, "ms");
        bench("channel_report_ratio_to_raw_scan", channelMs / rawMs, "x");
    }

    /**
     * The report's counts and sums straight from the raw tables, without any rollup: purchases and revenue per
     * channel and month of the period, and customers acquired (and of them, bought) per channel and month. Returns
     * the period's purchases and customers acquired.
     */
    private long[] rawScan(YearMonth from, YearMonth to) {
        long[] totals = new long[2];
        jdbc.query(
                "SELECT COALESCE(c.source_channel_id, 0) ch, " + BusinessTime.sqlMonth("p.purchase_date")
                        + " m, COUNT(*) n, SUM(p.amount) revenue FROM purchase p JOIN customer c ON c.id = p.customer_id"
                        + " WHERE p.purchase_date >= ? AND p.purchase_date < ? GROUP BY ch, m",
                (ResultSet rs) -> {
                    totals[0] += rs.getLong("n");
                },
                Date.valueOf(from.atDay(1)),
                Date.valueOf(to.plusMonths(1).atDay(1)));
        String created = BusinessTime.sqlDate("MIN(c.created_at)");
        jdbc.query(
                "SELECT a.ch, a.cohort, COUNT(*) n, SUM(a.bought) bought FROM (SELECT MIN(COALESCE(c.source_channel_id,"
                        + " 0)) ch, "
                        + BusinessTime.sqlMonth(
                                "LEAST(" + created + ", COALESCE(MIN(p.purchase_date), " + created + "))")
                        + " cohort, COUNT(p.id) > 0 bought FROM customer c LEFT JOIN purchase p ON"
                        + " p.customer_id = c.id GROUP BY c.id) a WHERE a.cohort BETWEEN ? AND ? GROUP BY a.ch, a.cohort",
                (ResultSet rs) -> {
                    totals[1] += rs.getLong("n");
                },
                Date.valueOf(from.atDay(1)),
                Date.valueOf(to.atDay(1)));
        return totals;
    }

    /**
     * One purchase recorded through the customer service for each of {@code incremental} customers who have bought
     * before (dated today, as staff record them): the whole call, whose rollup update runs on this thread after the
     * commit; and, for as many other such customers, the rollup update alone — the same event after an empty
     * commit, which recomputes the same keys from the source rows. Two samples, so that neither finds the other's
     * rows in the cache. The recorded purchases are deleted again at the end (untimed).
     */
    private void rollupIncremental(Run r) {
        int n = r.purchases();
        int warm = Math.min(r.warmup() * 5, 20);
        List<Long> picked = jdbc.queryForList(
                "SELECT customer_id FROM customer_metrics WHERE frequency > 0 ORDER BY RAND(7) LIMIT ?",
                Long.class,
                2 * (n + warm));
        if (picked.size() < 2 * (n + warm)) {
            throw new CommandException("too few customers with purchases for " + n + " timed purchases");
        }
        Set<YearMonth> months = Set.of(r.month());
        double[] purchase = new double[n];
        double[] update = new double[n];
        long[] updated = new long[n];
        List<Long> recorded = new ArrayList<>();
        try {
            for (int i = 0; i < n + warm; i++) {
                long buyer = picked.get(2 * i);
                long other = picked.get(2 * i + 1);
                long t = System.nanoTime();
                recorded.add(customers.recordPurchase(
                        new NewPurchase(buyer, r.today(), PRODUCT, 1, new BigDecimal("99.00"), SalesChannel.STORE)));
                double purchaseMs = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                tx.executeWithoutResult(s -> events.publishEvent(new CustomerChanged(other, months)));
                double updateMs = (System.nanoTime() - t) / 1e6;
                if (i >= warm) {
                    purchase[i - warm] = purchaseMs;
                    update[i - warm] = updateMs;
                    updated[i - warm] = other;
                }
            }
        } finally {
            recorded.forEach(customers::deletePurchase);
        }
        System.out.println("# rollup update alone by the size of the customer's cohort (its customers who have"
                + " bought, each one index probe of the recount): " + byCohortSize(updated, update));
        Arrays.sort(purchase);
        Arrays.sort(update);
        double updateP50 = Timing.percentile(update, 50);
        double purchaseP50 = Timing.percentile(purchase, 50);
        System.out.printf(
                "# incremental: %d purchases dated today by customers who had bought (+%d warm-up), and the rollup"
                        + " update alone for %d others; the purchase without its rollup update: about %.1f ms (p50)%n",
                n, warm, n, purchaseP50 - updateP50);
        bench("rollup_incremental_ms", updateP50, "ms");
        bench("rollup_incremental_p95_ms", Timing.percentile(update, 95), "ms");
        bench("purchase_with_rollup_ms", purchaseP50, "ms");
        bench("purchase_with_rollup_p95_ms", Timing.percentile(purchase, 95), "ms");
        bench("rollup_share_of_purchase", 100 * updateP50 / purchaseP50, "%");
    }

    /** The p50 of the update times of customers in small, middling and big acquisition cohorts. */
    private String byCohortSize(long[] customerIds, double[] times) {
        java.util.Map<Long, Long> size = new java.util.HashMap<>();
        jdbc.query(
                "SELECT a.customer_id, (SELECT COUNT(*) FROM insight_customer_acquisition k WHERE k.channel_id ="
                        + " a.channel_id AND k.cohort_month = a.cohort_month AND k.converted) n"
                        + " FROM insight_customer_acquisition a WHERE a.customer_id IN ("
                        + String.join(
                                ",",
                                Arrays.stream(customerIds)
                                        .mapToObj(Long::toString)
                                        .toList()) + ")",
                (ResultSet rs) -> {
                    size.put(rs.getLong(1), rs.getLong(2));
                });
        long[][] bounds = {{0, 2_000}, {2_000, 10_000}, {10_000, Long.MAX_VALUE}};
        StringBuilder sb = new StringBuilder();
        for (long[] b : bounds) {
            double[] in = java.util.stream.IntStream.range(0, customerIds.length)
                    .filter(i -> {
                        long n = size.getOrDefault(customerIds[i], 0L);
                        return n >= b[0] && n < b[1];
                    })
                    .mapToDouble(i -> times[i])
                    .sorted()
                    .toArray();
            sb.append(sb.isEmpty() ? "" : "; ")
                    .append(
                            b[0] == 0
                                    ? String.format("under %,d", b[1])
                                    : b[1] == Long.MAX_VALUE
                                            ? String.format("%,d or more", b[0])
                                            : String.format("%,d to %,d", b[0], b[1] - 1))
                    .append(
                            in.length == 0
                                    ? ": none"
                                    : String.format(
                                            ": p50 %.1f ms (%d customers)", Timing.percentile(in, 50), in.length));
        }
        return sb.toString();
    }

    private void customerSnapshotRebuild(Run r) {
        int months = snapshots.monthsToBuild();
        double[] seconds = new double[r.rebuilds()];
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            finished("customer snapshot rebuild", snapshots.startRebuild());
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        double rebuild = median(seconds);
        double pass = Timing.median(
                1,
                Math.min(r.rebuilds(), 3),
                () -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM (SELECT customer_id, MIN(purchase_date) f, MAX(purchase_date) l,"
                                + " SUM(amount) s FROM purchase GROUP BY customer_id) t",
                        Long.class));
        System.out.printf(
                "# customer snapshot: %d months written per rebuild, each run %s s (no warm-up: each run is whole)%n",
                months, Arrays.toString(round(seconds)));
        bench("customer_snapshot_rebuild_seconds", rebuild, "s");
        bench("customer_snapshot_month_ms", rebuild * 1000 / months, "ms");
        bench("customer_snapshot_floor_month_ms", pass, "ms");
        bench("customer_snapshot_ratio_to_floor", rebuild * 1000 / months / pass, "x");
    }

    private void customerReport(Run r) {
        YearMonth from = r.yearAgo();
        YearMonth to = r.month();
        double page = Timing.median(r.warmup(), r.repeat(), () -> {
            snapshots.asOf();
            return snapshots.months(from, to).size()
                    + customerInsights.rfmGrid().size();
        });
        double monthsMs = Timing.median(
                r.warmup(), r.repeat(), () -> snapshots.months(from, to).size());
        double gridMs = Timing.median(
                r.warmup(), r.repeat(), () -> customerInsights.rfmGrid().size());
        double cellMs = Timing.median(
                r.warmup(),
                r.repeat(),
                () -> customerInsights.rfmCell(5, 5, 100).size());
        double rawMonth = Timing.median(
                1,
                Math.min(r.repeat(), 3),
                () -> customerInsights.lifecycleAsOf(to.atDay(1), r.today()).total());
        System.out.printf(
                "# customer report for %s..%s: months %.1f ms, RFM grid %.1f ms (one grouped pass over the metrics),"
                        + " a cell's 100 customers %.1f ms%n",
                from, to, monthsMs, gridMs, cellMs);
        bench("customer_report_ms", page, "ms");
        bench("customer_report_raw_month_ms", rawMonth, "ms");
        bench("customer_report_ratio_to_raw_month", page / rawMonth, "x");
    }

    /**
     * The home dashboard as the home view asks for it (the business tiles and the user's own work), warm, against
     * two of its figures — new customers and net revenue of this month and the last — read from the raw tables.
     */
    private void dashboard(Run r) {
        double page = Timing.median(r.warmup(), r.repeat(), () -> {
            dashboard.business();
            dashboard.work();
            return 1;
        });
        java.sql.Date lastMonth = java.sql.Date.valueOf(r.month().minusMonths(1).atDay(1));
        double raw = Timing.median(1, Math.min(r.repeat(), 3), () -> {
            Long created =
                    jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE created_at >= ?", Long.class, lastMonth);
            java.math.BigDecimal revenue = jdbc.queryForObject(
                    "SELECT SUM(amount) FROM purchase WHERE purchase_date >= ?", java.math.BigDecimal.class, lastMonth);
            return (created == null ? 0 : created) + (revenue == null ? 0 : revenue.longValue());
        });
        bench("dashboard_ms", page, "ms");
        bench("dashboard_raw_two_figures_ms", raw, "ms");
        bench("dashboard_ratio_to_raw", page / raw, "x");
    }

    // ---- the data ----

    /**
     * Makes the database hold {@code customerCount} customers and exactly {@code purchaseCount} purchases: reused
     * when it does; customers added by the demo seeder; purchases topped up (each an extra purchase of a customer who
     * has bought, dated between their first and last) or the newest trimmed; then metrics refreshed once.
     */
    private void prepare(int customerCount, long purchaseCount, boolean reseed, LocalDate today) {
        removeLeftovers();
        String database = jdbc.queryForObject("SELECT DATABASE()", String.class);
        long haveCustomers = loader.customerCount();
        long havePurchases = purchaseCount();
        System.out.printf(
                "# insight: database %s holds %,d customers and %,d purchases; %,d and %,d wanted%n",
                database, haveCustomers, havePurchases, customerCount, purchaseCount);
        if (!reseed && haveCustomers == customerCount && havePurchases == purchaseCount) {
            return;
        }
        long started = System.nanoTime();
        if (reseed || haveCustomers > customerCount) {
            startOver(database);
            haveCustomers = 0;
        }
        if (haveCustomers < customerCount) {
            seeder.insert(
                    (int) (customerCount - haveCustomers),
                    42L + haveCustomers,
                    today,
                    line -> System.out.println("#   " + line));
        }
        havePurchases = purchaseCount();
        if (havePurchases < purchaseCount) {
            addPurchases(purchaseCount - havePurchases, today);
        } else if (havePurchases > purchaseCount) {
            requireBenchDatabase(database, "trim the purchases to " + purchaseCount);
            // The newest go: the last customers seeded lose their purchases and become prospects.
            jdbc.update("DELETE FROM purchase ORDER BY id DESC LIMIT " + (havePurchases - purchaseCount));
            System.out.printf("#   %,d purchases removed%n", havePurchases - purchaseCount);
        }
        seeder.refreshAfterInsert();
        System.out.printf(
                "# seeded in %.1f s: %,d customers, %,d purchases%n",
                (System.nanoTime() - started) / 1e9, loader.customerCount(), purchaseCount());
    }

    /** Extra purchases for random customers who have bought, in JDBC batches through the customer module's loader. */
    private void addPurchases(long count, LocalDate today) {
        long started = System.nanoTime();
        List<long[]> buyers = new ArrayList<>();
        jdbc.query(
                "SELECT customer_id, MIN(purchase_date) f, MAX(purchase_date) l FROM purchase GROUP BY customer_id",
                (ResultSet rs) -> {
                    buyers.add(new long[] {
                        rs.getLong(1),
                        rs.getDate(2).toLocalDate().toEpochDay(),
                        rs.getDate(3).toLocalDate().toEpochDay()
                    });
                });
        if (buyers.isEmpty()) {
            throw new CommandException("no customer has a purchase to add more to");
        }
        DemoDataGenerator generator = new DemoDataGenerator(4242L + count, today, List.of(), List.of());
        SplittableRandom pick = new SplittableRandom(77L + count);
        List<NewPurchase> batch = new ArrayList<>(BATCH);
        for (long i = 0; i < count; i++) {
            long[] b = buyers.get(pick.nextInt(buyers.size()));
            batch.add(generator.extraPurchase(b[0], LocalDate.ofEpochDay(b[1]), LocalDate.ofEpochDay(b[2])));
            if (batch.size() == BATCH || i == count - 1) {
                loader.insertPurchases(batch);
                batch.clear();
            }
            if ((i + 1) % 1_000_000 == 0 || i == count - 1) {
                System.out.printf("#   %,d extra purchases%n", i + 1);
            }
        }
        System.out.printf(
                "#   %,d extra purchases for %,d customers who had bought, in %.1f s%n",
                count, buyers.size(), (System.nanoTime() - started) / 1e9);
    }

    /** Purchases an interrupted run recorded for the incremental figure go first (through the service). */
    private void removeLeftovers() {
        List<Long> left = jdbc.queryForList("SELECT id FROM purchase WHERE product = ?", Long.class, PRODUCT);
        left.forEach(customers::deletePurchase);
        if (!left.isEmpty()) {
            System.out.printf("# removed %d purchases an interrupted run had recorded%n", left.size());
        }
    }

    /** Empties the customer, purchase and insight tables: only in a benchmark database (nothing else lives there). */
    private void startOver(String database) {
        requireBenchDatabase(database, "start over");
        System.out.println("#   starting over: emptying customers, purchases and the insight tables");
        inOneConnection(s -> {
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String table : List.of(
                        "purchase_return",
                        "purchase",
                        "customer_metrics",
                        "customer",
                        "insight_customer_acquisition",
                        "insight_channel_cohort",
                        "insight_channel_month",
                        "insight_customer_month")) {
                    s.execute("TRUNCATE TABLE " + table);
                }
                s.execute("UPDATE insight_rollup_state SET as_of = NULL, rebuilt_at = NULL, rebuild_millis = NULL");
            } finally {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            }
            return 0;
        });
    }

    private static void requireBenchDatabase(String database, String what) {
        if (database == null || !database.startsWith("keyuan_bench")) {
            throw new CommandException("the suite would " + what + " in database " + database
                    + "; it does that only in a database named keyuan_bench…");
        }
    }

    private long purchaseCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM purchase", Long.class);
        return n == null ? 0 : n;
    }

    // ---- helpers ----

    private JobView finished(String what, JobId job) {
        JobView view = jobs.await(job, Duration.ofHours(2));
        if (view.status() != JobStatus.SUCCEEDED) {
            throw new CommandException(what + " did not succeed: " + view.status() + " " + view.errorKey());
        }
        return view;
    }

    private interface StatementWork {
        long run(Statement s) throws java.sql.SQLException;
    }

    /** Work on one connection: a temporary table or a session setting lives on the connection that made it. */
    private long inOneConnection(StatementWork work) {
        Long result = jdbc.execute((ConnectionCallback<Long>) c -> {
            try (Statement s = c.createStatement()) {
                return work.run(s);
            }
        });
        return result == null ? 0 : result;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] round(double[] seconds) {
        double[] r = new double[seconds.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.round(seconds[i] * 100) / 100.0;
        }
        return r;
    }

    /** One figure: {@code BENCH insight.<metric> <value> <unit>}. */
    static void bench(String metric, double value, String unit) {
        String v = switch (unit) {
            case "ms", "%" -> String.format(Locale.ROOT, "%.1f", value);
            case "x" ->
                value < 0.1 ? String.format(Locale.ROOT, "%.4f", value) : String.format(Locale.ROOT, "%.2f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
        System.out.println("BENCH insight." + metric + " " + v + " " + unit);
    }
}
