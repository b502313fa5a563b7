package io.keyuan.pipeline.domain;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.shared.AuditedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A prospect moving through a pipeline. The stage changes only through DealService.move (which keeps history). */
@Entity
@Table(name = "deal")
public class Deal extends AuditedEntity {
    public static final int TITLE_LENGTH = 200;
    public static final int LOST_REASON_LENGTH = 500;
    public static final int NOTES_LENGTH = 5000;
    public static final String MAX_VALUE = "999999999999.99";

    @Column(name = "pipeline_id", nullable = false, updatable = false)
    private long pipelineId;

    @Column(name = "stage_id", nullable = false)
    private long stageId;

    @NotBlank
    @Size(max = TITLE_LENGTH)
    @Column(name = "title", nullable = false, length = TITLE_LENGTH)
    private String title;

    @NotNull
    @Column(name = "customer_id", nullable = false)
    private Long customerId;

    @NotNull
    @DecimalMin("0")
    @DecimalMax(MAX_VALUE)
    @Digits(integer = 12, fraction = 2)
    @Column(name = "deal_value", nullable = false, precision = 14, scale = 2)
    private BigDecimal value = BigDecimal.ZERO;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "expected_close")
    private LocalDate expectedClose;

    @Column(name = "channel_id")
    private Long channelId;

    @Enumerated(EnumType.STRING)
    @Column(name = "acquisition_method", length = 16)
    private AcquisitionMethod acquisitionMethod;

    @Column(name = "stage_entered_at", nullable = false)
    private Instant stageEnteredAt;

    @Size(max = LOST_REASON_LENGTH)
    @Column(name = "lost_reason", length = LOST_REASON_LENGTH)
    private String lostReason;

    @Column(name = "purchase_id")
    private Long purchaseId;

    @Size(max = NOTES_LENGTH)
    @Column(name = "notes")
    private String notes;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "deal_contact", joinColumns = @JoinColumn(name = "deal_id"))
    @OrderColumn(name = "position")
    private List<@Valid DealContact> contacts = new ArrayList<>();

    public long getPipelineId() {
        return pipelineId;
    }

    public void setPipelineId(long pipelineId) {
        this.pipelineId = pipelineId;
    }

    public long getStageId() {
        return stageId;
    }

    public void setStageId(long stageId) {
        this.stageId = stageId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(Long customerId) {
        this.customerId = customerId;
    }

    public BigDecimal getValue() {
        return value;
    }

    public void setValue(BigDecimal value) {
        this.value = value;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }

    public LocalDate getExpectedClose() {
        return expectedClose;
    }

    public void setExpectedClose(LocalDate expectedClose) {
        this.expectedClose = expectedClose;
    }

    public Long getChannelId() {
        return channelId;
    }

    public void setChannelId(Long channelId) {
        this.channelId = channelId;
    }

    public AcquisitionMethod getAcquisitionMethod() {
        return acquisitionMethod;
    }

    public void setAcquisitionMethod(AcquisitionMethod acquisitionMethod) {
        this.acquisitionMethod = acquisitionMethod;
    }

    public Instant getStageEnteredAt() {
        return stageEnteredAt;
    }

    public void setStageEnteredAt(Instant stageEnteredAt) {
        this.stageEnteredAt = stageEnteredAt;
    }

    public String getLostReason() {
        return lostReason;
    }

    public void setLostReason(String lostReason) {
        this.lostReason = lostReason;
    }

    public Long getPurchaseId() {
        return purchaseId;
    }

    public void setPurchaseId(Long purchaseId) {
        this.purchaseId = purchaseId;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public List<DealContact> getContacts() {
        return contacts;
    }

    public void setContacts(List<DealContact> contacts) {
        this.contacts = contacts;
    }
}
