package io.keyuan.exchange;

import java.util.Arrays;
import java.util.List;

/**
 * Each data row's outcome in file order, held compactly (a row number and an action byte per row); for the first
 * {@value #MAX_KEYS} rows also the natural key, the fields an update changes and the warnings.
 */
public final class RowOutcomes {
    static final int MAX_KEYS = 100_000;
    private int[] rows = new int[1024];
    private byte[] actions = new byte[1024];
    private String[] keys = new String[1024];
    private Object[] changes = new Object[1024];
    private Object[] warnings = new Object[1024];
    private int size;

    void add(
            int rowNumber,
            ImportAction action,
            String key,
            List<FieldChange> fieldChanges,
            List<RowError> rowWarnings) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            actions = Arrays.copyOf(actions, size * 2);
            if (size < MAX_KEYS) {
                int n = Math.min(size * 2, MAX_KEYS);
                keys = Arrays.copyOf(keys, n);
                changes = Arrays.copyOf(changes, n);
                warnings = Arrays.copyOf(warnings, n);
            }
        }
        rows[size] = rowNumber;
        actions[size] = (byte) action.ordinal();
        if (size < keys.length) {
            keys[size] = key;
            changes[size] = fieldChanges.isEmpty() ? null : List.copyOf(fieldChanges);
            warnings[size] = rowWarnings.isEmpty() ? null : List.copyOf(rowWarnings);
        }
        size++;
    }

    public int size() {
        return size;
    }

    public int rowNumber(int i) {
        return rows[i];
    }

    public ImportAction action(int i) {
        return ImportAction.values()[actions[i]];
    }

    /** The row's natural key as text, for the first {@value #MAX_KEYS} rows; null after them or when none. */
    public String key(int i) {
        return i < keys.length ? keys[i] : null;
    }

    /** The fields the row's update changes (empty for other rows and after the first {@value #MAX_KEYS}). */
    @SuppressWarnings("unchecked")
    public List<FieldChange> changes(int i) {
        Object c = i < changes.length ? changes[i] : null;
        return c == null ? List.of() : (List<FieldChange>) c;
    }

    /** The row's warnings, located in the file (empty after the first {@value #MAX_KEYS} rows). */
    @SuppressWarnings("unchecked")
    public List<RowError> warnings(int i) {
        Object w = i < warnings.length ? warnings[i] : null;
        return w == null ? List.of() : (List<RowError>) w;
    }
}
