package io.keyuan.exchange;

import java.util.Arrays;

/** Each data row's outcome in file order, held compactly (a row number and an action byte per row). */
public final class RowOutcomes {
    static final int MAX_KEYS = 100_000;
    private int[] rows = new int[1024];
    private byte[] actions = new byte[1024];
    private String[] keys = new String[1024];
    private int size;

    void add(int rowNumber, ImportAction action, String key) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            actions = Arrays.copyOf(actions, size * 2);
            if (size < MAX_KEYS) {
                keys = Arrays.copyOf(keys, Math.min(size * 2, MAX_KEYS));
            }
        }
        rows[size] = rowNumber;
        actions[size] = (byte) action.ordinal();
        if (size < keys.length) {
            keys[size] = key;
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
}
