package io.keyuan.pipeline.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "pipeline")
public class Pipeline extends AuditedEntity {
    public static final int NAME_LENGTH = 100;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "name_key", length = 100)
    private String nameKey;

    @Column(name = "description", length = 500)
    private String description;

    @Column(name = "is_template", nullable = false)
    private boolean template;

    @Column(name = "allow_skip", nullable = false)
    private boolean allowSkip = true;

    @Column(name = "allow_backward", nullable = false)
    private boolean allowBackward = true;

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

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public boolean isTemplate() {
        return template;
    }

    public void setTemplate(boolean template) {
        this.template = template;
    }

    public boolean isAllowSkip() {
        return allowSkip;
    }

    public void setAllowSkip(boolean allowSkip) {
        this.allowSkip = allowSkip;
    }

    public boolean isAllowBackward() {
        return allowBackward;
    }

    public void setAllowBackward(boolean allowBackward) {
        this.allowBackward = allowBackward;
    }
}
