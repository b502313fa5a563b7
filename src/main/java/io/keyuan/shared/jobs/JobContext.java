package io.keyuan.shared.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** What a running job sees of itself. Not thread-safe beyond progress and cancel: one handler thread uses it. */
public interface JobContext {
    JobId id();

    /** The user who submitted the job (or retried it); the job runs with their rights. */
    String owner();

    /** The parameters the job was submitted with, read back as {@code type}. */
    <T> T parameters(Class<T> type);

    /**
     * How far the job is, {@code total} 0 when not known. Cheap: call it as often as you like; it reaches the
     * watchers a few times a second and the database about once a second.
     */
    void progress(long done, long total);

    /** Progress with a line of text (an i18n key and its arguments) instead of the default one. */
    void progress(long done, long total, String messageKey, Object... args);

    /** Whether someone asked the job to stop (on this node or another). */
    boolean cancelled();

    /** Throws a {@link java.util.concurrent.CancellationException} once the job was asked to stop. */
    void throwIfCancelled();

    /**
     * The job's result file, offered for download under {@code fileName} once the job succeeds. It is written in the
     * job's own folder (never the system temp folder); a job that fails or is cancelled leaves no result behind.
     */
    OutputStream resultFile(String fileName, String contentType) throws IOException;

    /** The input file given with {@link JobRequest#withInput}, in the job's folder. */
    Optional<Path> input();

    /** The name the input file had ({@link JobRequest#withInput}). */
    Optional<String> inputName();

    /** A folder of the job's own for scratch files; deleted with the job's files. */
    Path workDirectory() throws IOException;

    /**
     * Records a figure of the outcome ({@code created = 120}, {@code runId = 7}) in the job's summary, stored at once
     * so that any node can read it: what a wizard shows at the end of an import.
     */
    void summary(String key, Object value);
}
