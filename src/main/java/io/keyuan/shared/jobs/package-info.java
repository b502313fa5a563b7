/**
 * The one runner for long work: a job table, a bounded executor per node, progress pushed to watchers, cancel,
 * result files that expire, and jobs whose node died marked failed with a retry. Start at {@link
 * io.keyuan.shared.jobs.JobService}.
 */
package io.keyuan.shared.jobs;
