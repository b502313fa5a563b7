package io.keyuan.survey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One feedback item with everything its page shows, the version to edit it over and the moves it allows. */
public record FeedbackDetail(
        long id,
        long version,
        FeedbackKind kind,
        FeedbackCategory category,
        FeedbackSeverity severity,
        FeedbackStatus status,
        String title,
        String description,
        long customerId,
        Long ownerId,
        LocalDate dueDate,
        Long purchaseId,
        Long responseId,
        boolean overdue,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt) {

    public List<FeedbackStatus> transitions() {
        return status.next();
    }
}
