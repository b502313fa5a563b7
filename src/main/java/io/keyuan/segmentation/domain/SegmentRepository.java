package io.keyuan.segmentation.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SegmentRepository extends JpaRepository<Segment, Long> {
    List<Segment> findByRuleSetIdOrderByPriorityAscIdAsc(long ruleSetId);

    boolean existsByRuleSetIdAndName(long ruleSetId, String name);
}
