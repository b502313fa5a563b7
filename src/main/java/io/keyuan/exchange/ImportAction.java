package io.keyuan.exchange;

/** What an import does (or, in a dry run, would do) with one row. */
public enum ImportAction {
    CREATE,
    UPDATE,
    UNCHANGED,
    ERROR
}
