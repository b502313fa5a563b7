package io.keyuan.pipeline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The funnel of one pipeline for the deals opened in a period: how many reached each stage and went on to the
 * next stage and to a win, how long deals stay in each open stage, and win rate and value by source channel,
 * acquisition method and owner.
 */
public record PipelineReport(
        PipelineSummary pipeline,
        LocalDate from,
        LocalDate to,
        List<StageConversion> conversions,
        List<StageDuration> durations,
        List<Breakdown> byChannel,
        List<Breakdown> byMethod,
        List<Breakdown> byOwner) {

    /**
     * Entries into the stage by the period's deals; of those, how many went on to a later stage on the path, and
     * how many belong to deals now won. A deal moved back and into a stage again counts once per entry.
     */
    public record StageConversion(StageRow stage, long reached, Long reachedNext, long won) {
        /** Share reaching the next stage, or null for the last stage on the path and for lost stages. */
        public Double toNextRate() {
            return reachedNext == null || reached == 0 ? null : (double) reachedNext / reached;
        }

        public Double toWonRate() {
            return reached == 0 ? null : (double) won / reached;
        }
    }

    /** Average days spent in an open stage (a deal still there counts until now), over {@code visits} stays. */
    public record StageDuration(StageRow stage, double averageDays, long visits) {}

    /**
     * One group of deals: {@code key} is a channel id, an acquisition method name or an owner id (null for
     * none). Win rate is won over closed (won + lost).
     */
    public record Breakdown(
            String key, long deals, long open, long won, long lost, BigDecimal totalValue, BigDecimal wonValue) {
        public Double winRate() {
            return won + lost == 0 ? null : (double) won / (won + lost);
        }
    }
}
