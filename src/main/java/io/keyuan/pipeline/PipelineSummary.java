package io.keyuan.pipeline;

/** A pipeline without its stages. {@code nameKey} is set for shipped templates and copies not yet renamed. */
public record PipelineSummary(
        long id,
        String name,
        String nameKey,
        boolean template,
        boolean allowSkip,
        boolean allowBackward,
        long version) {}
