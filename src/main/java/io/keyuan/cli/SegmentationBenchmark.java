package io.keyuan.cli;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.or;
import static io.keyuan.segmentation.RuleNode.when;

import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshRun;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SqlRuleCompiler;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Segmentation at scale: the live count of a typical 5-condition rule, of a 12-condition nested one and of a return
 * rate rule alone and within two cities (through {@link SegmentService#count}, as the editor calls it), against the
 * baseline of a plain count over the rule's joined tables; and the refresh of 20 segments in three rule sets with membership history, first from empty
 * membership and again after a slice of customers changed. Its rule sets are named {@value #PREFIX}… and
 * replaced on every run.
 */
@Component
class SegmentationBenchmark {
    static final String PREFIX = "BENCH segmentation ";
    /** The reason of the returns the suite adds itself, so that it adds them once per database. */
    static final String RETURN_REASON = "BENCH segmentation return";

    private final SegmentService segments;
    private final SegmentMembershipService membership;
    private final DemoSeeder seeder;
    private final JdbcTemplate jdbc;

    SegmentationBenchmark(
            SegmentService segments, SegmentMembershipService membership, DemoSeeder seeder, JdbcTemplate jdbc) {
        this.segments = segments;
        this.membership = membership;
        this.seeder = seeder;
        this.jdbc = jdbc;
    }

    /** lifecycle ∈ {ACTIVE, NEW} ∧ age 25–45 ∧ channel category ONLINE ∧ total spend ≥ 1000 ∧ female. */
    static RuleNode fiveConditions() {
        return and(
                when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW"),
                when(SegmentField.AGE, Operator.BETWEEN, "25", "45"),
                when(SegmentField.CHANNEL_CATEGORY, Operator.EQ, "ONLINE"),
                when(SegmentField.TOTAL_SPEND, Operator.GE, "1000"),
                when(SegmentField.GENDER, Operator.EQ, "FEMALE"));
    }

    /** Return rate above 20 %: an expression over the metrics row, which no index serves. */
    static RuleNode returnRate() {
        return when(SegmentField.RETURN_RATE, Operator.GT, "20");
    }

    /** Return rate above 20 % among the customers of two cities (the customer index finds them first). */
    static RuleNode returnRateInCities() {
        return and(when(SegmentField.CITY, Operator.IN, "北京", "上海"), returnRate());
    }

    /** Twelve conditions in nested AND / OR / NOT groups. */
    static RuleNode twelveConditions() {
        return and(
                or(
                        when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW"),
                        and(
                                when(SegmentField.LIFECYCLE, Operator.EQ, "INACTIVE"),
                                when(SegmentField.DAYS_SINCE_LAST_PURCHASE, Operator.LE, "400"))),
                when(SegmentField.AGE, Operator.BETWEEN, "20", "55"),
                not(or(
                        when(SegmentField.OCCUPATION, Operator.EQ, "STUDENT"),
                        when(SegmentField.INCOME, Operator.LT, "30000"))),
                or(
                        when(SegmentField.CHANNEL_CATEGORY, Operator.IN, "ONLINE", "REFERRAL"),
                        when(SegmentField.REFERRED, Operator.EQ, "true")),
                when(SegmentField.TOTAL_SPEND, Operator.GE, "500"),
                when(SegmentField.PURCHASE_COUNT, Operator.GE, "2"),
                not(when(SegmentField.CITY, Operator.IN, "拉萨", "西宁")),
                when(SegmentField.GENDER, Operator.IN, "FEMALE", "MALE"),
                when(SegmentField.VALUE_LEVEL, Operator.IN, "HIGH", "LOW"));
    }

    int run(Options o) {
        int target = (int) o.longFlag("customers", 1_000_000, 1_000, 5_000_000);
        int repeat = (int) o.longFlag("repeat", 7, 1, 1_000);
        int warmup = (int) o.longFlag("warmup", 2, 0, 100);
        seeder.ensureCustomers("segmentation", target);
        ensureReturns();
        System.out.printf(
                "# %d cores, JVM %s, %d warm-up + %d timed runs, median%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), warmup, repeat);

        RuleNode five = fiveConditions();
        RuleNode twelve = twelveConditions();
        // MariaDB drops the unused LEFT JOINs from a bare COUNT(*), so that one reads the customer key only; counting
        // a column of each joined table forces the full pass over both that a rule without indexes costs.
        double countAll = Timing.median(
                1, 3, () -> jdbc.queryForObject("SELECT COUNT(*) FROM " + SqlRuleCompiler.FROM, Long.class));
        double fullPass = Timing.median(
                1,
                3,
                () -> jdbc.queryForObject(
                        "SELECT COUNT(m.monetary) + COUNT(c.city) FROM " + SqlRuleCompiler.FROM, Long.class));
        double count5 = Timing.median(warmup, repeat, () -> segments.count(five));
        double count12 = Timing.median(warmup, repeat, () -> segments.count(twelve));
        double countReturns = Timing.median(warmup, repeat, () -> segments.count(returnRate()));
        double countReturnsInCities = Timing.median(warmup, repeat, () -> segments.count(returnRateInCities()));
        System.out.printf(
                "# 5-condition rule selects %,d; 12-condition rule selects %,d%n",
                segments.count(five), segments.count(twelve));
        System.out.printf(
                "# return rate > 20 %% selects %,d; in 北京 or 上海 %,d%n",
                segments.count(returnRate()), segments.count(returnRateInCities()));

        removeBenchRuleSets();
        int created = createBenchRuleSets(five, twelve);
        long otherSegments = count("SELECT COUNT(*) FROM segment") - created;
        System.out.printf(
                "# %d bench segments in 3 rule sets (plus %d other segments in this database)%n",
                created, otherSegments);

        RefreshRun first = refresh();
        double firstSeconds = seconds(first);
        int slice = changeSlice();
        RefreshRun second;
        try {
            second = refresh();
        } finally {
            changeSlice(); // the change swaps values, so doing it again restores the data
        }
        double secondSeconds = seconds(second);
        System.out.printf(
                "# first refresh: %s, %,d entries, %,d exits, %d skipped; second (after changing %,d customers'"
                        + " metrics): %s, %,d entries, %,d exits%n",
                first.status(),
                first.entered(),
                first.exited(),
                first.skipped().size(),
                slice,
                second.status(),
                second.entered(),
                second.exited());
        System.out.printf(
                "# membership rows now: %,d; event rows: %,d%n",
                count("SELECT COUNT(*) FROM segment_membership"),
                count("SELECT COUNT(*) FROM segment_membership_event"));

        Timing.print("segmentation.count_all_baseline_ms", countAll);
        Timing.print("segmentation.full_join_pass_baseline_ms", fullPass);
        Timing.print("segmentation.count_5_conditions_ms", count5);
        Timing.print("segmentation.count_12_conditions_ms", count12);
        Timing.print("segmentation.count_return_rate_ms", countReturns);
        Timing.print("segmentation.count_return_rate_in_cities_ms", countReturnsInCities);
        System.out.printf("BENCH segmentation.refresh_20_rules_seconds %.1f s%n", firstSeconds);
        System.out.printf("BENCH segmentation.refresh_20_rules_again_seconds %.1f s%n", secondSeconds);
        System.out.println("# targets: count of a 5-condition rule under 300 ms; refresh of 20 rules under 60 s");
        return 0;
    }

    private RefreshRun refresh() {
        return refresh(membership);
    }

    /**
     * Returns on one purchase in eight (money only, 10–50 % of its amount), added once per database, and the
     * customers' returned amounts summed as V57 does; the seeder makes purchases only.
     */
    private void ensureReturns() {
        long have = count("SELECT COUNT(*) FROM purchase_return WHERE reason = '" + RETURN_REASON + "'");
        if (have > 0) {
            System.out.printf("# %,d bench returns present%n", have);
            return;
        }
        long started = System.nanoTime();
        int added = jdbc.update("""
                INSERT INTO purchase_return (purchase_id, customer_id, return_date, quantity, amount, reason, version,
                                             created_at, created_by, updated_at, updated_by)
                SELECT p.id, p.customer_id, p.purchase_date, 0, ROUND(p.amount * (1 + p.id % 5) / 10, 2), ?, 0,
                       UTC_TIMESTAMP(6), 'bench', UTC_TIMESTAMP(6), 'bench'
                FROM purchase p WHERE p.id % 8 = 3 AND p.amount >= 1""", RETURN_REASON);
        jdbc.update("""
                UPDATE customer_metrics m
                JOIN (SELECT r.customer_id, SUM(r.amount) AS returned FROM purchase_return r GROUP BY r.customer_id) t
                    ON t.customer_id = m.customer_id
                SET m.returned_amount = t.returned""");
        System.out.printf("# added %,d returns in %.1f s%n", added, (System.nanoTime() - started) / 1e9);
    }

    /** Starts a membership refresh of every rule set and waits for it, printing its progress. */
    static RefreshRun refresh(SegmentMembershipService membership) {
        io.keyuan.shared.jobs.JobId job = membership.startRefresh();
        // the refresh is a job: its run exists once a worker has started it
        while (membership.runOf(job).isEmpty() && membership.refreshJob(job).active()) {
            Timing.pause(50);
        }
        long id = membership.runOf(job).orElseThrow().id();
        RefreshRun run = membership.run(id);
        int lastDone = -1;
        while (run.running()) {
            Timing.pause(200);
            run = membership.run(id);
            if (run.segmentsDone() != lastDone) {
                lastDone = run.segmentsDone();
                System.out.printf("#   refresh %d: %d/%d segments%n", id, run.segmentsDone(), run.segmentsTotal());
            }
        }
        if (run.error() != null) {
            System.out.println("# refresh error: " + run.error());
        }
        return run;
    }

    private static double seconds(RefreshRun run) {
        return java.time.Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0;
    }

    /** One customer in a hundred swaps ACTIVE with INACTIVE and HIGH with LOW value: both directions, no drift. */
    private int changeSlice() {
        return jdbc.update("""
                UPDATE customer_metrics
                SET lifecycle = CASE lifecycle WHEN 'ACTIVE' THEN 'INACTIVE' WHEN 'INACTIVE' THEN 'ACTIVE'
                                ELSE lifecycle END,
                    value_level = CASE value_level WHEN 'HIGH' THEN 'LOW' ELSE 'HIGH' END
                WHERE customer_id % 100 = 7""");
    }

    private int createBenchRuleSets(RuleNode five, RuleNode twelve) {
        Map<String, RuleNode> value = new java.util.LinkedHashMap<>();
        value.put(
                "高价值活跃",
                and(
                        when(SegmentField.VALUE_LEVEL, Operator.EQ, "HIGH"),
                        when(SegmentField.LIFECYCLE, Operator.EQ, "ACTIVE")));
        value.put("高价值", when(SegmentField.VALUE_LEVEL, Operator.EQ, "HIGH"));
        value.put("活跃与新客", when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW"));
        value.put("不活跃", when(SegmentField.LIFECYCLE, Operator.EQ, "INACTIVE"));
        value.put("流失", when(SegmentField.LIFECYCLE, Operator.EQ, "CHURNED"));
        value.put("潜在", when(SegmentField.LIFECYCLE, Operator.EQ, "POTENTIAL"));
        Map<String, RuleNode> marketing = new java.util.LinkedHashMap<>();
        marketing.put("线上女性活跃客户", five);
        marketing.put("嵌套十二条件", twelve);
        marketing.put("口碑客户", when(SegmentField.REFERRED, Operator.EQ, "true"));
        marketing.put("大额客户", when(SegmentField.TOTAL_SPEND, Operator.GE, "5000"));
        marketing.put("多次购买", when(SegmentField.PURCHASE_COUNT, Operator.GE, "5"));
        marketing.put("沉睡客户", when(SegmentField.DAYS_SINCE_LAST_PURCHASE, Operator.BETWEEN, "90", "365"));
        marketing.put("学生", when(SegmentField.OCCUPATION, Operator.EQ, "STUDENT"));
        marketing.put("京沪", when(SegmentField.CITY, Operator.IN, "北京", "上海"));
        Map<String, RuleNode> age = new java.util.LinkedHashMap<>();
        age.put("25岁以下", when(SegmentField.AGE, Operator.LT, "25"));
        age.put("25-34岁", when(SegmentField.AGE, Operator.BETWEEN, "25", "34"));
        age.put("35-44岁", when(SegmentField.AGE, Operator.BETWEEN, "35", "44"));
        age.put("45-59岁", when(SegmentField.AGE, Operator.BETWEEN, "45", "59"));
        age.put("60岁及以上", when(SegmentField.AGE, Operator.GE, "60"));
        age.put("未知年龄", when(SegmentField.AGE, Operator.IS_EMPTY));
        return create("A 价值分层", RuleSetMode.EXCLUSIVE, value)
                + create("B 营销人群", RuleSetMode.OVERLAPPING, marketing)
                + create("C 年龄段", RuleSetMode.EXCLUSIVE, age);
    }

    private int create(String name, RuleSetMode mode, Map<String, RuleNode> rules) {
        RuleSetSummary set = segments.createRuleSet(PREFIX + name, mode);
        rules.forEach((segment, rule) -> segments.createSegment(set.id(), segment, rule, "bench"));
        return rules.size();
    }

    /** Membership and events first, in slices, so that no single delete holds millions of row locks. */
    private void removeBenchRuleSets() {
        List<Long> ids = jdbc.queryForList(
                "SELECT s.id FROM segment s JOIN segment_rule_set rs ON rs.id = s.rule_set_id WHERE rs.name LIKE ?",
                Long.class,
                PREFIX + "%");
        long started = System.nanoTime();
        for (long id : ids) {
            while (jdbc.update("DELETE FROM segment_membership WHERE segment_id = ? LIMIT 50000", id) > 0) {
                // next slice
            }
            while (jdbc.update("DELETE FROM segment_membership_event WHERE segment_id = ? LIMIT 50000", id) > 0) {
                // next slice
            }
        }
        jdbc.update("DELETE FROM segment_rule_set WHERE name LIKE ?", PREFIX + "%");
        if (!ids.isEmpty()) {
            System.out.printf(
                    "# removed the previous bench rule sets in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
