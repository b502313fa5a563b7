package io.keyuan.survey;

import io.keyuan.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Closes the loop from a survey to a tracked complaint: once a response has committed, a detractor's score opens a
 * follow-up complaint for the customer's owner. It runs after the response's transaction commits (a response rolled
 * back opens nothing), as the system actor, since the respondent on the public page is signed in as nobody.
 */
@Component
class FeedbackFollowUps {
    private static final Logger log = LoggerFactory.getLogger(FeedbackFollowUps.class);
    private final FeedbackService feedback;

    FeedbackFollowUps(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @ApplicationModuleListener
    void on(ResponseRecorded response) {
        if (!response.detractor()) {
            return;
        }
        try {
            SystemActor.call(() -> feedback.openFollowUp(response))
                    .ifPresent(f -> log.info(
                            "Response {} (NPS {}) opened follow-up complaint {}",
                            response.responseId(),
                            response.npsScore(),
                            f.id()));
        } catch (RuntimeException e) {
            // The response stands whatever happens here; a duplicate delivery racing the first is refused by the
            // unique response id and needs nothing more.
            log.warn("No follow-up complaint for response {}: {}", response.responseId(), e.toString());
        }
    }
}
