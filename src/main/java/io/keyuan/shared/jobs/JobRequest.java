package io.keyuan.shared.jobs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to run: the handler's {@code kind} and its parameters (any value Jackson writes as JSON: a record, a map),
 * which must be all the handler needs to run the job again; what the job is about in words ({@code subjectKey}
 * and its arguments, shown in "my jobs"); optionally an input file, copied into the job's own folder when the job
 * is submitted (an uploaded workbook, say), and a {@code dedupeKey} so that a schedule firing on several nodes
 * makes one job.
 */
public record JobRequest(
        String kind,
        Object parameters,
        String subjectKey,
        List<String> subjectArgs,
        Path input,
        String inputName,
        String dedupeKey) {
    public JobRequest {
        Objects.requireNonNull(kind, "kind");
        subjectArgs = subjectArgs == null ? List.of() : List.copyOf(subjectArgs);
    }

    public static JobRequest of(String kind, Object parameters) {
        return new JobRequest(kind, parameters, null, List.of(), null, null, null);
    }

    /** What the job is about, as an i18n key and its arguments (written as text when submitted). */
    public JobRequest about(String key, Object... args) {
        return new JobRequest(
                kind,
                parameters,
                key,
                Arrays.stream(args).map(a -> a == null ? "" : String.valueOf(a)).toList(),
                input,
                inputName,
                dedupeKey);
    }

    /**
     * The job reads this file: it is copied into the job's folder before {@link JobService#submit} returns, so the
     * caller may delete its own copy at once, and a retry reads the same bytes.
     */
    public JobRequest withInput(Path file, String name) {
        return new JobRequest(kind, parameters, subjectKey, subjectArgs, file, name, dedupeKey);
    }

    /** At most one job ever carries this key; a second submit with it returns the first job. */
    public JobRequest oncePer(String key) {
        return new JobRequest(kind, parameters, subjectKey, subjectArgs, input, inputName, key);
    }
}
