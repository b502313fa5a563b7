package io.keyuan.survey;

import java.util.List;

/**
 * Where a feedback item is: OPEN → IN_PROGRESS → RESOLVED → CLOSED, one step at a time; a resolved or closed item
 * can be reopened (with a reason), which sends it back to OPEN.
 */
public enum FeedbackStatus {
    OPEN,
    IN_PROGRESS,
    RESOLVED,
    CLOSED;

    /** The statuses this one may move to. */
    public List<FeedbackStatus> next() {
        return switch (this) {
            case OPEN -> List.of(IN_PROGRESS);
            case IN_PROGRESS -> List.of(RESOLVED);
            case RESOLVED -> List.of(CLOSED, OPEN);
            case CLOSED -> List.of(OPEN);
        };
    }

    public boolean canMoveTo(FeedbackStatus target) {
        return next().contains(target);
    }

    /** Still someone's work: such an item past its due date is overdue. */
    public boolean open() {
        return this == OPEN || this == IN_PROGRESS;
    }

    /** Moving from here to {@code target} is a reopening, which needs a reason. */
    public boolean reopensTo(FeedbackStatus target) {
        return target == OPEN && (this == RESOLVED || this == CLOSED);
    }
}
