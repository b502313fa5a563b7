package io.keyuan.shared.jobs;

/**
 * One kind of long work, a Spring bean per kind. The job service runs {@link #run} on one of its workers, as the
 * user who submitted the job (their security context, so the services the handler calls check that user's role),
 * with the job's stored parameters: whatever the handler needs must be in them, so that a retry after a crash runs
 * the same work. The kind's name in words is the i18n key {@code jobs.kind.<kind>}.
 */
public interface JobHandler {
    /** A short stable name, {@code customer-export}; stored with every job. */
    String kind();

    /** The least role ({@link io.keyuan.shared.Roles}) that may submit, retry and cancel this kind. */
    String requiredRole();

    /**
     * Holders of this role see every job of this kind, not only their own (a membership refresh shows on the
     * membership page to everyone who may open it), and those who also hold {@link #requiredRole()} may cancel
     * or retry any of them. Null: only the owner (and admins) see a job. Results stay the owner's (and admins').
     */
    default String sharedWithRole() {
        return null;
    }

    /** Whether the job may run again from its stored parameters after it failed or was cancelled. */
    default boolean retryable() {
        return true;
    }

    /**
     * At most one job of this kind queued or running at a time, on all nodes together; another submit is refused
     * with {@link #busyMessageKey()}.
     */
    default boolean oneAtATime() {
        return false;
    }

    default String busyMessageKey() {
        return "jobs.error.kind-busy";
    }

    /**
     * Does the work. Report progress, look at {@link JobContext#cancelled()} between steps (or let {@link
     * JobContext#throwIfCancelled()} throw), write a result file if the kind has one. A {@link
     * io.keyuan.shared.KeyuanException} fails the job with its message; a {@link
     * java.util.concurrent.CancellationException} ends it as cancelled; anything else fails it with a generic
     * message (and its stack trace in the log, once).
     */
    void run(JobContext context) throws Exception;
}
