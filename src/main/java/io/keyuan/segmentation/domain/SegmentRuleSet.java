package io.keyuan.segmentation.domain;

import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "segment_rule_set")
public class SegmentRuleSet extends AuditedEntity {
    public static final int NAME_LENGTH = 100;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "mode", nullable = false, length = 16)
    private RuleSetMode mode;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public RuleSetMode getMode() {
        return mode;
    }

    public void setMode(RuleSetMode mode) {
        this.mode = mode;
    }
}
