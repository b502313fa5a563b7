package io.keyuan.exchange;

import java.util.List;

/** A record type as a sheet: its name (e.g. {@code customers}), columns, and the columns that identify a row. */
public record SheetSchema(String name, List<SheetColumn> columns, List<String> naturalKey) {
    public SheetSchema {
        columns = List.copyOf(columns);
        naturalKey = List.copyOf(naturalKey);
    }
}
