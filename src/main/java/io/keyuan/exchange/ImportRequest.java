package io.keyuan.exchange;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An upload to import: the file (a temporary copy the caller owns), its original name, the header row found by
 * {@link ImportService#inspect} and the mapping of each file column (by index) to a schema column key, or null
 * to ignore it.
 */
public record ImportRequest(
        String schemaName, File file, String fileName, int headerRow, List<String> mapping, Locale locale) {
    public ImportRequest {
        mapping = Collections.unmodifiableList(new ArrayList<>(mapping));
    }

    public ImportRequest withMapping(List<String> newMapping) {
        return new ImportRequest(schemaName, file, fileName, headerRow, newMapping, locale);
    }
}
