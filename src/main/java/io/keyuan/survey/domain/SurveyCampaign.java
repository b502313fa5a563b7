package io.keyuan.survey.domain;

import io.keyuan.shared.AuditedEntity;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A survey sent to a segment ({@code segmentId}) or to hand-picked customers (survey_campaign_pick) through one
 * channel for the period [opensAt, closesAt). Its recipients are frozen into survey_recipient when it is sent.
 */
@Entity
@Table(name = "survey_campaign")
public class SurveyCampaign extends AuditedEntity {
    public static final int NAME_LENGTH = 120;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(name = "survey_id", nullable = false)
    private long surveyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, length = 16)
    private CampaignChannel channel;

    @Column(name = "segment_id")
    private Long segmentId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private CampaignStatus status = CampaignStatus.DRAFT;

    @Column(name = "opens_at", nullable = false)
    private Instant opensAt;

    @Column(name = "closes_at", nullable = false)
    private Instant closesAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "recipients", nullable = false)
    private int recipients;

    /** The job that froze the recipients (shared.jobs' id). */
    @Column(name = "send_job")
    private Long sendJob;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getSurveyId() {
        return surveyId;
    }

    public void setSurveyId(long surveyId) {
        this.surveyId = surveyId;
    }

    public CampaignChannel getChannel() {
        return channel;
    }

    public void setChannel(CampaignChannel channel) {
        this.channel = channel;
    }

    public Long getSegmentId() {
        return segmentId;
    }

    public void setSegmentId(Long segmentId) {
        this.segmentId = segmentId;
    }

    public CampaignStatus getStatus() {
        return status;
    }

    public void setStatus(CampaignStatus status) {
        this.status = status;
    }

    public Instant getOpensAt() {
        return opensAt;
    }

    public void setOpensAt(Instant opensAt) {
        this.opensAt = opensAt;
    }

    public Instant getClosesAt() {
        return closesAt;
    }

    public void setClosesAt(Instant closesAt) {
        this.closesAt = closesAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public void setSentAt(Instant sentAt) {
        this.sentAt = sentAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public void setClosedAt(Instant closedAt) {
        this.closedAt = closedAt;
    }

    public int getRecipients() {
        return recipients;
    }

    public void setRecipients(int recipients) {
        this.recipients = recipients;
    }

    public Long getSendJob() {
        return sendJob;
    }

    public void setSendJob(Long sendJob) {
        this.sendJob = sendJob;
    }
}
