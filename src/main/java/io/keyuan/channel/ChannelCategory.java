package io.keyuan.channel;

/** Where a customer came from, broadly. */
public enum ChannelCategory {
    NATURAL,
    PROMOTION,
    REFERRAL,
    PARTNER,
    ONLINE
}
