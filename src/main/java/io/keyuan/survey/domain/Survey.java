package io.keyuan.survey.domain;

import io.keyuan.shared.AuditedEntity;
import io.keyuan.survey.SurveyStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A survey's head: code, name, status. Its questions are rows of survey_question, written with the survey. */
@Entity
@Table(name = "survey")
public class Survey extends AuditedEntity {
    public static final int CODE_LENGTH = 32;
    public static final int NAME_LENGTH = 120;
    public static final int QUESTION_LENGTH = 500;
    public static final int OPTION_LENGTH = 200;

    @Column(name = "code", nullable = false, length = CODE_LENGTH)
    private String code;

    @Column(name = "name", nullable = false, length = NAME_LENGTH)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private SurveyStatus status = SurveyStatus.DRAFT;

    @Column(name = "copied_from_id")
    private Long copiedFromId;

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

    public SurveyStatus getStatus() {
        return status;
    }

    public void setStatus(SurveyStatus status) {
        this.status = status;
    }

    public Long getCopiedFromId() {
        return copiedFromId;
    }

    public void setCopiedFromId(Long copiedFromId) {
        this.copiedFromId = copiedFromId;
    }
}
