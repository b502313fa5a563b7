package io.keyuan.survey.domain;

import io.keyuan.shared.AuditedEntity;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackSeverity;
import io.keyuan.survey.FeedbackStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A complaint or suggestion (投诉与建议) about a customer; customer, owner, purchase and response are ids. */
@Entity
@Table(name = "feedback")
public class Feedback extends AuditedEntity {
    public static final int TITLE_LENGTH = 200;
    /** The description and comments are TEXT; the forms stop well before it. */
    public static final int TEXT_LENGTH = 4000;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16, updatable = false)
    private FeedbackKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "category", nullable = false, length = 16)
    private FeedbackCategory category;

    @Enumerated(EnumType.STRING)
    @Column(name = "severity", nullable = false, length = 16)
    private FeedbackSeverity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private FeedbackStatus status = FeedbackStatus.OPEN;

    @Column(name = "title", nullable = false, length = TITLE_LENGTH)
    private String title;

    @Column(name = "description", columnDefinition = "TEXT")
    private String description;

    @Column(name = "customer_id", nullable = false, updatable = false)
    private long customerId;

    @Column(name = "owner_id")
    private Long ownerId;

    @Column(name = "due_date")
    private LocalDate dueDate;

    @Column(name = "response_id", updatable = false)
    private Long responseId;

    @Column(name = "purchase_id")
    private Long purchaseId;

    public FeedbackKind getKind() {
        return kind;
    }

    public void setKind(FeedbackKind kind) {
        this.kind = kind;
    }

    public FeedbackCategory getCategory() {
        return category;
    }

    public void setCategory(FeedbackCategory category) {
        this.category = category;
    }

    public FeedbackSeverity getSeverity() {
        return severity;
    }

    public void setSeverity(FeedbackSeverity severity) {
        this.severity = severity;
    }

    public FeedbackStatus getStatus() {
        return status;
    }

    public void setStatus(FeedbackStatus status) {
        this.status = status;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public long getCustomerId() {
        return customerId;
    }

    public void setCustomerId(long customerId) {
        this.customerId = customerId;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
    }

    public Long getResponseId() {
        return responseId;
    }

    public void setResponseId(Long responseId) {
        this.responseId = responseId;
    }

    public Long getPurchaseId() {
        return purchaseId;
    }

    public void setPurchaseId(Long purchaseId) {
        this.purchaseId = purchaseId;
    }
}
