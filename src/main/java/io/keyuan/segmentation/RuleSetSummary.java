package io.keyuan.segmentation;

public record RuleSetSummary(long id, String name, RuleSetMode mode) {}
