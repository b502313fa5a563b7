package io.keyuan.exchange.read;

import io.keyuan.exchange.SheetInfo;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Opens an uploaded file as a sheet after looking at what it really is (its first bytes, not its name): an
 * .xlsx workbook (also .xlsm and .xltx, which are the same format), or CSV text. Old .xls files, encrypted
 * workbooks, OpenDocument (.ods), binary (.xlsb) and Apple Numbers files, renamed files and anything else are
 * refused with a reason the user can act on.
 *
 * <p>A workbook may hold several sheets: {@link #sheets} lists them (a CSV file is one sheet) and {@link
 * #open(File, String, ReadLimits, int)} reads the chosen one; {@link #open(File, String, ReadLimits)} reads the
 * sheet a person opening the file would see. Opening a sheet inflates only that sheet's part (plus the shared
 * strings and styles every sheet uses), never the other sheets.
 *
 * <pre>{@code
 * List<SheetInfo> tabs = SheetReaders.sheets(file, name, limits);   // 填写说明, lists (hidden), 客户 (active)
 * try (SheetReader reader = SheetReaders.open(file, name, limits, 2)) {
 *     reader.read(RowSink.withHidden((n, cells, hidden) -> ...));
 *     reader.sheet().name();    // 客户
 *     reader.autoFilter();      // A1:L200, once read to the end
 * }
 * }</pre>
 */
public final class SheetReaders {
    /** Marks a cell that holds an Excel error value such as #N/A (never a real text value: it starts with NUL). */
    public static final String ERROR_PREFIX = "\u0000#";

    /**
     * Marks a formula cell whose result the file did not save, followed by the formula's text without its "="
     * (possibly empty, at most 8,192 characters): no {@code <v>} on the cell, or any formula in a workbook that asks
     * to be recalculated on load ({@code <calcPr fullCalcOnLoad="1"/>}, as openpyxl and xlsxwriter write, leaving
     * nothing or a placeholder 0). Starts with NUL, like {@link #ERROR_PREFIX}, so it is never empty, never 0 and
     * never matches a header.
     */
    public static final String NO_RESULT_PREFIX = "\u0000=";

    private enum Format {
        XLSX,
        CSV
    }

    private SheetReaders() {}

    /**
     * Every sheet of the file in tab order, hidden ones and chart sheets included, each with its visibility, kind,
     * whether it is the active tab and its declared dimension. A CSV file is one sheet named after the file.
     * Throws {@link SheetRejectedException} for a file that is no sheet at all, as {@link #open} does.
     */
    public static List<SheetInfo> sheets(File file, String fileName, ReadLimits limits) {
        return switch (detect(file, fileName, limits)) {
            case XLSX -> {
                try (XlsxWorkbook workbook = new XlsxWorkbook(file)) {
                    yield workbook.sheets();
                }
            }
            case CSV -> List.of(CsvSheetReader.info(fileName));
        };
    }

    /**
     * The sheet a person opening the file sees: the active tab if it is a visible worksheet, else the first
     * visible worksheet, else the first worksheet. A workbook whose tabs are all charts is refused with {@code
     * exchange.error.chart-sheet}, one with no tab at all with {@code exchange.error.no-sheet}.
     */
    public static SheetReader open(File file, String fileName, ReadLimits limits) {
        return switch (detect(file, fileName, limits)) {
            case XLSX -> {
                XlsxWorkbook workbook = new XlsxWorkbook(file);
                int index = workbook.defaultSheet();
                if (index < 0) {
                    workbook.close();
                    if (workbook.size() == 0) {
                        throw new SheetRejectedException("exchange.error.no-sheet");
                    }
                    throw new SheetRejectedException(
                            "exchange.error.chart-sheet", workbook.tab(0).name());
                }
                yield new XlsxSheetReader(workbook, index, limits);
            }
            case CSV -> new CsvSheetReader(file, fileName, limits);
        };
    }

