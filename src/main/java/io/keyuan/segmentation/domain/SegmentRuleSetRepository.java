package io.keyuan.segmentation.domain;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SegmentRuleSetRepository extends JpaRepository<SegmentRuleSet, Long> {
    boolean existsByName(String name);

    List<SegmentRuleSet> findAllByOrderByNameAsc();
}
