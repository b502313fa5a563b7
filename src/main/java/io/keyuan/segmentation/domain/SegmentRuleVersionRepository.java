package io.keyuan.segmentation.domain;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SegmentRuleVersionRepository extends JpaRepository<SegmentRuleVersion, Long> {
    List<SegmentRuleVersion> findBySegmentIdOrderByVersionNoDesc(long segmentId);

    Optional<SegmentRuleVersion> findBySegmentIdAndVersionNo(long segmentId, int versionNo);
}
