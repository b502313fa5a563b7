package io.keyuan.exchange;

/** All-or-nothing commits only a file without errors; skip-bad commits the good rows and reports the rest. */
public enum ImportMode {
    ALL_OR_NOTHING,
    SKIP_BAD
}
