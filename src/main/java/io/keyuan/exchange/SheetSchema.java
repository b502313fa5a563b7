package io.keyuan.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record type as a sheet: its name (e.g. {@code customers}), columns, and the keys that identify a row's record —
 * each key a set of columns; a schema may have several (a customer by code, else by phone, else by e-mail). A file
 * can be imported when it has every column of one key (it may then only update records) or every required column
 * (it may create them).
 */
public record SheetSchema(String name, List<SheetColumn> columns, List<List<String>> keys, Map<String, Integer> index) {
    public SheetSchema {
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>();
        keys.forEach(k -> copied.add(List.copyOf(k)));
        keys = List.copyOf(copied);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (byKey.put(columns.get(i).key(), i) != null) {
                throw new IllegalArgumentException(
                        "Duplicate column " + columns.get(i).key());
            }
        }
        for (List<String> key : keys) {
            for (String column : key) {
                if (!byKey.containsKey(column)) {
                    throw new IllegalArgumentException("Key column " + column + " is not a column of " + name);
                }
            }
        }
        index = Map.copyOf(byKey);
    }

    /** A schema whose records are identified by one key (none: every row creates). */
    public SheetSchema(String name, List<SheetColumn> columns, List<String> naturalKey) {
        this(name, columns, naturalKey.isEmpty() ? List.of() : List.of(naturalKey), Map.of());
    }

    /** The same schema with further keys that identify a record when the earlier ones have no value. */
    @SafeVarargs
    public final SheetSchema orBy(List<String>... more) {
        List<List<String>> all = new ArrayList<>(keys);
        all.addAll(List.of(more));
        return new SheetSchema(name, columns, all, Map.of());
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

    /** Whether the column is part of any key. */
    public boolean isKey(String key) {
        for (List<String> k : keys) {
            if (k.contains(key)) {
                return true;
            }
        }
        return false;
    }
}
