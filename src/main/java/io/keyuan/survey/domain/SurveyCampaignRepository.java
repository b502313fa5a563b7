package io.keyuan.survey.domain;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SurveyCampaignRepository extends JpaRepository<SurveyCampaign, Long> {
    long countBySurveyId(long surveyId);
}
