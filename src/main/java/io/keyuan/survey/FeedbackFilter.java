package io.keyuan.survey;

/**
 * The feedback list's filter; null fields do not filter. {@code overdueOnly} keeps open items past their due date,
 * {@code mine} the signed-in user's items (it wins over {@code ownerId}).
 */
public record FeedbackFilter(
        FeedbackKind kind,
        FeedbackStatus status,
        FeedbackSeverity severity,
        Long ownerId,
        boolean overdueOnly,
        boolean mine,
        Long customerId) {

    public static FeedbackFilter none() {
        return new FeedbackFilter(null, null, null, null, false, false, null);
    }

    public static FeedbackFilter ofCustomer(long customerId) {
        return new FeedbackFilter(null, null, null, null, false, false, customerId);
    }
}
