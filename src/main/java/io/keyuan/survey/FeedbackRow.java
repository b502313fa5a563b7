package io.keyuan.survey;

import java.time.Instant;
import java.time.LocalDate;

/** A feedback item as the list shows it; {@code overdue} is computed against today's business date. */
public record FeedbackRow(
        long id,
        FeedbackKind kind,
        FeedbackCategory category,
        FeedbackSeverity severity,
        FeedbackStatus status,
        String title,
        long customerId,
        String customerName,
        Long ownerId,
        LocalDate dueDate,
        boolean overdue,
        Instant createdAt) {}
