package io.keyuan.exchange;

/**
 * One sheet of an uploaded file, as {@link io.keyuan.exchange.read.SheetReaders#sheets} lists it: enough to choose which one to read and to
 * tell the user what is in the file.
 *
 * @param index position in the workbook's tab order, 0-based, counting every sheet (hidden ones and chart sheets
 *     too): the number to pass to {@link io.keyuan.exchange.read.SheetReaders#open(java.io.File, String, io.keyuan.exchange.read.ReadLimits, int)}. Show it to users
 *     as {@code index + 1}.
 * @param name the tab's name; for a CSV file its file name without the extension (as Excel names it)
 * @param visibility whether the tab is shown, hidden (Format → Hide) or "very hidden" (only a macro can show it)
 * @param kind a worksheet holds cells and can be read; a chart sheet or a dialog or macro sheet cannot
 * @param active this is the tab the workbook opens on ({@code <workbookView activeTab="N"/>}, the first sheet when
 *     the workbook says nothing); a CSV file's one sheet is always active
 * @param dimension the used range the writing program declared at the top of the sheet ({@code A1:L1001}), or null
 *     when it declared none or the sheet cannot be read. A hint, not a count: it costs nothing to know, but not
 *     every writer keeps it true (POI's streaming writer declares {@code A1} whatever the sheet holds), so only a
 *     full read counts rows for certain.
 */
public record SheetInfo(int index, String name, Visibility visibility, Kind kind, boolean active, String dimension) {

    /** Whether a tab is shown. */
    public enum Visibility {
        VISIBLE,
        HIDDEN,
        VERY_HIDDEN
    }

    /** What a tab holds. Only a {@code WORKSHEET} can be read. */
    public enum Kind {
        WORKSHEET,
        CHART,
        /** A dialog sheet or an Excel 4 macro sheet, or a tab whose part is missing from the file. */
        OTHER
    }

    /** Hidden or very hidden. */
    public boolean hidden() {
        return visibility != Visibility.VISIBLE;
    }

    public boolean chart() {
        return kind == Kind.CHART;
    }

    /** A worksheet: {@link io.keyuan.exchange.read.SheetReaders#open(java.io.File, String, io.keyuan.exchange.read.ReadLimits, int)} can read it. */
    public boolean readable() {
        return kind == Kind.WORKSHEET;
    }

    /** The last row (1-based) of the declared {@link #dimension()}, or -1 when none is declared. */
    public int lastRow() {
        if (dimension == null) {
            return -1;
        }
        String end = dimension.substring(dimension.indexOf(':') + 1);
        int i = 0;
        while (i < end.length() && Character.isLetter(end.charAt(i))) {
            i++;
        }
        try {
            return Integer.parseInt(end.substring(i));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The number of columns (A = 1) up to the last one of the declared {@link #dimension()}, or -1. */
    public int lastColumn() {
        if (dimension == null) {
            return -1;
        }
        String end = dimension.substring(dimension.indexOf(':') + 1);
        int column = 0;
        for (int i = 0; i < end.length() && Character.isLetter(end.charAt(i)); i++) {
            column = column * 26 + (Character.toUpperCase(end.charAt(i)) - 'A' + 1);
            if (i >= 3) {
                return -1;
            }
        }
        return column == 0 ? -1 : column;
    }
}
