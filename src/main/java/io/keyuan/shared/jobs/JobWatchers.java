package io.keyuan.shared.jobs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who watches what on this node: listeners of one job (an export dialog, a settings page) and of one user's count
 * of active jobs (the "my jobs" badge). Jobs this node runs are published as they move; for jobs on other nodes the
 * engine polls the table and publishes what changed. A listener that throws is dropped, so a closed tab whose
 * listener was never removed cannot pile up.
 */
final class JobWatchers {
    private static final Logger log = LoggerFactory.getLogger(JobWatchers.class);

    private final Map<Long, List<Consumer<JobView>>> byJob = new ConcurrentHashMap<>();
    private final Map<String, List<LongConsumer>> byOwner = new ConcurrentHashMap<>();
    private final Map<Long, JobView> lastJob = new ConcurrentHashMap<>();
    private final Map<String, Long> lastCount = new ConcurrentHashMap<>();

    JobSubscription watch(long id, Consumer<JobView> listener) {
        byJob.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> unwatch(id, listener);
    }

    private void unwatch(long id, Consumer<JobView> listener) {
        byJob.computeIfPresent(id, (k, list) -> {
            list.remove(listener);
            if (list.isEmpty()) {
                lastJob.remove(id);
                return null;
            }
            return list;
        });
    }

    JobSubscription watchOwner(String owner, LongConsumer listener) {
        byOwner.computeIfAbsent(owner, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byOwner.computeIfPresent(owner, (k, list) -> {
            list.remove(listener);
            if (list.isEmpty()) {
                lastCount.remove(owner);
                return null;
            }
            return list;
        });
    }

    Set<Long> watchedJobs() {
        return Set.copyOf(byJob.keySet());
    }

    Set<String> watchedOwners() {
        return Set.copyOf(byOwner.keySet());
    }

    /** The last state published for the job, if someone watches it. */
    JobView last(long id) {
        return lastJob.get(id);
    }

    int listenerCount() {
        return byJob.values().stream().mapToInt(List::size).sum()
                + byOwner.values().stream().mapToInt(List::size).sum();
    }

    /** Tells the job's watchers about its state, unless nothing they show has changed. */
    void publish(JobView view) {
        List<Consumer<JobView>> listeners = byJob.get(view.id().value());
        if (listeners == null) {
            return;
        }
        JobView before = lastJob.put(view.id().value(), view);
        if (before != null && !view.differsFrom(before)) {
            return;
        }
        for (Consumer<JobView> l : listeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                log.debug("Dropping a job watcher that failed: {}", e.toString());
                unwatch(view.id().value(), l);
            }
        }
    }

    /** Tells the owner's watchers how many of their jobs are queued or running now. */
    void publishCount(String owner, long active) {
        List<LongConsumer> listeners = byOwner.get(owner);
        if (listeners == null) {
            return;
        }
        Long before = lastCount.put(owner, active);
        if (before != null && before == active) {
            return;
        }
        for (LongConsumer l : listeners) {
            try {
                l.accept(active);
            } catch (RuntimeException e) {
                log.debug("Dropping a job count watcher that failed: {}", e.toString());
                listeners.remove(l);
            }
        }
    }
}
