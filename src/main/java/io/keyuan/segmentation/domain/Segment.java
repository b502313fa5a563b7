package io.keyuan.segmentation.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "segment")
public class Segment extends AuditedEntity {
    public static final int NAME_LENGTH = 100;

    @Column(name = "rule_set_id", nullable = false)
    private long ruleSetId;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "priority", nullable = false)
    private int priority;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    public long getRuleSetId() {
        return ruleSetId;
    }

    public void setRuleSetId(long ruleSetId) {
        this.ruleSetId = ruleSetId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public int getCurrentVersion() {
        return currentVersion;
    }

    public void setCurrentVersion(int currentVersion) {
        this.currentVersion = currentVersion;
    }
}
