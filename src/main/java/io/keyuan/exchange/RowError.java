package io.keyuan.exchange;

/** An error located in the file: its row number, the cell (such as {@code C12}, or null) and the reason. */
public record RowError(int rowNumber, String cell, String columnKey, String messageKey, Object[] args) {}
