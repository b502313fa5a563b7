package io.keyuan.shared.jobs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The runner's limits and timings ({@code keyuan.jobs.*}). The folder holds every job's files; with several nodes
 * it should be one shared folder (a network volume), else a result can be fetched only through the node that wrote
 * it (the portal says which).
 */
@Component
class JobSettings {
    final Path directory;
    final int workers;
    final int queueCapacity;
    final int perUser;
    final Duration resultsKeptFor;
    final Duration rowsKeptFor;
    final Duration heartbeatEvery;
    final Duration staleAfter;
    final Duration watchPollEvery;
    final Duration cleanupEvery;
    final String node;

    JobSettings(
            @Value("${keyuan.jobs.dir:${KEYUAN_JOBS_DIR:${user.home}/.keyuan/jobs}}") String directory,
            @Value("${keyuan.jobs.workers:2}") int workers,
            @Value("${keyuan.jobs.queue:20}") int queueCapacity,
            @Value("${keyuan.jobs.per-user:5}") int perUser,
            @Value("${keyuan.jobs.keep-results:24h}") Duration resultsKeptFor,
            @Value("${keyuan.jobs.keep-rows:30d}") Duration rowsKeptFor,
            @Value("${keyuan.jobs.heartbeat:15s}") Duration heartbeatEvery,
            @Value("${keyuan.jobs.stale-after:3m}") Duration staleAfter,
            @Value("${keyuan.jobs.watch-poll:2s}") Duration watchPollEvery,
            @Value("${keyuan.jobs.cleanup-every:10m}") Duration cleanupEvery,
            @Value("${keyuan.jobs.node-id:}") String node) {
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.workers = Math.max(1, workers);
        this.queueCapacity = Math.max(0, queueCapacity);
        this.perUser = Math.max(1, perUser);
        this.resultsKeptFor = resultsKeptFor;
        this.rowsKeptFor = rowsKeptFor;
        this.heartbeatEvery = heartbeatEvery;
        if (staleAfter.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("keyuan.jobs.stale-after must be at least three heartbeats, else a"
                    + " slow heartbeat would fail a live node's jobs");
        }
        this.staleAfter = staleAfter;
        this.watchPollEvery = watchPollEvery;
        this.cleanupEvery = cleanupEvery;
        this.node = node == null || node.isBlank() ? defaultNode() : node.strip();
    }

    /** Host and process: unique among live nodes, and a restarted process does not pass for its predecessor. */
    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        String name = host + "/" + ProcessHandle.current().pid();
        String runtime = ManagementFactory.getRuntimeMXBean().getStartTime() % 100_000 + "";
        String id = name + "/" + runtime;
        return id.length() > 100 ? id.substring(id.length() - 100) : id;
    }
}
