package io.keyuan.exchange;

/** How a sheet column's cells are typed. */
public enum ColumnType {
    TEXT,
    INTEGER,
    DECIMAL,
    DATE,
    ENUM,
    BOOLEAN
}
