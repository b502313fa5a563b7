package io.keyuan.exchange;

/** How a sheet column's cells are typed. */
public enum ColumnType {
    TEXT,
    INTEGER,
    DECIMAL,
    DATE,
    /** A calendar month, stored as its first day: 2026-03, 2026年3月, or any date in the month. */
    MONTH,
    ENUM,
    BOOLEAN
}
