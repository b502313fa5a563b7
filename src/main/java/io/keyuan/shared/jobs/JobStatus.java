package io.keyuan.shared.jobs;

/** Where a job is: waiting for a worker, running, or ended one of three ways. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean active() {
        return this == QUEUED || this == RUNNING;
    }
}
