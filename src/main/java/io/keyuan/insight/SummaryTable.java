package io.keyuan.insight;

import java.util.List;

/**
 * A summary's table as people read it, on screen and in its workbook alike: a title, typed columns, and rows of
 * values whose labels are already in the reader's language. Numbers stay numbers (the view formats them, the
 * workbook writes them); null is a figure that cannot be computed (shown "—", an empty cell in Excel). Percentages
 * are percent values with one decimal (66.7), NPS a score from −100 to 100.
 */
public record SummaryTable(String title, List<Column> columns, List<List<Object>> rows) {
    public SummaryTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public enum Kind {
        TEXT,
        COUNT,
        PERCENT,
        MONEY,
        SCORE
    }

    /** A column: its header (in the reader's language) and how its values read. */
    public record Column(String header, Kind kind) {}
}
