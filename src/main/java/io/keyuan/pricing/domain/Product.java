package io.keyuan.pricing.domain;

import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A product or service sold: code is the natural key sheets and quotes name it by. */
@Entity
@Table(name = "product")
public class Product extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final int NAME_LENGTH = 100;
    public static final int UNIT_LENGTH = 16;
    public static final int DESCRIPTION_LENGTH = 500;
    public static final int MONEY_PRECISION = 14;
    public static final int MONEY_SCALE = 2;

    @NotBlank
    @Size(max = CODE_LENGTH)
    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @NotNull
    @Column(name = "category_id", nullable = false)
    private Long categoryId;

    @NotBlank
    @Size(max = UNIT_LENGTH)
    @Column(name = "unit", nullable = false, length = UNIT_LENGTH)
    private String unit;

    @NotNull
    @Column(name = "list_price", nullable = false, precision = MONEY_PRECISION, scale = MONEY_SCALE)
    private BigDecimal listPrice;

    @NotNull
    @Column(name = "cost", nullable = false, precision = MONEY_PRECISION, scale = MONEY_SCALE)
    private BigDecimal cost;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Size(max = DESCRIPTION_LENGTH)
    @Column(name = "description", length = DESCRIPTION_LENGTH)
    private String description;

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

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public BigDecimal getListPrice() {
        return listPrice;
    }

    public void setListPrice(BigDecimal listPrice) {
        this.listPrice = listPrice;
    }

    public BigDecimal getCost() {
        return cost;
    }

    public void setCost(BigDecimal cost) {
        this.cost = cost;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
