package io.keyuan.shared.jobs;

/** A watcher's registration; remove it when the watcher goes away (a view detaches), or it would leak. */
@FunctionalInterface
public interface JobSubscription extends AutoCloseable {
    void remove();

    @Override
    default void close() {
        remove();
    }
}
