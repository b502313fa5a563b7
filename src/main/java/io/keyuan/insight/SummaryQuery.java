package io.keyuan.insight;

import java.time.YearMonth;

/**
 * The filters of the summaries (insight/summaries): whole months {@code from}..{@code to}, and optionally a pipeline
 * (the funnel; null: the first working pipeline), a segment (satisfaction and segment sizes) and a source channel
 * (funnel and satisfaction; 0: none). Null leaves a filter open.
 */
public record SummaryQuery(YearMonth from, YearMonth to, Long pipelineId, Long segmentId, Long channelId) {
    public static SummaryQuery lastTwelveMonths(YearMonth current) {
        return new SummaryQuery(current.minusMonths(11), current, null, null, null);
    }
}
