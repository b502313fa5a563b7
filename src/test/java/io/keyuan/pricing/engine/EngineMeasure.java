package io.keyuan.pricing.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Not a test: a main that measures the engine on a generated book (20,000 products, 100,000 rules), for a
 * developer's look before `bench pricing`. Run with the test class path.
 */
final class EngineMeasure {
    private EngineMeasure() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        PriceBook book = SyntheticBook.generate(42, 20_000, 100_000, 5);
        long t1 = System.nanoTime();
        System.out.printf("build %d ms%n", (t1 - t0) / 1_000_000);
        int runs = 5000;
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            List<LineRequest> lines = SyntheticBook.lines(i, book, 50);
            QuoteContext context = SyntheticBook.context(i, 5);
            long s = System.nanoTime();
            QuoteEngine.quote(book, context, lines);
            times[i] = System.nanoTime() - s;
        }
        long[] tail = Arrays.copyOfRange(times, runs / 2, runs);
        Arrays.sort(tail);
        System.out.printf(
                "quote 50 lines: median %d us, p99 %d us%n",
                tail[tail.length / 2] / 1000, tail[tail.length * 99 / 100] / 1000);
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            List<Conflict> conflicts = ConflictFinder.find(book);
            long e = System.nanoTime();
            long shadowed = conflicts.stream()
                    .filter(c -> c.kind() == Conflict.Kind.SHADOWED)
                    .count();
            long ambiguous = conflicts.stream()
                    .filter(c -> c.kind() == Conflict.Kind.AMBIGUOUS)
                    .count();
            long margin = conflicts.stream()
                    .filter(c -> c.kind() == Conflict.Kind.MARGIN)
                    .count();
            System.out.printf(
                    "conflicts %d ms: shadowed %d, ambiguous %d, margin %d%n",
                    (e - s) / 1_000_000, shadowed, ambiguous, margin);
        }
    }
}
