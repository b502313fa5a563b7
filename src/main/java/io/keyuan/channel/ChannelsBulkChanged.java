package io.keyuan.channel;

/** Published once channels or their costs changed in bulk (an import or its undo committed). */
public record ChannelsBulkChanged(String what) {}
