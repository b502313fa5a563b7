package io.keyuan.segmentation;

/** Why a membership refresh ran: a manager asked for it, or the nightly schedule. */
public enum RefreshTrigger {
    MANUAL,
    SCHEDULED
}
