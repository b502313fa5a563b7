package io.keyuan.exchange;

import java.util.Map;

/** Where an importer records each write, so that the import can be undone. */
public interface ChangeLog {
    void created(long targetId);

    /** {@code before} holds the overwritten columns' previous values as text (null for SQL NULL). */
    void updated(long targetId, Map<String, String> before);
}
