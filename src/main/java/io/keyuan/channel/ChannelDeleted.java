package io.keyuan.channel;

/**
 * Published once a channel was deleted (with its costs) and that has committed; no customer refers to a deleted
 * channel, and deals that did lost the reference (they have no channel now).
 */
public record ChannelDeleted(long channelId) {}
