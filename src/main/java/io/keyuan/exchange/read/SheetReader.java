package io.keyuan.exchange.read;

import io.keyuan.exchange.SheetInfo;
import java.io.Closeable;

/**
 * One opened sheet, read once from top to bottom. Cells arrive as text:
 *
 * <ul>
 *   <li>numbers as Excel shows them: rounded to 15 significant digits, no exponent, no trailing zeros ({@code
 *       19.989999999999998} in the file reads {@code 19.99}, {@code 1.3800138E10} reads {@code 13800138000});
 *   <li>date-formatted numbers as ISO dates ({@code 2024-02-29}), and those whose format shows the time of day as
 *       the date and the time ({@code 2024-02-29 12:30}, seconds only when not zero: {@code 2024-02-29 12:30:15});
 *   <li>booleans as {@code TRUE} / {@code FALSE};
 *   <li>formulas as their saved (cached) results;
 *   <li>two kinds of cell that must never be imported as a value are <em>marked</em> instead, with a prefix that
 *       starts with NUL (which no real cell text holds), so such a cell is never empty and never 0: an Excel error
 *       value ({@link SheetReaders#ERROR_PREFIX} + {@code N/A}) and a formula with no saved result ({@link
 *       SheetReaders#NO_RESULT_PREFIX} + the formula's text). {@link CellConverter#convert} refuses both with a
 *       reason, {@link CellConverter#lookupKey} never matches them as a header, and {@link
 *       SheetReaders#displayText} shows them to people ({@code #N/A}, {@code =A2*2}).
 * </ul>
 */
public interface SheetReader extends Closeable {
    /**
     * Reads every row into the sink, enforcing the limits; throws {@link SheetRejectedException} on a bad file. The
     * sink's three-argument {@link RowSink#row(int, String[], boolean) row} is called, so a sink made with {@link
     * RowSink#withHidden} learns which rows are hidden.
     */
    void read(RowSink sink);

    /** How far reading has come, 0 to 1 (by bytes of the sheet consumed). */
    double progress();

    /** The kind of file, for messages and the job record: {@code xlsx} or {@code csv}. */
    String format();

    /** Which sheet this reads: its index, name, visibility and whether it is the active tab. */
    SheetInfo sheet();

    /**
     * The sheet's autofilter range (e.g. {@code A1:L200}), or null when it has none. Excel writes it after the
     * rows, so it is known only once {@link #read} has gone to the end (not when the sink stopped it early).
     */
    default String autoFilter() {
        return null;
    }

    /** How many of the rows passed to the sink so far were hidden in the sheet. */
    default int hiddenRows() {
        return 0;
    }

    @Override
    void close();
}
