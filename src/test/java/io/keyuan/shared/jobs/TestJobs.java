package io.keyuan.shared.jobs;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A job kind for the tests only (component scanning finds it on the test class path): it takes {@code steps} steps,
 * waiting at a gate the test opens, so that a test holds a job queued or running for as long as it needs, with no
 * sleeps. It writes a result file if asked, fails if asked, and records who it ran as and what it read.
 */
@Component
public class TestJobs implements JobHandler {
    public static final String KIND = "test-steps";
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, CountDownLatch> REACHED = new ConcurrentHashMap<>();

    /** {@code fail}: null, a message key (a refusal) or "boom" (a bug). */
    public record Parameters(String token, int steps, boolean file, String fail) {}

    public static Parameters params(String token, int steps, boolean file) {
        return new Parameters(token, steps, file, null);
    }

    /** Jobs with this token wait at their first step until {@link #open}. */
    public static void hold(String token) {
        GATES.put(token, new CountDownLatch(1));
        REACHED.put(token, new CountDownLatch(1));
    }

    public static void open(String token) {
        CountDownLatch gate = GATES.remove(token);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Waits until a job with this token is running and waiting at its gate. */
    public static void awaitRunning(String token) throws InterruptedException {
        CountDownLatch reached = REACHED.get(token);
        if (reached != null && !reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no job " + token + " reached its gate");
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.STAFF;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        context.summary(
                "ranAs", SecurityContextHolder.getContext().getAuthentication().getName());
        context.summary("token", p.token());
        context.input().ifPresent(in -> {
            try {
                context.summary("input", Files.readString(in, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        OutputStream out = p.file() ? context.resultFile("test-" + p.token() + ".txt", "text/plain") : null;
        try {
            for (int i = 1; i <= p.steps(); i++) {
                if (out != null) {
                    out.write(("row " + i + " " + p.token() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                if (i == 1) {
                    CountDownLatch reached = REACHED.get(p.token());
                    if (reached != null) {
                        reached.countDown();
                    }
                    CountDownLatch gate = GATES.get(p.token());
                    while (gate != null && !gate.await(50, TimeUnit.MILLISECONDS)) {
                        // a cancel while held must still be seen
                        if (context.cancelled()) {
                            break;
                        }
                    }
                }
                context.throwIfCancelled();
                context.progress(i, p.steps());
            }
            if ("boom".equals(p.fail())) {
                throw new IllegalStateException("a bug in the test job");
            }
            if (p.fail() != null) {
                throw new KeyuanException(p.fail(), p.token());
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }
}
