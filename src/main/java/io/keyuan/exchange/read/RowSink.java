package io.keyuan.exchange.read;

/**
 * Receives a sheet's rows in order: the 1-based row number and the cells' text (null for an empty cell). Rows the
 * file leaves out (no cell ever written) are skipped, so row numbers may jump; a row present but empty arrives
 * with no cells.
 *
 * <p>A lambda receives every row alike. To learn which rows are hidden in the sheet ({@code <row hidden="1">}, as
 * an autofilter or Format → Hide leaves them), wrap a three-argument lambda with {@link #withHidden}:
 *
 * <pre>{@code
 * reader.read(RowSink.withHidden((n, cells, hidden) -> { ...; return true; }));
 * }</pre>
 */
@FunctionalInterface
public interface RowSink {
    /** Returns false to stop reading. */
    boolean row(int rowNumber, String[] cells);

    /**
     * What the readers call. {@code hidden} is true for a row hidden in the sheet; a CSV file has none. By default
     * it is ignored, so sinks that do not care keep working unchanged.
     */
    default boolean row(int rowNumber, String[] cells, boolean hidden) {
        return row(rowNumber, cells);
    }

    /** A sink that is told, for each row, whether the row is hidden in the sheet. */
    static RowSink withHidden(HiddenAware sink) {
        return new RowSink() {
            @Override
            public boolean row(int rowNumber, String[] cells) {
                return sink.row(rowNumber, cells, false);
            }

            @Override
            public boolean row(int rowNumber, String[] cells, boolean hidden) {
                return sink.row(rowNumber, cells, hidden);
            }
        };
    }

    /** A row receiver that wants to know which rows are hidden; see {@link #withHidden}. */
    @FunctionalInterface
    interface HiddenAware {
        /** Returns false to stop reading. */
        boolean row(int rowNumber, String[] cells, boolean hidden);
    }
}
