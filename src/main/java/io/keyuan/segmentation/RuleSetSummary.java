package io.keyuan.segmentation;

/** A rule set; {@code version} is the optimistic-lock version to send back when changing its mode. */
public record RuleSetSummary(long id, String name, RuleSetMode mode, long version) {}
