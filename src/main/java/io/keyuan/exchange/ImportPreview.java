package io.keyuan.exchange;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ImportService#inspect} found in an upload: the file's format (and for CSV its encoding), every sheet
 * of the workbook, the sheet it read (the one whose header row matched best, the active tab first, unless one was
 * asked for), the header row, the headers as written, the guessed mapping (schema key per file column, or null) and
 * a few data rows.
 */
public record ImportPreview(
        String format,
        List<SheetInfo> sheets,
        SheetInfo sheet,
        int headerRow,
        List<String> headers,
        List<String> mapping,
        List<List<String>> sample) {

    public ImportPreview {
        sheets = List.copyOf(sheets);
    }

    public ImportRequest request(String schema, File file, String fileName, Locale locale) {
        return new ImportRequest(schema, file, fileName, sheet.index(), headerRow, mapping, locale, false);
    }

    /** The same preview with another guessed mapping. */
    public ImportPreview withMapping(List<String> newMapping) {
        return new ImportPreview(format, sheets, sheet, headerRow, headers, newMapping, sample);
    }

    /** How many of the header row's cells name a column of the schema. */
    public int matchedColumns() {
        int n = 0;
        for (String key : mapping) {
            n += key == null ? 0 : 1;
        }
        return n;
    }
}
