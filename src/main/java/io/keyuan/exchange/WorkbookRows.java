package io.keyuan.exchange;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;

/**
 * Reads back a workbook this application wrote (a job's result file, say) row by row as cell texts, header row
 * included, through the streaming reader: for the command line and tests, which may not use POI themselves. Not
 * for uploads: those go through the import engine and its checks.
 */
public final class WorkbookRows {
    private WorkbookRows() {}

    /** Every row of the sheet a person opening the file sees, in order, until {@code row} returns false. */
    public static void read(Path file, Predicate<String[]> row) {
        try (SheetReader reader =
                SheetReaders.open(file.toFile(), file.getFileName().toString(), ReadLimits.defaults())) {
            reader.read((n, cells) -> row.test(cells));
        }
    }

    /**
     * The same from a stream (a download), which is copied to a temporary file first: a workbook is a zip file
     * that is read from a file, never from a stream.
     */
    public static void read(InputStream workbook, Predicate<String[]> row) {
        try {
            Path file = Files.createTempFile("keyuan-rows-", ".xlsx");
            try (workbook) {
                Files.copy(workbook, file, StandardCopyOption.REPLACE_EXISTING);
                read(file, row);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