    /**
     * The sheet at {@code sheetIndex} (0-based, as {@link SheetInfo#index()}), hidden or not. A chart sheet or
     * another sheet that holds no cells is refused with {@code exchange.error.chart-sheet}, an index past the last
     * sheet with {@code exchange.error.no-such-sheet}. A CSV file has only sheet 0.
     */
    public static SheetReader open(File file, String fileName, ReadLimits limits, int sheetIndex) {
        return switch (detect(file, fileName, limits)) {
            case XLSX -> {
                XlsxWorkbook workbook = new XlsxWorkbook(file);
                if (sheetIndex < 0 || sheetIndex >= workbook.size()) {
                    workbook.close();
                    throw new SheetRejectedException("exchange.error.no-such-sheet", sheetIndex + 1, workbook.size());
                }
                yield new XlsxSheetReader(workbook, sheetIndex, limits);
            }
            case CSV -> {
                if (sheetIndex != 0) {
                    throw new SheetRejectedException("exchange.error.no-such-sheet", sheetIndex + 1, 1);
                }
                yield new CsvSheetReader(file, fileName, limits);
            }
        };
    }

    /** Whether a cell's text is one of the readers' markers ({@link #ERROR_PREFIX}, {@link #NO_RESULT_PREFIX}). */
    public static boolean isMarker(String cell) {
        return cell != null && !cell.isEmpty() && cell.charAt(0) == '\u0000';
    }

    /**
     * A cell's text as a person should see it, e.g. in an error workbook or a preview: an error value as Excel
     * shows it ({@code #N/A}), a formula with no saved result as its formula ({@code =A2*2}), anything else as is.
     * (The markers start with NUL, which an .xlsx cannot hold.)
     */
    public static String displayText(String cell) {
        if (!isMarker(cell)) {
            return cell;
        }
        return cell.substring(1);
    }

    private static Format detect(File file, String fileName, ReadLimits limits) {
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
                refuseOtherZipFormats(file);
                if (csvName) {
                    throw new SheetRejectedException("exchange.error.xlsx-named-csv");
                }
                configureZipLimits(limits);
                return Format.XLSX;
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
                return Format.CSV;
            }
            default -> throw new SheetRejectedException("exchange.error.not-a-workbook");
        }
    }

    /**
     * Every zip looks alike by its first bytes: tell the spreadsheet formats that are not .xlsx by their entries
     * (only the directory and one tiny entry are read, so a zip bomb costs nothing here). A zip that cannot be
     * listed is left to the .xlsx reader to describe.
     */
    private static void refuseOtherZipFormats(File file) {
        try (ZipFile zip = new ZipFile(file)) {
            ZipEntry mimetype = zip.getEntry("mimetype");
            if (mimetype != null) {
                String type;
                try (InputStream in = zip.getInputStream(mimetype)) {
                    type = new String(in.readNBytes(128), StandardCharsets.US_ASCII).trim();
                }
                // OpenDocument spreadsheet (.ods) or its template (.ots); a text document or an e-book is no sheet.
                throw new SheetRejectedException(
                        type.startsWith("application/vnd.oasis.opendocument.spreadsheet")
                                ? "exchange.error.ods"
                                : "exchange.error.not-a-workbook");
            }
            if (zip.getEntry("xl/workbook.bin") != null) {
                throw new SheetRejectedException("exchange.error.xlsb");
            }
            if (zip.getEntry("Index/Document.iwa") != null || zip.getEntry("Index.zip") != null) {
                throw new SheetRejectedException("exchange.error.numbers");
            }
        } catch (IOException e) {
            // not a zip Java can list: the OOXML reader says what is wrong with it
        }
    }

    private static void configureZipLimits(ReadLimits limits) {
        // Process-wide settings of POI: the same for every upload, so setting them here is idempotent.
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
        ZipSecureFile.setMaxEntrySize(4L * 1024 * 1024 * 1024 - 1);
        // POI logs a warning each time this is set above its default: set it once, not on every upload.
        if (ZipSecureFile.getMaxTextSize() != limits.maxTextChars()) {
            ZipSecureFile.setMaxTextSize(limits.maxTextChars());
        }
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
