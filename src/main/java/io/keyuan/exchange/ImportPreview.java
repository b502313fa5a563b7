package io.keyuan.exchange;

import java.util.List;

/**
 * What {@link ImportService#inspect} found in an upload: the file's format (and for CSV its encoding), the header
 * row, the headers as written, the guessed mapping (schema key per file column, or null) and a few data rows.
 */
public record ImportPreview(
        String format, int headerRow, List<String> headers, List<String> mapping, List<List<String>> sample) {

    public ImportRequest request(String schema, java.io.File file, String fileName, java.util.Locale locale) {
        return new ImportRequest(schema, file, fileName, headerRow, mapping, locale);
    }
}
