package io.keyuan.shared.jobs;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.db.DatabaseLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The runner behind {@link JobService} (which checks who may do what): a fixed number of workers on this node and
 * a bounded number of waiting jobs, the heartbeat of this node's jobs, the recovery of jobs whose node died, the
 * polling that tells watchers about jobs on other nodes, and the cleanup of expired files.
 */
@Component
class JobEngine implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    static final String CLEANUP_LOCK = "keyuan.jobs.cleanup";

    private final JobSettings settings;
    private final JobStore store;
    private final JobFiles files;
    private final Clock clock;
    private final DatabaseLocks locks;
    private final ObjectProvider<JobHandler> handlerBeans;
    private final JobWatchers watchers = new JobWatchers();
    private final Map<Long, RunningJob> running = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private volatile Map<String, JobHandler> handlers;
    private volatile ScheduledExecutorService timer;
    private volatile boolean accepting = true;
    private volatile boolean started;

    JobEngine(
            JobSettings settings,
            JobStore store,
            JobFiles files,
            Clock clock,
            DatabaseLocks locks,
            ObjectProvider<JobHandler> handlerBeans) {
        this.settings = settings;
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.locks = locks;
        this.handlerBeans = handlerBeans;
        this.slots = new Semaphore(settings.workers + settings.queueCapacity);
        AtomicInteger n = new AtomicInteger();
        // the queue itself is unbounded, but the slots above let no more than workers + queue jobs in
        this.workers = new ThreadPoolExecutor(
                settings.workers, settings.workers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "keyuan-job-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    // ---- handlers ----

    /** Handlers are looked up on first use: they depend on services that in turn submit jobs. */
    Map<String, JobHandler> handlers() {
        Map<String, JobHandler> h = handlers;
        if (h == null) {
            Map<String, JobHandler> found = new HashMap<>();
            handlerBeans.orderedStream().forEach(handler -> {
                JobHandler before = found.put(handler.kind(), handler);
                if (before != null) {
                    throw new IllegalStateException("Two job handlers of kind " + handler.kind());
                }
            });
            h = Map.copyOf(found);
            handlers = h;
        }
        return h;
    }

    JobHandler handler(String kind) {
        JobHandler h = handlers().get(kind);
        if (h == null) {
            throw new IllegalArgumentException("No job handler of kind " + kind);
        }
        return h;
    }

    Optional<JobHandler> findHandler(String kind) {
        return Optional.ofNullable(handlers().get(kind));
    }

    // ---- submit and run ----

    /** What the service hands over after its checks. */
    record Submission(
            String kind,
            String parametersJson,
            String subjectKey,
            List<String> subjectArgs,
            Path input,
            String inputName,
            String dedupeKey,
            String owner,
            SecurityContext security,
            Long retryOf) {}

    long submit(Submission s) {
        JobHandler handler = handler(s.kind());
        if (!accepting) {
            throw new KeyuanException("jobs.error.stopping");
        }
        if (!slots.tryAcquire()) {
            log.info("Job of kind {} refused for {}: this node's queue is full", s.kind(), s.owner());
            throw new KeyuanException("jobs.error.full", settings.workers + settings.queueCapacity);
        }
        long id;
        try {
            if (!SystemActor.NAME.equals(s.owner()) && store.activeCount(s.owner()) >= settings.perUser) {
                throw new KeyuanException("jobs.error.too-many", settings.perUser);
            }
            if (s.dedupeKey() != null) {
                Optional<Long> existing = store.idByDedupeKey(s.dedupeKey());
                if (existing.isPresent()) {
                    slots.release();
                    return existing.get();
                }
            }
            Supplier<Long> insert = () -> store.insert(
                    s.kind(),
                    s.owner(),
                    s.parametersJson(),
                    s.subjectKey(),
                    JobJson.writeArgs(s.subjectArgs()),
                    handler.retryable(),
                    s.retryOf(),
                    s.dedupeKey(),
                    settings.node,
                    now());
            try {
                id = handler.oneAtATime() ? oneOfKind(handler, insert) : insert.get();
            } catch (DuplicateKeyException e) {
                slots.release();
                return store.idByDedupeKey(s.dedupeKey()).orElseThrow(() -> e);
            }
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
        try {
            if (s.input() != null) {
                store.setInput(id, files.storeInput(id, s.input()), s.inputName());
            }
            workers.execute(() -> work(id, s.security()));
        } catch (IOException | RuntimeException e) {
            store.delete(id);
            files.deleteAll(id);
            slots.release();
            if (e instanceof RejectedExecutionException) {
                throw new KeyuanException("jobs.error.stopping");
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        countChanged(s.owner());
        return id;
    }

    /** Inserts the job unless one of its kind is queued or running anywhere; the lock keeps two nodes apart. */
    private long oneOfKind(JobHandler handler, Supplier<Long> insert) {
        long[] id = {0};
        boolean locked = locks.runExclusively("keyuan.jobs." + handler.kind(), () -> {
            if (store.activeOfKind(handler.kind()).isPresent()) {
                throw new KeyuanException(handler.busyMessageKey());
            }
            id[0] = insert.get();
        });
        if (!locked) {
            throw new KeyuanException(handler.busyMessageKey());
        }
        return id[0];
    }

    private void work(long id, SecurityContext security) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(security);
        String owner = null;
        try {
            if (!store.claim(id, settings.node, now())) {
                store.get(id).ifPresent(r -> countChanged(r.owner()));
                return; // cancelled while it waited, or failed by a recovery
            }
            JobStore.Row row = store.get(id).orElseThrow();
            owner = row.owner();
            run(row);
        } catch (RuntimeException e) {
            log.error("Job {} could not be run", id, e);
        } finally {
            running.remove(id);
            slots.release();
            SecurityContextHolder.setContext(previous);
            publishFromTable(id);
            if (owner != null) {
                countChanged(owner);
            }
        }
    }

    private void run(JobStore.Row row) {
        long id = row.id();
        JobHandler handler = handler(row.kind());
        RunningJob job = new RunningJob(this, row, view(row));
        running.put(id, job);
        publish(job.view());
        JobStatus end;
        String errorKey = null;
        String errorArgs = null;
        try {
            if (job.cancelled()) {
                throw new CancellationException();
            }
            handler.run(job);
            job.closeResult();
            end = JobStatus.SUCCEEDED;
        } catch (CancellationException e) {
            end = JobStatus.CANCELLED;
            log.info("Job {} ({}) of {} cancelled", id, row.kind(), row.owner());
        } catch (KeyuanException e) {
            end = JobStatus.FAILED;
            errorKey = e.messageKey();
            errorArgs = JobJson.args(e.args());
            log.info("Job {} ({}) of {} refused: {}", id, row.kind(), row.owner(), e.getMessage());
        } catch (AccessDeniedException e) {
            end = JobStatus.FAILED;
            errorKey = "error.forbidden";
            log.warn("Job {} ({}) of {} was denied: {}", id, row.kind(), row.owner(), e.getMessage());
        } catch (Throwable e) {
            end = JobStatus.FAILED;
            errorKey = "jobs.error.unexpected";
            log.error("Job {} ({}) of {} failed", id, row.kind(), row.owner(), e);
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) e;
            }
        }
        String resultFile = null;
        Long resultSize = null;
        if (end == JobStatus.SUCCEEDED && job.hasResult()) {
            try {
                resultFile = files.publishResult(id);
                resultSize = Files.size(files.resolve(resultFile));
            } catch (IOException | RuntimeException e) {
                end = JobStatus.FAILED;
                errorKey = "jobs.error.unexpected";
                resultFile = null;
                log.error("Job {} ({}) could not keep its result file", id, row.kind(), e);
            }
        }
        if (end != JobStatus.SUCCEEDED) {
            job.closeResultQuietly();
            files.deleteOutputs(id);
        }
        Instant now = now();
        boolean recorded = store.finish(
                id,
                end,
                errorKey,
                errorArgs,
                resultFile,
                resultFile == null ? null : job.resultName(),
                resultFile == null ? null : job.resultType(),
                resultSize,
                job.done(),
                job.total(),
                now,
                now.plus(settings.resultsKeptFor));
        if (!recorded) {
            // the row was failed as interrupted meanwhile (this node missed its heartbeats): its outcome stands
            log.warn("Job {} ({}) ended {} after it had been marked interrupted", id, row.kind(), end);
            files.deleteOutputs(id);
        }
    }

    // ---- cancel ----

    /** Stops a queued job at once, or asks a running one to stop (this node's at once, another's within a second). */
    boolean cancel(JobStore.Row row) {
        Instant now = now();
        if (row.status() == JobStatus.QUEUED && store.cancelQueued(row.id(), now, now.plus(settings.resultsKeptFor))) {
            publishFromTable(row.id());
            countChanged(row.owner());
            return true;
        }
        if (store.requestCancel(row.id())) {
            RunningJob local = running.get(row.id());
            if (local != null) {
                local.markCancelled();
                publish(local.view());
            } else {
                publishFromTable(row.id());
            }
            return true;
        }
        return false;
    }

    // ---- watching ----

    JobSubscription watch(long id, java.util.function.Consumer<JobView> listener) {
        JobSubscription s = watchers.watch(id, listener);
        RunningJob local = running.get(id);
        JobView now =
                local != null ? local.view() : store.get(id).map(this::view).orElse(null);
        if (now != null) {
            listener.accept(now);
        }
        return s;
    }

    JobSubscription watchOwner(String owner, java.util.function.LongConsumer listener) {
        JobSubscription s = watchers.watchOwner(owner, listener);
        listener.accept(store.activeCount(owner));
        return s;
    }

    void publish(JobView view) {
        watchers.publish(view);
    }

    private void publishFromTable(long id) {
        if (watchers.watchedJobs().contains(id)) {
            store.get(id).map(this::view).ifPresent(watchers::publish);
        }
    }

    private void countChanged(String owner) {
        if (watchers.watchedOwners().contains(owner)) {
            watchers.publishCount(owner, store.activeCount(owner));
        }
    }

    int watcherCount() {
        return watchers.listenerCount();
    }

    /** Tells watchers of jobs this node does not run (and of owners' counts) what changed in the table. */
    void pollWatched() {
        List<Long> remote = new ArrayList<>();
        for (long id : watchers.watchedJobs()) {
            JobView last = watchers.last(id);
            if (!running.containsKey(id) && (last == null || last.active() || last.resultAvailable())) {
                remote.add(id);
            }
        }
        for (JobStore.Row r : store.get(remote)) {
            watchers.publish(view(r));
        }
        Set<String> owners = watchers.watchedOwners();
        Map<String, Long> counts = store.activeCounts(owners);
        for (String owner : owners) {
            watchers.publishCount(owner, counts.getOrDefault(owner, 0L));
        }
    }

    // ---- heartbeat, recovery, cleanup ----

    /** Keeps this node's jobs alive in the table and picks up stops asked on other nodes. */
    void heartbeat() {
        store.heartbeat(settings.node, now());
        for (long id : store.cancelRequested(List.copyOf(running.keySet()))) {
            RunningJob job = running.get(id);
            if (job != null && !job.cancelSeen()) {
                job.markCancelled();
                publish(job.view());
            }
        }
    }

    /**
     * Fails the jobs whose node stopped beating (it crashed or was killed) and names that node; a live node's jobs
     * beat far more often than {@code staleAfter} and are never touched. Their parameters stay, for a retry.
     */
    List<JobId> recoverInterrupted() {
        Instant now = now();
        List<JobId> failed = new ArrayList<>();
        for (JobStore.Row r : store.failStale(now.minus(settings.staleAfter), now, now.plus(settings.resultsKeptFor))) {
            log.warn(
                    "Job {} ({}) of {} was left {} by node {}, which stopped: marked failed (interrupted)",
                    r.id(),
                    r.kind(),
                    r.owner(),
                    r.status(),
                    r.node());
            failed.add(JobId.of(r.id()));
            publishFromTable(r.id());
            countChanged(r.owner());
        }
        return failed;
    }

    /**
     * Forgets expired files and old rows (one node at a time, under a lock), then deletes from the jobs folder what
     * the table no longer wants: folders of expired or deleted jobs, and the partial output of jobs that did not
     * succeed (their input stays for a retry). Every node sweeps, since the folder may be its own disk.
     */
    void cleanUp() {
        Instant now = now();
        locks.runExclusively(CLEANUP_LOCK, () -> {
            int expired = store.expire(now);
            int purged = store.purge(now.minus(settings.rowsKeptFor));
            if (expired + purged > 0) {
                log.info("Jobs cleanup: files of {} jobs expired, {} old jobs removed", expired, purged);
            }
        });
        sweep(now);
    }

    void sweep(Instant now) {
        List<Long> ids = files.folderIds();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Map<Long, JobStore.Row> rows = new HashMap<>();
            store.get(chunk).forEach(r -> rows.put(r.id(), r));
            for (long id : chunk) {
                JobStore.Row r = rows.get(id);
                try {
                    if (r == null || (r.expiresAt() != null && r.expiresAt().isBefore(now))) {
                        files.deleteAll(id);
                    } else if (!r.status().active() && r.status() != JobStatus.SUCCEEDED) {
                        files.deleteOutputs(id);
                    }
                } catch (UncheckedIOException e) {
                    log.warn("Could not delete the files of job {}: {}", id, e.getMessage());
                }
            }
        }
    }

    // ---- views ----

    JobView view(JobStore.Row r) {
        Instant now = now();
        boolean retryable = r.retryable()
                && findHandler(r.kind()).map(JobHandler::retryable).orElse(false);
        boolean resultAvailable = r.status() == JobStatus.SUCCEEDED
                && r.resultFile() != null
                && (r.expiresAt() == null || r.expiresAt().isAfter(now));
        return new JobView(
                JobId.of(r.id()),
                r.kind(),
                r.owner(),
                r.status(),
                r.cancelRequested(),
                retryable,
                r.retryOf() == null ? null : JobId.of(r.retryOf()),
                r.subjectKey(),
                JobJson.readArgs(r.subjectArgs()),
                r.progressDone(),
                r.progressTotal(),
                r.progressKey(),
                JobJson.readArgs(r.progressArgs()),
                r.errorKey(),
                JobJson.readArgs(r.errorArgs()),
                JobJson.readMap(r.summary()),
                r.inputName(),
                r.resultName(),
                r.resultSize(),
                resultAvailable,
                r.queuedAt(),
                r.startedAt(),
                r.finishedAt(),
                r.heartbeatAt(),
                r.expiresAt(),
                r.node());
    }

    /** The live view of a job this node runs, else the table's. */
    Optional<JobView> current(long id) {
        RunningJob local = running.get(id);
        if (local != null) {
            return Optional.of(local.view());
        }
        return store.get(id).map(this::view);
    }

    // ---- parts ----

    JobStore store() {
        return store;
    }

    JobFiles files() {
        return files;
    }

    JobSettings settings() {
        return settings;
    }

    Instant now() {
        return clock.instant();
    }

    boolean runsHere(long id) {
        return running.containsKey(id);
    }

    // ---- lifecycle ----

    @Override
    public void start() {
        started = true;
        accepting = true;
        try {
            recoverInterrupted();
        } catch (RuntimeException e) {
            log.warn("Could not look for interrupted jobs at startup: {}", e.toString());
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "keyuan-jobs-timer");
            thread.setDaemon(true);
            return thread;
        });
        every(t, settings.heartbeatEvery.toMillis(), this::heartbeat, "heartbeat");
        every(t, Math.max(1000, settings.staleAfter.toMillis() / 3), this::recoverInterrupted, "recovery");
        every(t, settings.watchPollEvery.toMillis(), this::pollWatched, "watch poll");
        t.scheduleWithFixedDelay(
                () -> guarded(this::cleanUp, "cleanup"),
                5_000,
                settings.cleanupEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        timer = t;
    }

    private static void every(ScheduledExecutorService t, long millis, Runnable task, String name) {
        t.scheduleWithFixedDelay(() -> guarded(task, name), millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void guarded(Runnable task, String name) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a database hiccup must not stop the timer: the next round tries again
            log.warn("Jobs {} failed: {}", name, e.toString());
        }
    }

    /**
     * A stopping node takes no new jobs, gives its running ones a few seconds, and marks what is left failed at once
     * (rather than after the stale time), so that users can retry without waiting.
     */
    @Override
    public void stop() {
        accepting = false;
        started = false;
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Instant now = now();
            int left = store.failNode(settings.node, now, now.plus(settings.resultsKeptFor));
            if (left > 0) {
                log.warn("{} jobs of this node were still queued or running at shutdown: marked failed", left);
            }
        } catch (RuntimeException e) {
            log.warn("Could not mark this node's unfinished jobs at shutdown: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
