package io.keyuan.shared;

/** Someone else saved the record after it was loaded; the save was refused and nothing was overwritten. */
public class StaleEditException extends KeyuanException {
    public StaleEditException(String updatedBy, Object updatedAt) {
        super(null, "error.stale", updatedBy, updatedAt);
    }
}
