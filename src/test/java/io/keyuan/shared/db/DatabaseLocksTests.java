package io.keyuan.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@KeyuanIntegrationTest
class DatabaseLocksTests {
    @Autowired
    DatabaseLocks locks;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_second_run_is_refused_while_the_first_holds_the_lock_and_allowed_after() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> locks.runExclusively("test.lock", () -> {
            holding.countDown();
            await(release);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(locks.runExclusively("test.lock", () -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.queryForObject("SELECT IS_FREE_LOCK('test.lock')", Integer.class))
                .isEqualTo(1);
        assertThat(locks.runExclusively("test.lock", () -> ran.set(true))).isTrue();
        assertThat(ran).isTrue();
    }

    @Test
    void the_lock_is_released_when_the_work_fails() {
        assertThatThrownBy(() -> locks.runExclusively("test.failing", () -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        // A lock left on a pooled connection would show as taken to every session.
        assertThat(jdbc.queryForObject("SELECT IS_FREE_LOCK('test.failing')", Integer.class))
                .isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
