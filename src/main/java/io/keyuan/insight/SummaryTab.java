package io.keyuan.insight;

/** The summaries, each a tab of insight/summaries and a workbook of its own. */
public enum SummaryTab {
    FUNNEL,
    SATISFACTION,
    TIERS,
    SEGMENTS
}
