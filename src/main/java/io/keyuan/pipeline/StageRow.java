package io.keyuan.pipeline;

/** One stage of a pipeline. {@code nameKey} is set for template stages (shown translated), null for typed names. */
public record StageRow(
        long id,
        long pipelineId,
        int position,
        String name,
        String nameKey,
        int probability,
        StageKind kind,
        Integer staleAfterDays,
        long version) {}
