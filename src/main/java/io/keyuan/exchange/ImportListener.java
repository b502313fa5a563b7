package io.keyuan.exchange;

/** Receives an import's progress and is asked, between batches, whether the user cancelled. */
public interface ImportListener {
    ImportListener NONE = new ImportListener() {};

    /** Rows read so far and the share of the file read (0..1). */
    default void progress(long rows, double fraction) {}

    default boolean cancelled() {
        return false;
    }
}
