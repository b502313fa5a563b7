package io.keyuan.cli;

import static io.keyuan.segmentation.RuleNode.when;

import io.keyuan.pricing.PriceBookLoader;
import io.keyuan.pricing.PriceBookSource;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.engine.ConflictFinder;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.pricing.engine.QuoteContext;
import io.keyuan.pricing.engine.QuoteEngine;
import io.keyuan.pricing.engine.RuleSpec;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pricing at scale: a 50-line quote against 20,000 products and 100,000 rules (the engine alone, and the floor of a
 * plain scan of every rule for every line), re-deriving every customer's tier at 1,000,000 customers after a
 * membership refresh (against the floor of one plain grouped pass over the same membership rows), and the price
 * book health check over the 100,000 rules (against the time to load the book). Its rows have codes starting
 * {@value #PREFIX} and its segments live in the rule set "{@value #RULE_SET}"; both are replaced when sizes change.
 */
@Component
class PricingBenchmark {
    static final String PREFIX = "BP-";
    static final String RULE_SET = "BENCH pricing tiers";

    private final JdbcTemplate jdbc;
    private final DemoSeeder seeder;
    private final SegmentService segments;
    private final SegmentMembershipService membership;
    private final TierService tiers;
    private final PriceBookSource books;
    private final io.keyuan.pricing.QuoteService quotes;
    private final ApplicationEventPublisher events;

    PricingBenchmark(
            JdbcTemplate jdbc,
            DemoSeeder seeder,
            SegmentService segments,
            SegmentMembershipService membership,
            TierService tiers,
            PriceBookSource books,
            io.keyuan.pricing.QuoteService quotes,
            ApplicationEventPublisher events) {
        this.quotes = quotes;
        this.jdbc = jdbc;
        this.seeder = seeder;
        this.segments = segments;
        this.membership = membership;
        this.tiers = tiers;
        this.books = books;
        this.events = events;
    }

    int run(Options o) {
        int customers = (int) o.longFlag("customers", 1_000_000, 1_000, 5_000_000);
        int products = (int) o.longFlag("products", 20_000, 100, 1_000_000);
        int ruleCount = (int) o.longFlag("rules", 100_000, 100, 2_000_000);
        int repeat = (int) o.longFlag("repeat", 1_000, 10, 100_000);
        int warmup = (int) o.longFlag("warmup", 300, 0, 100_000);
        LocalDate today = Commands.today(o);
        Timing.printServer(jdbc);
        System.out.printf(
                "# %d cores, JVM %s, max heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        seeder.ensureCustomers("pricing", customers);
        List<Long> tierIds = ensureBook(products, ruleCount, today);

        // Tiers: re-derive every customer's tier from the bench segments' membership.
        List<Long> segmentIds = ensureSegments(tierIds);
        long assigned = tiers.rederiveAll();
        double derive = Timing.median(0, 3, () -> {
            long n = tiers.rederiveAll();
            return n;
        });
        String in = String.join(",", segmentIds.stream().map(String::valueOf).toList());
        double floor = Timing.median(1, 3, () -> {
            jdbc.execute("DROP TEMPORARY TABLE IF EXISTS bench_tier_floor");
            jdbc.execute("CREATE TEMPORARY TABLE bench_tier_floor (customer_id BIGINT PRIMARY KEY, segment_id BIGINT)");
            return jdbc.update("INSERT INTO bench_tier_floor SELECT customer_id, MIN(segment_id)"
                    + " FROM segment_membership WHERE segment_id IN (" + in + ") GROUP BY customer_id");
        });
        jdbc.execute("DROP TEMPORARY TABLE IF EXISTS bench_tier_floor");
        System.out.printf(
                "# tiers: %,d customers hold a tier (%,d membership rows in the %d bench segments)%n",
                assigned,
                jdbc.queryForObject(
                        "SELECT COUNT(*) FROM segment_membership WHERE segment_id IN (" + in + ")", Long.class),
                segmentIds.size());

        long loadStarted = System.nanoTime();
        events.publishEvent(new PriceBookLoader.ForgetPriceBook());
        PriceBook book = books.current();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        System.out.printf(
                "# price book: %,d products, %,d active rules, %,d bundles, loaded in %.2f s%n",
                book.items().size(), book.rules().size(), book.bundles().size(), loadSeconds);

        // A 50-line quote: distinct random products of the bench catalogue, random tier, region and quantities.
        List<Long> productIds = jdbc.queryForList(
                "SELECT id FROM product WHERE code LIKE ? AND active ORDER BY id", Long.class, PREFIX + "%");
        Random random = new Random(7);
        List<String> provinces = jdbc.queryForList(
                "SELECT DISTINCT province FROM price_rule WHERE code LIKE ? AND province IS NOT NULL ORDER BY province",
                String.class,
                PREFIX + "%");
        int variants = 64;
        List<QuoteContext> contexts = new ArrayList<>(variants);
        List<List<LineRequest>> lines = new ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            // The synthetic book's regions: its provinces, and cities named after them.
            String province = provinces.get(random.nextInt(provinces.size()));
            contexts.add(new QuoteContext(
                    random.nextInt(4) == 0 ? null : tierIds.get(random.nextInt(tierIds.size())),
                    province,
                    province + "市" + (1 + random.nextInt(3)),
                    today.minusDays(random.nextInt(365))));
            List<LineRequest> quote = new ArrayList<>(50);
            java.util.Set<Long> chosen = new java.util.HashSet<>();
            while (quote.size() < 50) {
                long id = productIds.get(random.nextInt(productIds.size()));
                if (chosen.add(id)) {
                    quote.add(new LineRequest(id, 1 + random.nextInt(random.nextInt(4) == 0 ? 60 : 5)));
                }
            }
            lines.add(quote);
        }
        for (int i = 0; i < warmup; i++) {
            QuoteEngine.quote(book, contexts.get(i % variants), lines.get(i % variants));
        }
        double[] times = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            QuoteEngine.quote(book, contexts.get(i % variants), lines.get(i % variants));
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        // The same quotes through QuoteService, as the simulator asks for them: for a customer, whose tier and
        // region are read from the database, lines checked, products described.
        List<Long> customerIds = jdbc.queryForList(
                "SELECT customer_id FROM customer_price_tier ORDER BY customer_id LIMIT 1000", Long.class);
        if (customerIds.isEmpty()) {
            customerIds = jdbc.queryForList("SELECT id FROM customer ORDER BY id LIMIT 1000", Long.class);
        }
        for (int i = 0; i < warmup; i++) {
            quotes.simulate(io.keyuan.pricing.QuoteRequest.forCustomer(
                    customerIds.get(i % customerIds.size()), today, lines.get(i % variants)));
        }
        double[] serviceTimes = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            quotes.simulate(io.keyuan.pricing.QuoteRequest.forCustomer(
                    customerIds.get(i % customerIds.size()), today, lines.get(i % variants)));
            serviceTimes[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(serviceTimes);
        double scan = Timing.median(1, 5, () -> scanEveryRule(book, contexts.getFirst(), lines.getFirst()));

        // The health check over the whole book.
        int[] found = new int[1];
        double conflicts = Timing.median(1, 3, () -> {
            found[0] = ConflictFinder.find(book).size();
            return found[0];
        });
        System.out.printf("# health check: %,d conflicts found%n", found[0]);

        System.out.printf("BENCH pricing.quote_50_lines_ms %.3f ms%n", serviceTimes[repeat / 2]);
        System.out.printf("BENCH pricing.quote_50_lines_p99_ms %.3f ms%n", Timing.percentile(serviceTimes, 99));
        System.out.printf("BENCH pricing.quote_50_lines_engine_ms %.3f ms%n", times[repeat / 2]);
        System.out.printf("BENCH pricing.quote_50_lines_engine_p99_ms %.3f ms%n", Timing.percentile(times, 99));
        System.out.printf("BENCH pricing.quote_50_lines_scan_floor_ms %.3f ms%n", scan);
        System.out.printf("BENCH pricing.tier_refresh_1m_seconds %.2f s%n", derive / 1000);
        System.out.printf("BENCH pricing.tier_refresh_floor_seconds %.2f s%n", floor / 1000);
        System.out.printf("BENCH pricing.tier_refresh_ratio_to_floor %.2f x%n", derive / floor);
        System.out.printf("BENCH pricing.conflicts_100k_seconds %.2f s%n", conflicts / 1000);
        System.out.printf("BENCH pricing.book_load_seconds %.2f s%n", loadSeconds);
        System.out.println("# targets: quote under 5 ms (median and p99); tiers under 15 s; health check under 10 s."
                + " quote_50_lines is QuoteService.simulate for a customer (tier and region read from the"
                + " database); _engine the engine alone; the scan floor tests every rule against every line.");
        return 0;
    }

    /**
     * The naive way: every rule tested against every line (what a "first match wins" list with no index costs),
     * keeping the applicable rules; the engine must do better than this by a wide margin.
     */
    private static long scanEveryRule(PriceBook book, QuoteContext context, List<LineRequest> lines) {
        long applicable = 0;
        for (LineRequest line : lines) {
            var item = book.item(line.productId()).orElseThrow();
            for (RuleSpec r : book.rules()) {
                boolean covers = switch (r.scope()) {
                    case ALL -> true;
                    case CATEGORY -> book.inCategory(item.productId(), r.categoryId());
                    case PRODUCT -> r.productId() == item.productId();
                };
                if (covers
                        && (r.tierId() == null || r.tierId().equals(context.tierId()))
                        && line.quantity() >= r.minQuantity()
                        && (r.province() == null || r.province().equals(context.province()))
                        && (r.city() == null || r.city().equals(context.city()))
                        && (r.validFrom() == null || !context.date().isBefore(r.validFrom()))
                        && (r.validTo() == null || !context.date().isAfter(r.validTo()))) {
                    applicable++;
                }
            }
        }
        return applicable;
    }

    /** The bench catalogue, tiers and rules; rewritten when the wanted sizes differ from what is there. */
    private List<Long> ensureBook(int products, int ruleCount, LocalDate today) {
        long haveProducts = count("SELECT COUNT(*) FROM product WHERE code LIKE '" + PREFIX + "%'");
        long haveRules = count("SELECT COUNT(*) FROM price_rule WHERE code LIKE '" + PREFIX + "%'");
        PriceBookGenerator generator = new PriceBookGenerator(jdbc, PREFIX);
        // The synthetic book numbers its products from 1: its last one names the book of this size.
        boolean same = haveProducts == products
                && haveRules == ruleCount
                && count("SELECT COUNT(*) FROM product WHERE code = '" + PREFIX + "P" + products + "'") == 1;
        if (!same) {
            long started = System.nanoTime();
            generator.removeAll();
            generator.write(
                    io.keyuan.pricing.engine.SyntheticBook.generate(11, products, ruleCount, 3),
                    List.of(
                            new String[] {PREFIX + "VIP", "BENCH 贵宾"},
                            new String[] {PREFIX + "STD", "BENCH 标准"},
                            new String[] {PREFIX + "ECO", "BENCH 经济"}),
                    today);
            System.out.printf(
                    "# wrote the engine's synthetic book (%,d products, %,d rules) in %.1f s%n",
                    products, ruleCount, (System.nanoTime() - started) / 1e9);
        }
        return jdbc.queryForList(
                "SELECT id FROM price_tier WHERE code LIKE ? ORDER BY priority", Long.class, PREFIX + "%");
    }

    /** Three overlapping segments bound to the three bench tiers, refreshed once (membership is what tiers follow). */
    private List<Long> ensureSegments(List<Long> tierIds) {
        List<Long> ids = jdbc.queryForList(
                "SELECT s.id FROM segment s JOIN segment_rule_set r ON r.id = s.rule_set_id WHERE r.name = ?"
                        + " ORDER BY s.priority",
                Long.class,
                RULE_SET);
        if (ids.size() != 3) {
            jdbc.update("DELETE FROM segment_rule_set WHERE name = ?", RULE_SET);
            RuleSetSummary set = segments.createRuleSet(RULE_SET, RuleSetMode.OVERLAPPING);
            segments.createSegment(set.id(), "高价值", when(SegmentField.VALUE_LEVEL, Operator.EQ, "HIGH"), "bench");
            segments.createSegment(
                    set.id(), "活跃与新客", when(SegmentField.LIFECYCLE, Operator.IN, "ACTIVE", "NEW"), "bench");
            segments.createSegment(
                    set.id(),
                    "其他",
                    when(SegmentField.LIFECYCLE, Operator.IN, "INACTIVE", "CHURNED", "POTENTIAL"),
                    "bench");
            ids = jdbc.queryForList(
                    "SELECT s.id FROM segment s WHERE s.rule_set_id = ? ORDER BY s.priority", Long.class, set.id());
            var run = SegmentationBenchmark.refresh(membership);
            System.out.printf("# membership refresh for the bench segments: %s%n", run.status());
        }
        for (int i = 0; i < 3; i++) {
            jdbc.update("DELETE FROM price_tier_segment WHERE tier_id = ?", tierIds.get(i));
            jdbc.update(
                    "INSERT INTO price_tier_segment (tier_id, segment_id) VALUES (?, ?)", tierIds.get(i), ids.get(i));
        }
        return ids;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
