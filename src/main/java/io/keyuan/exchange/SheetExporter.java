package io.keyuan.exchange;

import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A feature module's export of every record of one {@link SheetSchema} (the command line's {@code export} and
 * round trips use it); list views add their own filter and sort on top. The workbook re-imports through the
 * schema's importer with no change.
 */
public interface SheetExporter {
    SheetSchema schema();

    /**
     * Writes every record, headers and labels in {@code locale}; reports rows written every thousand rows and
     * stops with a {@link java.util.concurrent.CancellationException} once {@code cancelled} is true.
     */
    long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled);
}
