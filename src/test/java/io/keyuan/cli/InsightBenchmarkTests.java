package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code bench insight} at a tiny size in the test database: its flags are read, every figure is printed as one
 * well-formed line, and it leaves the data as it found it. The test seeds the customers itself and asks for exactly
 * what the database then holds, so that the suite reuses them (it adds purchases only to reach a bigger number,
 * which here would touch other tests' customers).
 */
@KeyuanIntegrationTest
class InsightBenchmarkTests {
    private static final Pattern BENCH_LINE =
            Pattern.compile("BENCH insight\\.[a-z0-9_]+ -?[0-9]+(\\.[0-9]+)? (ms|s|x|%)");

    @Autowired
    Commands commands;

    @Autowired
    DemoSeeder seeder;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Test
    void the_suite_reads_its_flags_and_prints_one_well_formed_line_per_figure() {
        long have = count("SELECT COUNT(*) FROM customer");
        long wanted = Math.max(have + 200, 1_000);
        SystemActor.call(() -> seeder.seed((int) (wanted - have), 31L, LocalDate.now(clock), line -> {}));
        long purchases = count("SELECT COUNT(*) FROM purchase");

        List<String> lines = run(
                "bench",
                "insight",
                "--customers",
                String.valueOf(wanted),
                "--purchases",
                String.valueOf(purchases),
                "--repeat",
                "1",
                "--warmup",
                "0",
                "--rebuilds",
                "1",
                "--incremental",
                "10");

        assertThat(lines)
                .allSatisfy(l -> assertThat(
                                l.startsWith("# ") || BENCH_LINE.matcher(l).matches())
                        .as(l)
                        .isTrue());
        assertThat(lines.stream().filter(l -> l.startsWith("BENCH ")).map(l -> l.split(" ")[1]))
                .containsExactly(
                        "insight.rollup_rebuild_seconds",
                        "insight.rollup_rebuild_floor_seconds",
                        "insight.rollup_rebuild_ratio_to_floor",
                        "insight.channel_report_ms",
                        "insight.channel_report_by_month_ms",
                        "insight.channel_report_raw_scan_ms",
                        "insight.channel_report_ratio_to_raw_scan",
                        "insight.rollup_incremental_ms",
                        "insight.rollup_incremental_p95_ms",
                        "insight.purchase_with_rollup_ms",
                        "insight.purchase_with_rollup_p95_ms",
                        "insight.rollup_share_of_purchase",
                        "insight.customer_snapshot_rebuild_seconds",
                        "insight.customer_snapshot_month_ms",
                        "insight.customer_snapshot_floor_month_ms",
                        "insight.customer_snapshot_ratio_to_floor",
                        "insight.customer_report_ms",
                        "insight.customer_report_raw_month_ms",
                        "insight.customer_report_ratio_to_raw_month",
                        "insight.dashboard_ms",
                        "insight.dashboard_raw_two_figures_ms",
                        "insight.dashboard_ratio_to_raw");
        assertThat(lines).anyMatch(l -> l.matches("# database: (embedded|external) MariaDB .*, buffer pool \\d+ MB"));
        assertThat(lines)
                .anyMatch(l -> l.contains("holds " + String.format("%,d", wanted) + " customers and "
                        + String.format("%,d", purchases) + " purchases"));
        // the data was reused, not seeded, and the timed purchases are gone again
        assertThat(lines).noneMatch(l -> l.startsWith("# seeded"));
        assertThat(count("SELECT COUNT(*) FROM customer")).isEqualTo(wanted);
        assertThat(count("SELECT COUNT(*) FROM purchase")).isEqualTo(purchases);
        assertThat(count("SELECT COUNT(*) FROM purchase WHERE product = ?", InsightBenchmark.PRODUCT))
                .isZero();
    }

    @Test
    void starting_over_is_refused_outside_a_benchmark_database_and_deletes_nothing() {
        long customers = count("SELECT COUNT(*) FROM customer");

        assertThatThrownBy(() -> run("bench", "insight", "--customers", "1000", "--reseed"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("start over")
                .hasMessageContaining("keyuan_bench");

        assertThat(count("SELECT COUNT(*) FROM customer")).isEqualTo(customers);
    }

    @Test
    void a_size_that_is_not_a_number_is_refused_with_the_flag_named() {
        assertThatThrownBy(() -> run("bench", "insight", "--purchases", "lots"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--purchases")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> run("bench", "insight", "--customers", "10"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("--customers must be between 1000");
    }

    /** The command's standard output, line by line. */
    private List<String> run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            commands.execute(args);
        } finally {
            System.setOut(original);
            original.print(out.toString(StandardCharsets.UTF_8));
        }
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\\R"))
                .filter(l -> !l.isBlank())
                .toList();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
