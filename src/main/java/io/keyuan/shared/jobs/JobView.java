package io.keyuan.shared.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as users see it. Texts are i18n keys with their arguments: {@code subjectKey} what the job is about,
 * {@code progressKey} a line of progress (null for the kind's default), {@code errorKey} why it failed (never a
 * stack trace). {@code resultAvailable} says whether its result file can be downloaded now (it has one, it has not
 * expired). {@code retryable} says whether the kind may run again from the stored parameters.
 */
public record JobView(
        JobId id,
        String kind,
        String owner,
        JobStatus status,
        boolean cancelRequested,
        boolean retryable,
        JobId retryOf,
        String subjectKey,
        List<String> subjectArgs,
        long progressDone,
        long progressTotal,
        String progressKey,
        List<String> progressArgs,
        String errorKey,
        List<String> errorArgs,
        Map<String, Object> summary,
        String inputName,
        String resultName,
        Long resultSize,
        boolean resultAvailable,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        Instant expiresAt,
        String node) {
    public JobView {
        subjectArgs = subjectArgs == null ? List.of() : List.copyOf(subjectArgs);
        progressArgs = progressArgs == null ? List.of() : List.copyOf(progressArgs);
        errorArgs = errorArgs == null ? List.of() : List.copyOf(errorArgs);
        summary = summary == null ? Map.of() : Map.copyOf(summary);
    }

    public boolean active() {
        return status.active();
    }

    /** Done share between 0 and 1, or -1 while the total is not known. */
    public double fraction() {
        if (status == JobStatus.SUCCEEDED) {
            return 1;
        }
        if (progressTotal <= 0) {
            return -1;
        }
        return Math.min(1.0, progressDone / (double) progressTotal);
    }

    /** The same job with newer progress (what the running node knows before it writes it down). */
    JobView withProgress(long done, long total, String key, List<String> args, Instant heartbeat, boolean stopAsked) {
        return new JobView(
                id,
                kind,
                owner,
                status,
                stopAsked,
                retryable,
                retryOf,
                subjectKey,
                subjectArgs,
                done,
                total,
                key,
                args,
                errorKey,
                errorArgs,
                summary,
                inputName,
                resultName,
                resultSize,
                resultAvailable,
                queuedAt,
                startedAt,
                finishedAt,
                heartbeat,
                expiresAt,
                node);
    }

    /** Whether anything a watcher shows differs from {@code other}. */
    boolean differsFrom(JobView other) {
        return other == null
                || status != other.status
                || cancelRequested != other.cancelRequested
                || progressDone != other.progressDone
                || progressTotal != other.progressTotal
                || resultAvailable != other.resultAvailable
                || !java.util.Objects.equals(progressKey, other.progressKey)
                || !java.util.Objects.equals(progressArgs, other.progressArgs);
    }
}
