package io.keyuan.survey;

import java.time.Instant;

/**
 * Published after a survey response committed, whichever way it came in (public page, phone entry, import).
 * {@code npsScore} is the answer to the survey's first NPS question (0–10), null when the survey has none or it
 * was left blank; a score of 0–6 makes the response a detractor's, which opens a follow-up complaint for the
 * customer's owner. {@code customerId} is null only for an anonymous response.
 */
public record ResponseRecorded(
        long responseId, long campaignId, long surveyId, Long customerId, Integer npsScore, Instant answeredAt) {

    /** NPS detractors answer 0 to 6. */
    public boolean detractor() {
        return npsScore != null && npsScore <= 6;
    }
}
