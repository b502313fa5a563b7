package io.keyuan.pipeline;

/** A pipeline's own settings as a manager edits them; {@code id} null for a new, empty pipeline. */
public record PipelineDraft(Long id, long version, String name, boolean allowSkip, boolean allowBackward) {}
