package io.keyuan.cli;

import io.keyuan.customer.CustomerFilter;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.CustomerSort;
import java.math.BigDecimal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The customer grid's server time at scale: the first page, a filtered page (city + income range) and a page
 * sorted by name deep in the list, each through {@link CustomerService} exactly as the grid calls it; and, as the
 * baseline, the same deep page read the naive way (LIMIT/OFFSET over whole rows).
 */
@Component
class GridBenchmark {
    private final CustomerService customers;
    private final DemoSeeder seeder;
    private final JdbcTemplate jdbc;

    GridBenchmark(CustomerService customers, DemoSeeder seeder, JdbcTemplate jdbc) {
        this.customers = customers;
        this.seeder = seeder;
        this.jdbc = jdbc;
    }

    int run(Options o) {
        int target = (int) o.longFlag("customers", 1_000_000, 1_000, 5_000_000);
        int repeat = (int) o.longFlag("repeat", 9, 1, 1_000);
        int warmup = (int) o.longFlag("warmup", 3, 0, 100);
        seeder.ensureCustomers("grid", target);
        long total = customers.exactCount(CustomerFilter.none());
        int deepOffset = (int) (total / 2);
        CustomerFilter filtered =
                CustomerFilter.none().withCity("杭州").withIncome(new BigDecimal("100000"), new BigDecimal("200000"));
        CustomerSort byName = new CustomerSort(CustomerSort.Field.NAME, true);
        Timing.printServer(jdbc);
        System.out.printf(
                "# %d cores, JVM %s, %,d customers, deep offset %,d, %d warm-up + %d timed runs, median%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), total, deepOffset, warmup, repeat);

        double first = Timing.median(
                warmup,
                repeat,
                () -> customers
                        .page(CustomerFilter.none(), CustomerSort.newestFirst(), 0, 50)
                        .size());
        double filteredPage = Timing.median(
                warmup,
                repeat,
                () -> customers
                        .page(filtered, CustomerSort.newestFirst(), 0, 50)
                        .size());
        double filteredCount = Timing.median(warmup, repeat, () -> customers.exactCount(filtered));
        customers.forgetCaches();
        long coldStart = System.nanoTime();
        customers.page(CustomerFilter.none(), byName, deepOffset, 50);
        double deepCold = (System.nanoTime() - coldStart) / 1e6;
        long waitStart = System.nanoTime();
        while (!customers.deepPagingReady(byName) && System.nanoTime() - waitStart < 60_000_000_000L) {
            Timing.pause(50);
        }
        double sampling = (System.nanoTime() - waitStart) / 1e6;
        double deep = Timing.median(
                warmup,
                repeat,
                () -> customers
                        .page(CustomerFilter.none(), byName, deepOffset, 50)
                        .size());
        double countAll = Timing.median(warmup, repeat, () -> customers.exactCount(CustomerFilter.none()));
        double naive = Timing.median(
                0, Math.min(repeat, 3), () -> jdbc.queryForList("""
                SELECT c.*, m.lifecycle, m.value_level, m.last_purchase, m.frequency, m.monetary
                FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id
                ORDER BY c.name, c.id LIMIT 50 OFFSET ?""", deepOffset).size());

        // The quick search as staff type it, page and count together (what the grid asks for): a customer's pinyin
        // initials (王芳 → "wf", shared by many) and the last four digits of their phone, against the same lookups
        // as plain scans (the columns read through an expression, so that no index serves them).
        var sample = jdbc.queryForMap(
                "SELECT name_initials, RIGHT(phone, 4) AS tail FROM customer WHERE id >= ? AND name_initials IS NOT NULL"
                        + " AND phone IS NOT NULL ORDER BY id LIMIT 1",
                total / 3);
        String initials = String.valueOf(sample.get("name_initials"));
        String tail = String.valueOf(sample.get("tail"));
        CustomerFilter byInitials = CustomerFilter.none().withQuick(initials);
        CustomerFilter byTail = CustomerFilter.none().withQuick(tail);
        long[] found = {0, 0};
        double pinyin = Timing.median(warmup, repeat, () -> {
            customers.page(byInitials, CustomerSort.newestFirst(), 0, 50);
            return found[0] = customers.exactCount(byInitials);
        });
        double phoneTail = Timing.median(warmup, repeat, () -> {
            customers.page(byTail, CustomerSort.newestFirst(), 0, 50);
            return found[1] = customers.exactCount(byTail);
        });
        double pinyinScan = Timing.median(
                0,
                Math.min(repeat, 3),
                () -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer WHERE CONCAT(name_initials, '') LIKE ?",
                        Long.class,
                        initials + "%"));
        double tailScan = Timing.median(
                0,
                Math.min(repeat, 3),
                () -> jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE RIGHT(phone, 4) = ?", Long.class, tail));

        Timing.print("grid.first_page_ms", first);
        Timing.print("grid.filtered_page_ms", filteredPage);
        Timing.print("grid.filtered_count_ms", filteredCount);
        Timing.print("grid.deep_sorted_page_ms", deep);
        Timing.print("grid.deep_sorted_page_cold_ms", deepCold);
        Timing.print("grid.order_sampling_background_ms", sampling);
        Timing.print("grid.count_all_ms", countAll);
        Timing.print("grid.deep_sorted_page_naive_offset_ms", naive);
        System.out.printf(
                "# deep sorted page: %.0fx faster than the naive OFFSET baseline; target under 100 ms each%n",
                naive / Math.max(deep, 0.001));
        Timing.print("grid.pinyin_search_ms", pinyin);
        Timing.print("grid.pinyin_scan_ms", pinyinScan);
        Timing.print("grid.phone_tail_search_ms", phoneTail);
        Timing.print("grid.phone_tail_scan_ms", tailScan);
        System.out.printf(
                "# quick search by initials \"%s\" (%,d customers) and by phone tail \"%s\" (%,d): %.1fx and %.1fx faster"
                        + " than a plain scan; target under 100 ms each%n",
                initials,
                found[0],
                tail,
                found[1],
                pinyinScan / Math.max(pinyin, 0.001),
                tailScan / Math.max(phoneTail, 0.001));
        return 0;
    }
}
