package io.keyuan.exchange;

import java.time.Instant;

/** A recorded import, as the history view lists it. */
public record ImportJobSummary(
        long id,
        String schemaName,
        String fileName,
        String format,
        ImportMode mode,
        ImportStatus status,
        int totalRows,
        int created,
        int updated,
        int unchanged,
        int errorRows,
        String message,
        Instant startedAt,
        String startedBy,
        Instant finishedAt,
        Instant undoneAt,
        String undoneBy,
        boolean hasErrorWorkbook) {}
