package io.keyuan.pipeline;

/** Whether a stage is still in play or closes the deal as won or lost. */
public enum StageKind {
    OPEN,
    WON,
    LOST
}
