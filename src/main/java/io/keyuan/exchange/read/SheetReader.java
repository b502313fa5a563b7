package io.keyuan.exchange.read;

import java.io.Closeable;

/**
 * One opened sheet, read once from top to bottom. Cells arrive as text: numbers as written (no exponent, no
 * trailing ".0"), date-formatted numbers as ISO dates, booleans as TRUE / FALSE, formulas as their cached
 * values.
 */
public interface SheetReader extends Closeable {
    /** Reads every row into the sink, enforcing the limits; throws {@link SheetRejectedException} on a bad file. */
    void read(RowSink sink);

    /** How far reading has come, 0 to 1 (by bytes of the sheet consumed). */
    double progress();

    /** The kind of file, for messages and the job record: {@code xlsx} or {@code csv}. */
    String format();

    @Override
    void close();
}
