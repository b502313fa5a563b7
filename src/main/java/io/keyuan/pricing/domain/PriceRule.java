package io.keyuan.pricing.domain;

import io.keyuan.pricing.Rounding;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A price rule (table price_rule, V40); tier, category and product by id. */
@Entity
@Table(name = "price_rule")
public class PriceRule extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final int NAME_LENGTH = 100;
    public static final int REGION_LENGTH = 32;
    public static final int NOTE_LENGTH = 500;

    @NotBlank
    @Size(max = CODE_LENGTH)
    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @NotBlank
    @Size(max = NAME_LENGTH)
    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "tier_id")
    private Long tierId;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "scope", nullable = false, length = 8)
    private RuleScope scope = RuleScope.ALL;

    @Column(name = "category_id")
    private Long categoryId;

    @Column(name = "product_id")
    private Long productId;

    @Column(name = "min_quantity", nullable = false)
    private int minQuantity = 1;

    @Size(max = REGION_LENGTH)
    @Column(name = "province", length = REGION_LENGTH)
    private String province;

    @Size(max = REGION_LENGTH)
    @Column(name = "city", length = REGION_LENGTH)
    private String city;

    @Column(name = "valid_from")
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private RuleKind kind;

    @NotNull
    @Column(name = "value", nullable = false, precision = 14, scale = 4)
    private BigDecimal value;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "rounding", nullable = false, length = 8)
    private Rounding rounding = Rounding.CENT;

    @Column(name = "min_margin_percent", precision = 5, scale = 2)
    private BigDecimal minMarginPercent;

    @Column(name = "promotion", nullable = false)
    private boolean promotion;

    @Column(name = "priority", nullable = false)
    private int priority = 100;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Size(max = NOTE_LENGTH)
    @Column(name = "note", length = NOTE_LENGTH)
    private String note;

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

    public Long getTierId() {
        return tierId;
    }

    public void setTierId(Long tierId) {
        this.tierId = tierId;
    }

    public RuleScope getScope() {
        return scope;
    }

    public void setScope(RuleScope scope) {
        this.scope = scope;
    }

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
    }

    public Long getProductId() {
        return productId;
    }

    public void setProductId(Long productId) {
        this.productId = productId;
    }

    public int getMinQuantity() {
        return minQuantity;
    }

    public void setMinQuantity(int minQuantity) {
        this.minQuantity = minQuantity;
    }

    public String getProvince() {
        return province;
    }

    public void setProvince(String province) {
        this.province = province;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(LocalDate validFrom) {
        this.validFrom = validFrom;
    }

    public LocalDate getValidTo() {
        return validTo;
    }

    public void setValidTo(LocalDate validTo) {
        this.validTo = validTo;
    }

    public RuleKind getKind() {
        return kind;
    }

    public void setKind(RuleKind kind) {
        this.kind = kind;
    }

    public BigDecimal getValue() {
        return value;
    }

    public void setValue(BigDecimal value) {
        this.value = value;
    }

    public Rounding getRounding() {
        return rounding;
    }

    public void setRounding(Rounding rounding) {
        this.rounding = rounding;
    }

    public BigDecimal getMinMarginPercent() {
        return minMarginPercent;
    }

    public void setMinMarginPercent(BigDecimal minMarginPercent) {
        this.minMarginPercent = minMarginPercent;
    }

    public boolean isPromotion() {
        return promotion;
    }

    public void setPromotion(boolean promotion) {
        this.promotion = promotion;
    }

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
