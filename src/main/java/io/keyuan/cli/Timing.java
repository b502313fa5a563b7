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

    /** Waits between polls of background work; an interrupt ends the wait early and is kept for the caller. */
    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
