package io.keyuan.channel;

/** A new channel as other modules (demo data, imports) describe one. */
public record ChannelDraft(
        String name, ChannelCategory category, AcquisitionMethod method, boolean active, String description) {}
