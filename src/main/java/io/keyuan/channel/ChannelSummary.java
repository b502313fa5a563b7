package io.keyuan.channel;

/** A channel as other modules see it. */
public record ChannelSummary(
        long id, String name, ChannelCategory category, AcquisitionMethod method, boolean active) {}
