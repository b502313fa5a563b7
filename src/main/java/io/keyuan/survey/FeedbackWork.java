package io.keyuan.survey;

/**
 * One owner's feedback work: items still open (OPEN or IN_PROGRESS), of them how many are past their due date and how
 * many are due today (business time).
 */
public record FeedbackWork(long open, long overdue, long dueToday) {
    public static final FeedbackWork NONE = new FeedbackWork(0, 0, 0);
}
