package io.keyuan.pipeline.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PipelineRepository extends JpaRepository<Pipeline, Long> {
    List<Pipeline> findByTemplateOrderByIdAsc(boolean template);

    boolean existsByNameAndTemplateFalse(String name);

    boolean existsByNameAndTemplateFalseAndIdNot(String name, Long id);
}
