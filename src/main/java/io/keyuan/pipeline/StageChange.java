package io.keyuan.pipeline;

import java.time.Instant;

/** One entry of a deal's stage history; {@code fromStageId} is null for the stage the deal was opened in. */
public record StageChange(long id, Long fromStageId, long toStageId, Instant changedAt, String changedBy) {}
