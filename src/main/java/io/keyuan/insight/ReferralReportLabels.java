package io.keyuan.insight;

import java.util.function.BiFunction;

/** What the referral report's lines are called, the same on screen and in the workbook. */
public final class ReferralReportLabels {
    private ReferralReportLabels() {}

    /** The message key that says why a report is empty; its arguments are the period's first and last month. */
    public static String emptyKey(ReferralReport.Empty why) {
        return switch (why) {
            case FUTURE -> "insight.report.empty.future";
            case NOT_BUILT -> "insight.report.empty.not-built";
            case NO_CUSTOMERS -> "insight.referrals.empty.no-customers";
            case NO_REFERRALS -> "insight.referrals.empty.no-referrals";
        };
    }

    /** A chain depth: "1 level", …, "5 levels or more". */
    public static String depth(int depth, BiFunction<String, Object[], String> translate) {
        return depth >= ReferralService.MAX_DEPTH
                ? translate.apply("insight.referrals.depth-or-more", new Object[] {depth})
                : translate.apply("insight.referrals.depth", new Object[] {depth});
    }
}
