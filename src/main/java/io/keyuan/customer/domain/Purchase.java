package io.keyuan.customer.domain;

import io.keyuan.customer.SalesChannel;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A purchase (销售记录) by a customer. */
@Entity
@Table(name = "purchase")
public class Purchase extends AuditedEntity {
    public static final int PRODUCT_LENGTH = 100;
    public static final int MAX_QUANTITY = 1_000_000;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @NotNull
    @Column(name = "purchase_date", nullable = false)
    private LocalDate purchaseDate;

    @NotBlank
    @Size(max = PRODUCT_LENGTH)
    @Column(name = "product", nullable = false, length = PRODUCT_LENGTH)
    private String product;

    @NotNull
    @Positive
    @Max(MAX_QUANTITY)
    @Column(name = "quantity", nullable = false)
    private Integer quantity = 1;

    @NotNull
    @PositiveOrZero
    @DecimalMax("999999999999.99")
    @Digits(integer = 12, fraction = 2)
    @Column(name = "amount", nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @NotNull
    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 16)
    private SalesChannel channel = SalesChannel.STORE;

    public long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(long customerId) {
        this.customerId = customerId;
    }

    public LocalDate getPurchaseDate() {
        return purchaseDate;
    }

    public void setPurchaseDate(LocalDate purchaseDate) {
        this.purchaseDate = purchaseDate;
    }

    public String getProduct() {
        return product;
    }

    public void setProduct(String product) {
        this.product = product;
    }

    public Integer getQuantity() {
        return quantity;
    }

    public void setQuantity(Integer quantity) {
        this.quantity = quantity;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public SalesChannel getChannel() {
        return channel;
    }

    public void setChannel(SalesChannel channel) {
        this.channel = channel;
    }
}
