package io.keyuan.shared.jobs;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The one way to run long work (imports, exports, recomputes, refreshes, sends, rollups): never a thread pool of a
 * view's own. A job is a row in the database, so it outlives the tab that started it and every node sees it; it
 * runs on a bounded pool of this node's workers as the user who submitted it, with progress pushed to whoever
 * watches, a cancel that reaches it on any node, a result file kept in the jobs folder (never the system temp
 * folder) until it expires, and — when its node dies — a FAILED status found by its stale heartbeat, with a retry
 * from the stored parameters.
 *
 * <p><b>Adding a kind.</b> Write a {@link JobHandler} bean in the feature module ({@code kind()}, the role that may
 * run it, {@code run(JobContext)}), put everything it needs in a parameters record (filters, sort, ids, the
 * user's locale as a language tag), add {@code jobs.kind.<kind>} to the three bundles, and submit with {@code
 * submit(JobRequest.of(kind, parameters).about(key, args))}. Parameters that cannot be written as JSON make the kind
 * non-retryable ({@link JobHandler#retryable()} false): say so in the handler.
 *
 * <p><b>Imports.</b> An import is a job like any other:
 *
 * <ol>
 *   <li>the wizard's upload goes to a temporary file; {@code submit(JobRequest.of("customer-import", parameters)
 *       .withInput(uploaded, originalFileName).about("jobs.subject.file", originalFileName))} copies it into the
 *       job's own folder before returning, so the wizard deletes its temporary copy at once and a retry after a
 *       crash reads the same bytes. The parameters hold the choices made in the wizard: sheet type, sheet name,
 *       column mapping, mode, whether blanks clear values, the locale;
 *   <li>the handler reads {@link JobContext#input()} (never the upload), reports rows done with {@link
 *       JobContext#progress}, stops between batches once {@link JobContext#cancelled()} (rolling back), writes the
 *       error workbook with {@link JobContext#resultFile} (downloadable by the owner, and admins, until it expires),
 *       and records the outcome with {@link JobContext#summary} ({@code created}, {@code updated}, {@code
 *       unchanged}, {@code errors}, {@code importId}) — that map is what the wizard shows at the end ({@link
 *       JobView#summary()}), read from any node;
 *   <li>the wizard shows progress with {@link #watch} (removing the subscription when it detaches), or finds the
 *       job again from "my jobs" after the tab was closed. An import is retryable only if running it twice does no
 *       harm (re-import by natural key changes nothing the second time; an all-or-nothing import that crashed
 *       wrote nothing).
 * </ol>
 *
 * <p>Who may do what: a job's owner sees, cancels, retries and downloads it; admins do so for every job; holders
 * of a kind's {@link JobHandler#sharedWithRole()} see every job of that kind and, with its required role, cancel
 * and retry them. Every method checks the caller here, not only the UI.
 */
@Service
public class JobService {
    public static final int MAX_LIST = 200;

    private final JobEngine engine;

    JobService(JobEngine engine) {
        this.engine = engine;
    }

    /**
     * Queues the job as the calling user and returns its id at once. Refused when the caller lacks the kind's role
     * ({@link AccessDeniedException}), when this node's workers and queue are all taken ({@code jobs.error.full}),
     * when the caller already has too many jobs queued or running ({@code jobs.error.too-many}), or when the kind
     * runs one at a time and one is going on ({@link JobHandler#busyMessageKey()}).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobId submit(JobRequest request) {
        JobHandler handler = engine.handler(request.kind());
        Authentication caller = caller();
        requireRole(caller, handler.requiredRole());
        if (request.input() != null && !Files.isRegularFile(request.input())) {
            throw new IllegalArgumentException("No input file " + request.input());
        }
        return JobId.of(engine.submit(new JobEngine.Submission(
                request.kind(),
                JobJson.write(request.parameters()),
                request.subjectKey(),
                request.subjectArgs(),
                request.input(),
                request.inputName(),
                request.dedupeKey(),
                caller.getName(),
                contextOf(caller),
                null)));
    }

    /**
     * Runs a job that failed or was cancelled again, with the same parameters (and input file), as a new job of the
     * caller's; refused when its kind is not retryable or its input file has expired.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobId retry(JobId id) {
        Authentication caller = caller();
        JobStore.Row row = visibleRow(id, caller);
        JobHandler handler = engine.handler(row.kind());
        requireManage(row, handler, caller);
        if (row.status() != JobStatus.FAILED && row.status() != JobStatus.CANCELLED) {
            throw new KeyuanException("jobs.error.not-retryable-now");
        }
        if (!row.retryable() || !handler.retryable()) {
            throw new KeyuanException("jobs.error.not-retryable");
        }
        Path input = null;
        if (row.inputName() != null) {
            input = engine.files().resolve(row.inputFile());
            if (input == null || !Files.isRegularFile(input)) {
                throw row.inputFile() != null && !engine.settings().node.equals(row.node())
                        ? new KeyuanException("jobs.error.input-elsewhere", row.node())
                        : new KeyuanException("jobs.error.input-gone");
            }
        }
        return JobId.of(engine.submit(new JobEngine.Submission(
                row.kind(),
                row.parameters(),
                row.subjectKey(),
                JobJson.readArgs(row.subjectArgs()),
                input,
                row.inputName(),
                null,
                caller.getName(),
                contextOf(caller),
                row.id())));
    }

    /**
     * Stops a queued job at once, or asks a running one to stop after its current step; returns false when it had
     * already ended.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public boolean cancel(JobId id) {
        Authentication caller = caller();
        JobStore.Row row = visibleRow(id, caller);
        requireManage(row, engine.handler(row.kind()), caller);
        return row.status().active() && engine.cancel(row);
    }

    /** The job as it is now (on the node running it, as it is this moment). */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobView get(JobId id) {
        visibleRow(id, caller());
        return engine.current(id.value()).orElseThrow(() -> new NotFoundException("job", id.value()));
    }

    /** The caller's latest jobs, newest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<JobView> mine(int limit) {
        return engine.store().latest(caller().getName(), Math.clamp(limit, 1, MAX_LIST)).stream()
                .map(r -> engine.current(r.id()).orElseGet(() -> engine.view(r)))
                .toList();
    }

    /** Everyone's latest jobs, newest first. Admins only. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public List<JobView> everyone(int limit) {
        return engine.store().latest(null, Math.clamp(limit, 1, MAX_LIST)).stream()
                .map(r -> engine.current(r.id()).orElseGet(() -> engine.view(r)))
                .toList();
    }

    /** How many of the caller's jobs are queued or running, on any node. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long activeCount() {
        return engine.store().activeCount(caller().getName());
    }

    /** The queued or running job of the kind that the caller may see, if there is one (on any node). */
    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<JobView> active(String kind) {
        Authentication caller = caller();
        return engine.store().activeOfKind(kind).filter(r -> canSee(r, caller)).flatMap(r -> engine.current(r.id()));
    }

    /**
     * The job's result file for download: the owner's and admins' only, and only until it expires. Refused with
     * {@link AccessDeniedException} for anyone else, and with a message when there is no file (any more, or on this
     * node).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobDownload download(JobId id) {
        Authentication caller = caller();
        JobStore.Row row = engine.store().get(id.value()).orElseThrow(() -> new NotFoundException("job", id.value()));
        if (!row.owner().equals(caller.getName()) && !hasRole(caller, Roles.ADMIN)) {
            throw new AccessDeniedException("job " + id + " belongs to someone else");
        }
        JobView view = engine.view(row);
        if (row.status() != JobStatus.SUCCEEDED || row.resultName() == null) {
            throw new KeyuanException("jobs.error.no-result");
        }
        if (!view.resultAvailable()) {
            throw new KeyuanException("jobs.error.result-gone");
        }
        Path file = engine.files().resolve(row.resultFile());
        if (file == null || !Files.isRegularFile(file)) {
            throw engine.settings().node.equals(row.node())
                    ? new KeyuanException("jobs.error.result-gone")
                    : new KeyuanException("jobs.error.result-elsewhere", row.node());
        }
        return new JobDownload(
                row.resultName(),
                row.resultType() == null ? "application/octet-stream" : row.resultType(),
                row.resultSize() == null ? -1 : row.resultSize(),
                file);
    }

    /**
     * Calls {@code listener} with the job now and whenever it moves, until the subscription is removed: at once for
     * a job this node runs, within a couple of seconds for one on another node. The listener runs on a job or timer
     * thread and must not block (a view hands the update to {@code UI.access}); a listener that throws is dropped.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobSubscription watch(JobId id, Consumer<JobView> listener) {
        visibleRow(id, caller());
        return engine.watch(id.value(), listener);
    }

    /** Calls {@code listener} with the number of the caller's queued or running jobs, now and when it changes. */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobSubscription watchMine(LongConsumer listener) {
        return engine.watchOwner(caller().getName(), listener);
    }

    /** Waits until the job has ended (or the time is up) and returns it: for the command line and tests. */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobView await(JobId id, Duration timeout) {
        visibleRow(id, caller());
        long deadline = System.nanoTime() + timeout.toNanos();
        JobView job = engine.current(id.value()).orElseThrow(() -> new NotFoundException("job", id.value()));
        while (job.active() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
            job = engine.current(id.value()).orElseThrow(() -> new NotFoundException("job", id.value()));
        }
        return job;
    }

    // ---- access ----

    private JobStore.Row visibleRow(JobId id, Authentication caller) {
        JobStore.Row row = engine.store().get(id.value()).orElseThrow(() -> new NotFoundException("job", id.value()));
        if (!canSee(row, caller)) {
            throw new AccessDeniedException("job " + id + " belongs to someone else");
        }
        return row;
    }

    private boolean canSee(JobStore.Row row, Authentication caller) {
        if (row.owner().equals(caller.getName()) || hasRole(caller, Roles.ADMIN)) {
            return true;
        }
        String shared =
                engine.findHandler(row.kind()).map(JobHandler::sharedWithRole).orElse(null);
        return shared != null && hasRole(caller, shared);
    }

    private void requireManage(JobStore.Row row, JobHandler handler, Authentication caller) {
        boolean mine = row.owner().equals(caller.getName());
        boolean shared = handler.sharedWithRole() != null
                && hasRole(caller, handler.sharedWithRole())
                && hasRole(caller, handler.requiredRole());
        if (!(mine || shared || hasRole(caller, Roles.ADMIN))) {
            throw new AccessDeniedException("job " + row.id() + " belongs to someone else");
        }
        requireRole(caller, handler.requiredRole());
    }

    private static void requireRole(Authentication caller, String role) {
        if (!hasRole(caller, role)) {
            throw new AccessDeniedException("this kind of job needs the role " + role);
        }
    }

    private static boolean hasRole(Authentication caller, String role) {
        String authority = "ROLE_" + role;
        return caller.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    private static Authentication caller() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated()) {
            throw new AccessDeniedException("not signed in");
        }
        return a;
    }

    /** A context of the job's own: the caller's may be cleared or replaced by its thread when the request ends. */
    private static SecurityContext contextOf(Authentication caller) {
        SecurityContext c = SecurityContextHolder.createEmptyContext();
        c.setAuthentication(caller);
        return c;
    }
}
