package io.keyuan.exchange;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An upload to import: the file (a temporary copy the caller owns), its original name, the sheet to read (its index
 * in the workbook, or -1 for the one {@link ImportService#inspect} picks), the header row found by inspect and the
 * mapping of each file column (by index) to a schema column key, or null to ignore it. Blank cells keep a matched
 * record's stored values unless {@code clearBlanks} asks for them to be emptied (required fields are never cleared).
 */
public record ImportRequest(
        String schemaName,
        File file,
        String fileName,
        int sheet,
        int headerRow,
        List<String> mapping,
        Locale locale,
        boolean clearBlanks) {
    public ImportRequest {
        mapping = Collections.unmodifiableList(new ArrayList<>(mapping));
    }

    public ImportRequest(
            String schemaName, File file, String fileName, int headerRow, List<String> mapping, Locale locale) {
        this(schemaName, file, fileName, -1, headerRow, mapping, locale, false);
    }

    public ImportRequest withMapping(List<String> newMapping) {
        return new ImportRequest(schemaName, file, fileName, sheet, headerRow, newMapping, locale, clearBlanks);
    }

    /** The same request, clearing (or keeping) the stored values of fields whose cells are blank. */
    public ImportRequest clearingBlanks(boolean clear) {
        return new ImportRequest(schemaName, file, fileName, sheet, headerRow, mapping, locale, clear);
    }
}
