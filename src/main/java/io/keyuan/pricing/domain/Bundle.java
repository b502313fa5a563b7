package io.keyuan.pricing.domain;

import io.keyuan.pricing.BundleKind;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A set of products with quantities sold together (table bundle, V40). */
@Entity
@Table(name = "bundle")
public class Bundle extends AuditedEntity {
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

    @Column(name = "tier_id")
    private Long tierId;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8)
    private BundleKind kind;

    @NotNull
    @Column(name = "value", nullable = false, precision = 14, scale = 4)
    private BigDecimal value;

    @Column(name = "valid_from")
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @OneToMany(mappedBy = "bundle", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private List<BundleItem> items = new ArrayList<>();

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

    public BundleKind getKind() {
        return kind;
    }

    public void setKind(BundleKind kind) {
        this.kind = kind;
    }

    public BigDecimal getValue() {
        return value;
    }

    public void setValue(BigDecimal value) {
        this.value = value;
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

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public List<BundleItem> getItems() {
        return items;
    }

    /** Replaces the items (product id to quantity), keeping this bundle as their owner. */
    public void replaceItems(java.util.Map<Long, Integer> quantities) {
        items.removeIf(i -> !quantities.containsKey(i.getProductId()));
        for (var e : quantities.entrySet()) {
            BundleItem item = items.stream()
                    .filter(i -> i.getProductId().equals(e.getKey()))
                    .findFirst()
                    .orElse(null);
            if (item == null) {
                item = new BundleItem(this, e.getKey(), e.getValue());
                items.add(item);
            } else {
                item.setQuantity(e.getValue());
            }
        }
    }
}
