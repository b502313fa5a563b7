package io.keyuan.shared;

import java.time.Instant;

/**
 * Someone else saved the record after it was loaded; the save was refused and nothing was overwritten. Names who
 * saved it and when (an {@link Instant}, which the i18n provider shows in the business time zone in the user's
 * language).
 */
public class StaleEditException extends KeyuanException {
    public StaleEditException(String updatedBy, Instant updatedAt) {
        super(
                null,
                updatedBy == null || updatedAt == null ? "error.stale-gone" : "error.stale-by",
                updatedBy,
                updatedAt);
    }

    /** The record is gone: deleted after it was loaded. */
    public static StaleEditException deleted() {
        return new StaleEditException(null, null);
    }
}
