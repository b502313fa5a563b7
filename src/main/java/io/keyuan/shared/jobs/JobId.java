package io.keyuan.shared.jobs;

/** A job's number, the same on every node. */
public record JobId(long value) {
    public static JobId of(long value) {
        return new JobId(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
