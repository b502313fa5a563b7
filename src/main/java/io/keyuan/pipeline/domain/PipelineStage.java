package io.keyuan.pipeline.domain;

import io.keyuan.pipeline.StageKind;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "pipeline_stage")
public class PipelineStage extends AuditedEntity {
    public static final int NAME_LENGTH = 100;
    public static final int MAX_STALE_DAYS = 3650;

    @Column(name = "pipeline_id", nullable = false)
    private long pipelineId;

    @Column(name = "position", nullable = false)
    private int position;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "name_key", length = 100)
    private String nameKey;

    @Column(name = "probability", nullable = false)
    private int probability;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8)
    private StageKind kind;

    @Column(name = "stale_after_days")
    private Integer staleAfterDays;

    public long getPipelineId() {
        return pipelineId;
    }

    public void setPipelineId(long pipelineId) {
        this.pipelineId = pipelineId;
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        this.position = position;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNameKey() {
        return nameKey;
    }

    public void setNameKey(String nameKey) {
        this.nameKey = nameKey;
    }

    public int getProbability() {
        return probability;
    }

    public void setProbability(int probability) {
        this.probability = probability;
    }

    public StageKind getKind() {
        return kind;
    }

    public void setKind(StageKind kind) {
        this.kind = kind;
    }

    public Integer getStaleAfterDays() {
        return staleAfterDays;
    }

    public void setStaleAfterDays(Integer staleAfterDays) {
        this.staleAfterDays = staleAfterDays;
    }
}
