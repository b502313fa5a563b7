package io.keyuan.exchange;

import java.util.List;

/**
 * The outcome of a dry run or an import: counts per action, the errors located in the file (the first
 * {@link #MAX_ERRORS} of them), how many rows carry warnings (imported, but worth a look: a possible duplicate, a
 * row hidden in the sheet), and the outcome of each data row for listing.
 */
public record ImportReport(
        String schemaName,
        ImportStatus status,
        Long jobId,
        int totalRows,
        int created,
        int updated,
        int unchanged,
        int errorRows,
        List<RowError> errors,
        RowOutcomes outcomes,
        String messageKey,
        Object[] messageArgs,
        long millis,
        int warningRows,
        String sheetName) {
    public static final int MAX_ERRORS = 100_000;

    public boolean hasErrors() {
        return errorRows > 0;
    }

    ImportReport withJob(Long id, long elapsedMillis) {
        return new ImportReport(
                schemaName,
                status,
                id,
                totalRows,
                created,
                updated,
                unchanged,
                errorRows,
                errors,
                outcomes,
                messageKey,
                messageArgs,
                elapsedMillis,
                warningRows,
                sheetName);
    }
}
