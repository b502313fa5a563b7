package io.keyuan.pipeline;

import java.util.List;
import java.util.Optional;

/** A pipeline with its stages in board order. */
public record PipelineDetail(PipelineSummary pipeline, List<StageRow> stages) {
    public Optional<StageRow> stage(long stageId) {
        return stages.stream().filter(s -> s.id() == stageId).findFirst();
    }
}
