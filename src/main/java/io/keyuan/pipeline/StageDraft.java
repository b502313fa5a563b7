package io.keyuan.pipeline;

/** A stage as a manager edits it; {@code id} null for a new stage (added at the end of the open stages). */
public record StageDraft(Long id, long version, String name, int probability, StageKind kind, Integer staleAfterDays) {}
