package io.keyuan.exchange;

import java.util.List;

/**
 * What the reader sees in a file, for whoever holds one that was refused: the format, every sheet and, for each
 * readable sheet, the header row the import would pick and for which sheet type, and a full read of its rows to
 * the end with the first problem each column has. Writing nothing, and looking up nothing in the database: a cell
 * that refers to a record (a channel, a customer code) is checked for its form only.
 */
public record FileInspection(String format, List<SheetInfo> sheets, List<SheetReport> reports) {

    /**
     * One readable sheet: the rows read (and how many of them hidden), its autofilter, the best-matching schema with
     * its header row and mapping, and the first problem per mapped column. {@code problem} is set instead when the
     * sheet could not be read at all.
     */
    public record SheetReport(
            SheetInfo sheet,
            long rows,
            int hiddenRows,
            String autoFilter,
            String schemaName,
            int headerRow,
            List<String> headers,
            List<String> mapping,
            List<RowError> firstProblems,
            long rowsWithProblems,
            RowError problem) {}
}
