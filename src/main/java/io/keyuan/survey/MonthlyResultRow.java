package io.keyuan.survey;

/**
 * One group of a breakdown in one month: the month answered ({@code 2026-11}), the group's key and label as in
 * {@link ResultRow} (null key: respondents without a value), and the scores of its responses in that month.
 */
public record MonthlyResultRow(String month, String key, String label, Scores scores) {}
