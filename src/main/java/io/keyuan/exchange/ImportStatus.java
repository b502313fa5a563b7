package io.keyuan.exchange;

/**
 * How an import ended. A dry run writes nothing; REFUSED is an all-or-nothing import that found errors and wrote
 * nothing; CANCELLED and FAILED wrote nothing either; UNDONE was committed and then undone.
 */
public enum ImportStatus {
    DRY_RUN,
    COMMITTED,
    REFUSED,
    CANCELLED,
    FAILED,
    UNDONE
}
