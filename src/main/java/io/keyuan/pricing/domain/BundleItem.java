package io.keyuan.pricing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One product of a bundle with its quantity in one set (table bundle_item, V40). */
@Entity
@Table(name = "bundle_item")
public class BundleItem {
    @EmbeddedId
    private Key id = new Key();

    @MapsId("bundleId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "bundle_id", nullable = false)
    private Bundle bundle;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    protected BundleItem() {}

    BundleItem(Bundle bundle, Long productId, int quantity) {
        this.bundle = bundle;
        this.id.productId = productId;
        this.quantity = quantity;
    }

    public Long getProductId() {
        return id.productId;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public Bundle getBundle() {
        return bundle;
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "bundle_id")
        private Long bundleId;

        @Column(name = "product_id")
        private Long productId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(bundleId, k.bundleId) && Objects.equals(productId, k.productId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bundleId, productId);
        }
    }
}
