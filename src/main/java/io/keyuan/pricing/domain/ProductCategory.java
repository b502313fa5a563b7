package io.keyuan.pricing.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A node of the small product category tree (parent by id: the tree is walked in memory, it is small). */
@Entity
@Table(name = "product_category")
public class ProductCategory extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final int NAME_LENGTH = 100;

    @NotBlank
    @Size(max = CODE_LENGTH)
    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "parent_id")
    private Long parentId;

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

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
    }
}
