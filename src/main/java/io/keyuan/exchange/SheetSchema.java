package io.keyuan.exchange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A record type as a sheet: its name (e.g. {@code customers}), columns, and the columns that identify a row. */
public record SheetSchema(String name, List<SheetColumn> columns, List<String> naturalKey, Map<String, Integer> index) {
    public SheetSchema {
        columns = List.copyOf(columns);
        naturalKey = List.copyOf(naturalKey);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (byKey.put(columns.get(i).key(), i) != null) {
                throw new IllegalArgumentException(
                        "Duplicate column " + columns.get(i).key());
            }
        }
        index = Map.copyOf(byKey);
    }

    public SheetSchema(String name, List<SheetColumn> columns, List<String> naturalKey) {
        this(name, columns, naturalKey, Map.of());
    }

    public int indexOf(String key) {
        Integer i = index.get(key);
        if (i == null) {
            throw new IllegalArgumentException("No column " + key + " in " + name);
        }
        return i;
    }

    public SheetColumn column(String key) {
        return columns.get(indexOf(key));
    }
}
