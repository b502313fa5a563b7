package io.keyuan.pricing.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A price tier (VIP, 标准, 经济): priority 1 is tried first; a customer takes the first tier one of whose segments
 * holds them. Segments are named by id only (segmentation owns them; a deleted one stays bound until fixed).
 */
@Entity
@Table(name = "price_tier")
public class PriceTier extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final int NAME_LENGTH = 100;
    public static final int DESCRIPTION_LENGTH = 500;

    @NotBlank
    @Size(max = CODE_LENGTH)
    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "priority", nullable = false)
    private int priority;

    @Size(max = DESCRIPTION_LENGTH)
    @Column(name = "description", length = DESCRIPTION_LENGTH)
    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "price_tier_segment", joinColumns = @JoinColumn(name = "tier_id", nullable = false))
    @Column(name = "segment_id", nullable = false)
    private Set<Long> segmentIds = new LinkedHashSet<>();

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
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

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Set<Long> getSegmentIds() {
        return segmentIds;
    }

    public void setSegmentIds(Set<Long> segmentIds) {
        this.segmentIds = segmentIds == null ? new LinkedHashSet<>() : new LinkedHashSet<>(segmentIds);
    }
}
