package io.keyuan.exchange;

import java.util.function.Consumer;

/**
 * Streams a sheet's rows (values in the schema's column order: String, Number, LocalDate, LocalDateTime, Boolean or null) to the
 * writer, typically straight from a database cursor, so that no list of all rows is ever held.
 */
@FunctionalInterface
public interface SheetRowSource {
    void forEachRow(Consumer<Object[]> sink);
}
