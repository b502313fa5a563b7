package io.keyuan.exchange;

/**
 * Why a row cannot be imported: the column at fault (a schema key, or null for the row as a whole) and an i18n
 * message key with its arguments.
 */
public record CellError(String columnKey, String messageKey, Object... args) {}
