package io.keyuan.survey;

import io.keyuan.shared.jobs.JobId;
import java.time.Instant;
import java.util.List;

/** A campaign with its survey's name, its audience, its period and how far its recipients answered. */
public record CampaignDetail(
        long id,
        long version,
        String name,
        long surveyId,
        String surveyCode,
        String surveyName,
        CampaignChannel channel,
        Long segmentId,
        List<Long> customerIds,
        CampaignStatus status,
        Instant opensAt,
        Instant closesAt,
        Instant sentAt,
        Instant closedAt,
        int recipients,
        long answered,
        JobId sendJob,
        String updatedBy,
        Instant updatedAt) {
    public CampaignDetail {
        customerIds = List.copyOf(customerIds);
    }

    public CampaignDraft draft() {
        return new CampaignDraft(id, version, name, surveyId, channel, segmentId, customerIds, opensAt, closesAt);
    }

    /** The campaign's code, as sheets name it ({@link CampaignCodes}). */
    public String code() {
        return CampaignCodes.of(id);
    }

    /** Whether answers are taken at {@code now}: open, and inside its period. */
    public boolean acceptsAnswers(Instant now) {
        return status == CampaignStatus.OPEN && !now.isBefore(opensAt) && now.isBefore(closesAt);
    }
}
