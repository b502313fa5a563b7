package io.keyuan.pricing.domain;

import io.keyuan.pricing.QuoteStatus;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved quote for a customer: the context it was priced in (tier, region, date), its totals and its lines as
 * they were quoted. A later change of the price book never rewrites it; re-saving a draft quotes it again.
 */
@Entity
@Table(name = "quote")
public class Quote extends AuditedEntity {
    public static final int NOTE_LENGTH = 500;

    @Column(name = "number", nullable = false, updatable = false, length = 32)
    private String number;

    @Column(name = "customer_id", nullable = false)
    private long customerId;

    @Column(name = "tier_id")
    private Long tierId;

    @Column(name = "province", length = 32)
    private String province;

    @Column(name = "city", length = 32)
    private String city;

    @Column(name = "quote_date", nullable = false)
    private LocalDate quoteDate;

    @Column(name = "valid_until", nullable = false)
    private LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 12)
    private QuoteStatus status = QuoteStatus.DRAFT;

    @Column(name = "list_total", nullable = false, precision = 14, scale = 2)
    private BigDecimal listTotal = BigDecimal.ZERO;

    @Column(name = "bundle_discount", nullable = false, precision = 14, scale = 2)
    private BigDecimal bundleDiscount = BigDecimal.ZERO;

    @Column(name = "total", nullable = false, precision = 14, scale = 2)
    private BigDecimal total = BigDecimal.ZERO;

    @Column(name = "cost_total", nullable = false, precision = 14, scale = 2)
    private BigDecimal costTotal = BigDecimal.ZERO;

    @Column(name = "deal_id")
    private Long dealId;

    @Column(name = "purchases_recorded_at")
    private Instant purchasesRecordedAt;

    @Column(name = "note", length = NOTE_LENGTH)
    private String note;

    @OneToMany(mappedBy = "quote", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("lineNo")
    private List<QuoteLine> lines = new ArrayList<>();

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(long customerId) {
        this.customerId = customerId;
    }

    public Long getTierId() {
        return tierId;
    }

    public void setTierId(Long tierId) {
        this.tierId = tierId;
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

    public LocalDate getQuoteDate() {
        return quoteDate;
    }

    public void setQuoteDate(LocalDate quoteDate) {
        this.quoteDate = quoteDate;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(LocalDate validUntil) {
        this.validUntil = validUntil;
    }

    public QuoteStatus getStatus() {
        return status;
    }

    public void setStatus(QuoteStatus status) {
        this.status = status;
    }

    public BigDecimal getListTotal() {
        return listTotal;
    }

    public void setListTotal(BigDecimal listTotal) {
        this.listTotal = listTotal;
    }

    public BigDecimal getBundleDiscount() {
        return bundleDiscount;
    }

    public void setBundleDiscount(BigDecimal bundleDiscount) {
        this.bundleDiscount = bundleDiscount;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public void setTotal(BigDecimal total) {
        this.total = total;
    }

    public BigDecimal getCostTotal() {
        return costTotal;
    }

    public void setCostTotal(BigDecimal costTotal) {
        this.costTotal = costTotal;
    }

    public Long getDealId() {
        return dealId;
    }

    public void setDealId(Long dealId) {
        this.dealId = dealId;
    }

    public Instant getPurchasesRecordedAt() {
        return purchasesRecordedAt;
    }

    public void setPurchasesRecordedAt(Instant purchasesRecordedAt) {
        this.purchasesRecordedAt = purchasesRecordedAt;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public List<QuoteLine> getLines() {
        return lines;
    }

    public void addLine(QuoteLine line) {
        line.setQuote(this);
        lines.add(line);
    }
}
