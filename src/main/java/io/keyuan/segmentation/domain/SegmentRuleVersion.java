package io.keyuan.segmentation.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Written once; created by/at say who saved the rule and when. */
@Entity
@Table(name = "segment_rule_version")
public class SegmentRuleVersion extends AuditedEntity {
    public static final int NOTE_LENGTH = 500;

    @Column(name = "segment_id", nullable = false, updatable = false)
    private long segmentId;

    @Column(name = "version_no", nullable = false, updatable = false)
    private int versionNo;

    @Column(name = "rule_text", nullable = false, updatable = false, columnDefinition = "TEXT")
    private String ruleText;

    @Column(name = "change_note", length = NOTE_LENGTH, updatable = false)
    private String changeNote;

    protected SegmentRuleVersion() {}

    public SegmentRuleVersion(long segmentId, int versionNo, String ruleText, String changeNote) {
        this.segmentId = segmentId;
        this.versionNo = versionNo;
        this.ruleText = ruleText;
        this.changeNote = changeNote;
    }

    public long getSegmentId() {
        return segmentId;
    }

    public int getVersionNo() {
        return versionNo;
    }

    public String getRuleText() {
        return ruleText;
    }

    public String getChangeNote() {
        return changeNote;
    }
}
