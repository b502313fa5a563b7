package io.keyuan.exchange;

/** How a sheet column's cells are typed. */
public enum ColumnType {
    TEXT,
    INTEGER,
    DECIMAL,
    DATE,
    /**
     * A moment as the company's clock shows it (no zone): 2026-03-01 09:30, 2026/3/1 9:30:15, 2026年3月1日 9:30, a
     * date-time cell, or a date alone (its midnight). Converted to a {@link java.time.LocalDateTime}.
     */
    DATE_TIME,
    /** A calendar month, stored as its first day: 2026-03, 2026年3月, or any date in the month. */
    MONTH,
    ENUM,
    BOOLEAN
}
