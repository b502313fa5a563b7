package io.keyuan.segmentation;

/** EXCLUSIVE: a customer belongs to the first segment (by priority) that matches; OVERLAPPING: to every one. */
public enum RuleSetMode {
    EXCLUSIVE,
    OVERLAPPING
}
