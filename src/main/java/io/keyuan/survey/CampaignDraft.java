package io.keyuan.survey;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as a manager prepares it: to a segment ({@code segmentId}) or to hand-picked customers ({@code
 * customerIds}, when there is no segment). {@code id} null for a new one, else with the version the form loaded.
 */
public record CampaignDraft(
        Long id,
        long version,
        String name,
        Long surveyId,
        CampaignChannel channel,
        Long segmentId,
        List<Long> customerIds,
        Instant opensAt,
        Instant closesAt) {
    public CampaignDraft {
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
    }
}
