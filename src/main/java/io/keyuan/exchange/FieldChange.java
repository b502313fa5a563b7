package io.keyuan.exchange;

/**
 * One field an update changes, for the dry run to show: the schema column and its value before and after, as
 * sheet text (an enum constant's name, an ISO date, a plain number, a referenced record's name or code); null for
 * an empty value.
 */
public record FieldChange(String columnKey, String before, String after) {}
