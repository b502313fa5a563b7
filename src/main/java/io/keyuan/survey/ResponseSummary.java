package io.keyuan.survey;

import java.time.Instant;
import java.util.List;

/**
 * A recorded response as the complaint it opened shows it: which survey and campaign it answered, through which
 * channel and when, and its answers in the survey's order.
 */
public record ResponseSummary(
        long id,
        String surveyName,
        long campaignId,
        String campaignName,
        CampaignChannel channel,
        Instant answeredAt,
        List<AnswerView> answers) {
    public ResponseSummary {
        answers = List.copyOf(answers);
    }
}
