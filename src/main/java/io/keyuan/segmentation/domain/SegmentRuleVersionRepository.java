package io.keyuan.segmentation.domain;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface SegmentRuleVersionRepository extends JpaRepository<SegmentRuleVersion, Long> {
    List<SegmentRuleVersion> findBySegmentIdOrderByVersionNoDesc(long segmentId);

    Optional<SegmentRuleVersion> findBySegmentIdAndVersionNo(long segmentId, int versionNo);

    /** The rule in use of every segment of a rule set, in one query. */
    @Query("SELECT v FROM SegmentRuleVersion v, Segment s WHERE s.ruleSetId = :ruleSetId AND v.segmentId = s.id"
            + " AND v.versionNo = s.currentVersion")
    List<SegmentRuleVersion> findCurrentOfRuleSet(@Param("ruleSetId") long ruleSetId);
}
