package io.keyuan.exchange.read;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Opens an uploaded file as a sheet after looking at what it really is (its first bytes, not its name): an
 * .xlsx workbook, or CSV text. Old .xls files, encrypted workbooks, renamed files and anything else are refused
 * with a reason the user can act on.
 */
public final class SheetReaders {
    /** Marks a cell that holds an Excel error value such as #N/A (never a real text value: it starts with NUL). */
    public static final String ERROR_PREFIX = "\u0000#";

    private SheetReaders() {}

    public static SheetReader open(File file, String fileName, ReadLimits limits) {
        long size = file.length();
        if (size == 0) {
            throw new SheetRejectedException("exchange.error.empty-file");
        }
        if (size > limits.maxFileBytes()) {
            throw new SheetRejectedException("exchange.error.file-too-big", limits.maxFileBytes() / (1024 * 1024));
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        boolean csvName = name.endsWith(".csv") || name.endsWith(".txt");
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(file);
        } catch (IOException e) {
            throw new SheetRejectedException("exchange.error.corrupt", e.getMessage());
        }
        switch (magic) {
            case OOXML -> {
                if (csvName) {
                    throw new SheetRejectedException("exchange.error.xlsx-named-csv");
                }
                configureZipLimits(limits);
                return new XlsxSheetReader(file, limits);
            }
            case OLE2 ->
                throw new SheetRejectedException(isEncrypted(file) ? "exchange.error.encrypted" : "exchange.error.xls");
            case UNKNOWN -> {
                if (!looksLikeText(file)) {
                    throw new SheetRejectedException("exchange.error.not-a-workbook");
                }
                if (!csvName) {
                    throw new SheetRejectedException("exchange.error.csv-named-xlsx");
                }
                return new CsvSheetReader(file, limits);
            }
            default -> throw new SheetRejectedException("exchange.error.not-a-workbook");
        }
    }

    private static void configureZipLimits(ReadLimits limits) {
        // Process-wide settings of POI: the same for every upload, so setting them here is idempotent.
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(4L * 1024 * 1024 * 1024 - 1);
        ZipSecureFile.setMaxTextSize(limits.maxTextChars());
    }

    private static boolean isEncrypted(File file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file, true)) {
            return fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Text has no NUL bytes and few control characters in its first kilobytes (UTF-16 text has a BOM). */
    private static boolean looksLikeText(File file) {
        try {
            byte[] head = head(file, 8192);
            if (head.length >= 2
                    && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                            || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                return true;
            }
            int control = 0;
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
                if (b > 0 && b < 32 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
                    control++;
                }
            }
            return control * 20 < Math.max(1, head.length);
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] head(File file, int n) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            return in.readNBytes(n);
        }
    }
}
