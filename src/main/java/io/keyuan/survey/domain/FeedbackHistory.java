package io.keyuan.survey.domain;

import io.keyuan.survey.FeedbackChange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a feedback item's timeline; written once, so it has no version. */
@Entity
@Table(name = "feedback_history")
public class FeedbackHistory {
    public static final int VALUE_LENGTH = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "feedback_id", nullable = false, updatable = false)
    private long feedbackId;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_kind", nullable = false, length = 16, updatable = false)
    private FeedbackChange change;

    @Column(name = "old_value", length = VALUE_LENGTH, updatable = false)
    private String oldValue;

    @Column(name = "new_value", length = VALUE_LENGTH, updatable = false)
    private String newValue;

    @Column(name = "note", columnDefinition = "TEXT", updatable = false)
    private String note;

    @Column(name = "actor", nullable = false, length = 64, updatable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant changedAt;

    protected FeedbackHistory() {}

    public FeedbackHistory(
            long feedbackId,
            FeedbackChange change,
            String oldValue,
            String newValue,
            String note,
            String actor,
            Instant changedAt) {
        this.feedbackId = feedbackId;
        this.change = change;
        this.oldValue = clip(oldValue);
        this.newValue = clip(newValue);
        this.note = note;
        this.actor = actor;
        this.changedAt = changedAt;
    }

    /** A changed title can be longer than the value column; the entry keeps its start. */
    private static String clip(String value) {
        return value == null || value.length() <= VALUE_LENGTH ? value : value.substring(0, VALUE_LENGTH - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public long getFeedbackId() {
        return feedbackId;
    }

    public FeedbackChange getChange() {
        return change;
    }

    public String getOldValue() {
        return oldValue;
    }

    public String getNewValue() {
        return newValue;
    }

    public String getNote() {
        return note;
    }

    public String getActor() {
        return actor;
    }

    public Instant getChangedAt() {
        return changedAt;
    }
}
