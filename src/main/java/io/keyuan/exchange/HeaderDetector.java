package io.keyuan.exchange;

import io.keyuan.exchange.read.SheetReaders;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a sheet's header row among its first rows: the one that matches most of the schema's column headers, so
 * that a title row or merged group headers above it are skipped.
 */
final class HeaderDetector {
    /** How many non-empty rows are read to look for the header row and show samples. */
    static final int PREVIEW_ROWS = 20;

    private static final int HEADER_CANDIDATES = 10;

    private HeaderDetector() {}

    /** The first non-empty rows of a sheet, with their 1-based row numbers. */
    record FirstRows(List<String[]> cells, List<Integer> numbers) {
        FirstRows() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        boolean add(int number, String[] row) {
            if (row.length > 0) {
                cells.add(row);
                numbers.add(number);
            }
            return cells.size() < PREVIEW_ROWS;
        }
    }

    /** The best header row, how many of its cells name a schema column, the guessed mapping and a few samples. */
    static ImportPreview detect(
            SheetSchema schema, String format, List<SheetInfo> sheets, SheetInfo sheet, FirstRows first) {
        int best = 0;
        int bestMatches = 0;
        for (int i = 0; i < Math.min(first.cells().size(), HEADER_CANDIDATES); i++) {
            int matches = matches(schema, first.cells().get(i));
            if (matches > bestMatches) {
                best = i;
                bestMatches = matches;
            }
        }
        String[] headerCells = first.cells().get(best);
        List<String> headers = new ArrayList<>();
        for (String h : headerCells) {
            headers.add(h == null ? "" : SheetReaders.displayText(h));
        }
        List<String> mapping = ColumnMapping.guess(schema, headers);
        List<List<String>> sample = new ArrayList<>();
        for (int i = best + 1; i < first.cells().size() && sample.size() < 5; i++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < headers.size(); c++) {
                String v = c < first.cells().get(i).length ? first.cells().get(i)[c] : null;
                row.add(v == null ? "" : SheetReaders.displayText(v));
            }
            sample.add(row);
        }
        return new ImportPreview(format, sheets, sheet, first.numbers().get(best), headers, mapping, sample);
    }

    static int matches(SheetSchema schema, String[] row) {
        int matches = 0;
        for (String header : row) {
            if (ColumnMapping.matchHeader(schema, header) != null) {
                matches++;
            }
        }
        return matches;
    }
}
