package io.keyuan.exchange.read;

/** Receives a sheet's rows in order: the 1-based row number and the cells' text (null for an empty cell). */
@FunctionalInterface
public interface RowSink {
    /** Returns false to stop reading. */
    boolean row(int rowNumber, String[] cells);
}
