package io.keyuan.survey;

import java.time.LocalDate;

/**
 * The fields of a feedback item that can be changed after it opened, all at once, over the version the editor
 * loaded; each field that differs is one history entry.
 */
public record FeedbackEdit(
        long version,
        FeedbackCategory category,
        FeedbackSeverity severity,
        Long ownerId,
        LocalDate dueDate,
        String title,
        String description) {}
