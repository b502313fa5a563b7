package io.keyuan.shared.jobs;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A job while a worker runs it: the handler's {@link JobContext}. Progress lives in memory and reaches watchers
 * a few times a second and the table about once a second; a stop asked on another node is read from the table at
 * most once a second, whenever the handler asks.
 */
final class RunningJob implements JobContext {
    private static final long NOTIFY_NANOS = 250_000_000L;
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final JobEngine engine;
    private final JobStore.Row row;
    private final JobView base;
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private volatile long done;
    private volatile long total;
    private volatile String key;
    private volatile List<String> args = List.of();
    private volatile boolean cancelled;
    private long lastNotify;
    private long publishedDone;
    private long lastFlush = System.nanoTime();
    private long lastCancelCheck = System.nanoTime();
    private Path resultPart;
    private OutputStream resultOut;
    private String resultName;
    private String resultType;

    RunningJob(JobEngine engine, JobStore.Row row, JobView base) {
        this.engine = engine;
        this.row = row;
        this.base = base;
        this.summary.putAll(JobJson.readMap(row.summary()));
        this.cancelled = row.cancelRequested();
    }

    JobStore.Row row() {
        return row;
    }

    @Override
    public JobId id() {
        return JobId.of(row.id());
    }

    @Override
    public String owner() {
        return row.owner();
    }

    @Override
    public <T> T parameters(Class<T> type) {
        return JobJson.read(row.parameters(), type);
    }

    @Override
    public void progress(long done, long total) {
        progress(done, total, null);
    }

    @Override
    public void progress(long done, long total, String messageKey, Object... args) {
        this.done = Math.max(0, done);
        this.total = Math.max(0, total);
        this.key = messageKey;
        this.args = messageKey == null ? List.of() : JobJson.readArgs(JobJson.args(args));
        long now = System.nanoTime();
        if (now - lastFlush >= FLUSH_NANOS) {
            flush();
        }
        // the first movement is shown at once (the bar leaves zero), later ones a few times a second
        if (now - lastNotify >= NOTIFY_NANOS || (publishedDone == 0 && this.done > 0)) {
            lastNotify = now;
            publishedDone = this.done;
            engine.publish(view());
        }
    }

    /** Writes the progress down; the answer tells whether a stop was asked meanwhile. */
    void flush() {
        lastFlush = System.nanoTime();
        lastCancelCheck = lastFlush;
        if (engine.store().progress(row.id(), done, total, key, JobJson.writeArgs(args), engine.now())) {
            cancelled = true;
        }
    }

    @Override
    public boolean cancelled() {
        if (!cancelled) {
            long now = System.nanoTime();
            if (now - lastCancelCheck >= FLUSH_NANOS) {
                lastCancelCheck = now;
                cancelled = engine.store().cancelRequested(row.id());
            }
        }
        return cancelled;
    }

    /** A stop asked on this node (or found by the heartbeat) takes effect at the handler's next look. */
    void markCancelled() {
        cancelled = true;
    }

    boolean cancelSeen() {
        return cancelled;
    }

    @Override
    public void throwIfCancelled() {
        if (cancelled()) {
            throw new CancellationException("job " + row.id() + " cancelled");
        }
    }

    @Override
    public OutputStream resultFile(String fileName, String contentType) throws IOException {
        if (resultOut != null) {
            throw new IllegalStateException("a job writes one result file");
        }
        resultName = fileName;
        resultType = contentType;
        resultPart = engine.files().newResultPart(row.id());
        resultOut = new FilterOutputStream(new BufferedOutputStream(Files.newOutputStream(resultPart), 64 * 1024)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    super.close();
                }
            }
        };
        return resultOut;
    }

    boolean hasResult() {
        return resultPart != null;
    }

    String resultName() {
        return resultName;
    }

    String resultType() {
        return resultType;
    }

    /** Closes the result stream if the handler left it open. */
    void closeResult() throws IOException {
        if (resultOut != null) {
            resultOut.close();
        }
    }

    void closeResultQuietly() {
        try {
            closeResult();
        } catch (IOException ignored) {
            // the partial file is deleted next
        }
    }

    @Override
    public Optional<Path> input() {
        return Optional.ofNullable(engine.files().resolve(row.inputFile())).filter(Files::exists);
    }

    @Override
    public Optional<String> inputName() {
        return Optional.ofNullable(row.inputName());
    }

    @Override
    public Path workDirectory() throws IOException {
        return engine.files().ensureSubFolder(row.id(), JobFiles.WORK);
    }

    @Override
    public void summary(String key, Object value) {
        summary.put(key, value);
        engine.store().summary(row.id(), JobJson.write(summary));
    }

    long done() {
        return done;
    }

    long total() {
        return total;
    }

    JobView view() {
        return base.withProgress(done, total, key, args, engine.now(), cancelled);
    }
}
