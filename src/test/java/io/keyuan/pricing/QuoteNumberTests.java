package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Quote numbers come from the year's counter row: unique when many transactions take one at once. */
@KeyuanIntegrationTest
class QuoteNumberTests {
    @Autowired
    QuoteService quotes;

    @Autowired
    TransactionTemplate tx;

    @Test
    void numbers_taken_in_parallel_transactions_are_all_different_and_follow_the_year() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                futures.add(pool.submit(() -> tx.execute(s -> quotes.nextNumber(2031))));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<String> f : futures) {
                numbers.add(f.get());
            }
            assertThat(numbers).hasSize(60).doesNotHaveDuplicates().allMatch(n -> n.matches("Q-2031-\\d{6}"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_year_without_a_counter_row_gets_one() {
        String first = tx.execute(s -> quotes.nextNumber(1999));
        String next = tx.execute(s -> quotes.nextNumber(1999));

        assertThat(first).startsWith("Q-1999-");
        assertThat(Long.parseLong(next.substring(7))).isEqualTo(Long.parseLong(first.substring(7)) + 1);
    }
}
