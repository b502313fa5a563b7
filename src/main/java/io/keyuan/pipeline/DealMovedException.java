package io.keyuan.pipeline;

import io.keyuan.shared.StaleEditException;

/**
 * Someone else changed the deal after it was shown (typically moved it): the move was refused, nothing was
 * overwritten, and the deal's current stage and version travel with the refusal so the board can show them.
 */
public class DealMovedException extends StaleEditException {
    private final long currentStageId;
    private final long currentVersion;

    public DealMovedException(String updatedBy, java.time.Instant updatedAt, long currentStageId, long currentVersion) {
        super(updatedBy, updatedAt);
        this.currentStageId = currentStageId;
        this.currentVersion = currentVersion;
    }

    public long currentStageId() {
        return currentStageId;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
