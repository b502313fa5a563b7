package io.keyuan.survey;

import java.time.Instant;

/**
 * One entry of a feedback item's timeline: a change (old and new value as stored: an enum name, a user id, an ISO
 * date) or a comment ({@code note}, also a reopening's reason or a transition's note), with who and when.
 */
public record FeedbackHistoryEntry(
        long id, FeedbackChange change, String oldValue, String newValue, String note, String actor, Instant at) {}
