package io.keyuan.insight;

import java.util.function.BiFunction;

/** What a channel report row is called, the same on screen and in the workbook. */
public final class ChannelReportLabels {
    private ChannelReportLabels() {}

    /** The message key that says why a report is empty; its arguments are the period's first and last month. */
    public static String emptyKey(ChannelReport.Empty why) {
        return switch (why) {
            case FUTURE -> "insight.report.empty.future";
            case NOT_BUILT -> "insight.report.empty.not-built";
            case NO_DATA -> "insight.report.empty.no-data";
        };
    }

    /** The row's name; {@code translate} looks up a message key with its arguments in the user's language. */
    public static String of(ChannelFigures.Group g, BiFunction<String, Object[], String> translate) {
        if (g.total()) {
            return translate.apply("insight.report.total", new Object[0]);
        }
        if (g.month() != null) {
            return g.month().toString();
        }
        if (g.channelId() != null) {
            if (g.channelId() == 0) {
                return translate.apply("insight.report.no-channel", new Object[0]);
            }
            return g.channelName() != null
                    ? g.channelName()
                    : translate.apply("insight.report.deleted-channel", new Object[] {String.valueOf(g.channelId())});
        }
        if (g.category() != null) {
            return translate.apply("enum.ChannelCategory." + g.category().name(), new Object[0]);
        }
        if (g.method() != null) {
            return translate.apply("enum.AcquisitionMethod." + g.method().name(), new Object[0]);
        }
        return translate.apply("insight.report.unknown", new Object[0]);
    }
}
