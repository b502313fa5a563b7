package io.keyuan.segmentation;

/** A customer a rule selects, as a sample shows it. */
public record CustomerMatch(long id, String name, String city) {}
