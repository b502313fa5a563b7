package io.keyuan.survey;

import java.time.LocalDate;

/**
 * A feedback item to open. The customer is required; the owner (a staff user's id), the due date, the purchase it
 * is about and the survey response that prompted it are optional.
 */
public record NewFeedback(
        FeedbackKind kind,
        FeedbackCategory category,
        FeedbackSeverity severity,
        String title,
        String description,
        Long customerId,
        Long ownerId,
        LocalDate dueDate,
        Long purchaseId,
        Long responseId) {}
