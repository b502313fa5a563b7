package io.keyuan.survey;

import java.time.LocalDate;

/**
 * Which responses results count: one survey and / or campaign, one channel, answered between two business dates
 * (both included); null leaves that part open.
 */
public record ResultFilter(Long surveyId, Long campaignId, CampaignChannel channel, LocalDate from, LocalDate to) {
    public static ResultFilter all() {
        return new ResultFilter(null, null, null, null, null);
    }

    public ResultFilter withSurvey(Long id) {
        return new ResultFilter(id, campaignId, channel, from, to);
    }

    public ResultFilter withCampaign(Long id) {
        return new ResultFilter(surveyId, id, channel, from, to);
    }

    public ResultFilter withPeriod(LocalDate first, LocalDate last) {
        return new ResultFilter(surveyId, campaignId, channel, first, last);
    }

    public ResultFilter withChannel(CampaignChannel c) {
        return new ResultFilter(surveyId, campaignId, c, from, to);
    }
}
