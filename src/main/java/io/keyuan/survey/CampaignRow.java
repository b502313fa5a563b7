package io.keyuan.survey;

import java.time.Instant;

/** One line of the campaign list. */
public record CampaignRow(
        long id,
        String name,
        String surveyName,
        CampaignChannel channel,
        CampaignStatus status,
        Instant opensAt,
        Instant closesAt,
        int recipients,
        long answered) {}
