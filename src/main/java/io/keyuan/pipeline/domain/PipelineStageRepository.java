package io.keyuan.pipeline.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PipelineStageRepository extends JpaRepository<PipelineStage, Long> {
    List<PipelineStage> findByPipelineIdOrderByPositionAscIdAsc(long pipelineId);
}
