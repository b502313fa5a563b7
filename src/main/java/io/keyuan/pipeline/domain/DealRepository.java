package io.keyuan.pipeline.domain;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DealRepository extends JpaRepository<Deal, Long> {
    long countByStageId(long stageId);
}
