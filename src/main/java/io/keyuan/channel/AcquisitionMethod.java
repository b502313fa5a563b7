package io.keyuan.channel;

/** How a prospect was found. */
public enum AcquisitionMethod {
    REFERRAL,
    ADVERTISING,
    RESEARCH,
    CONSULTING,
    TRADE_FAIR,
    EVENTS,
    CANVASSING
}
