package io.keyuan.exchange;

/**
 * The natural keys seen in one upload, as 64-bit hashes in an open-addressing table with the first row of each:
 * about 12 bytes per key instead of the ~110 of a map of strings, so a million-row import keeps its duplicate
 * check in a few megabytes. Two different keys with the same 64-bit hash (odds about one in 10^7 for a million
 * keys) would be reported as a duplicate — an error the user sees, never a silent merge.
 */
final class KeyIndex {
    private long[] hashes = new long[1 << 12];
    private int[] rows = new int[1 << 12];
    private int size;

    /** Records the key's row if the key is new and returns 0; otherwise returns the row that had it first. */
    synchronized int putIfAbsent(String key, int row) {
        if (size * 2 >= hashes.length) {
            grow();
        }
        long h = hash(key);
        int mask = hashes.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (rows[i] == 0) {
                hashes[i] = h;
                rows[i] = row;
                size++;
                return 0;
            }
            if (hashes[i] == h) {
                return rows[i];
            }
        }
    }

    /** The first row that had the key, or 0. */
    synchronized int firstRow(String key) {
        long h = hash(key);
        int mask = hashes.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (rows[i] == 0) {
                return 0;
            }
            if (hashes[i] == h) {
                return rows[i];
            }
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        int[] oldRows = rows;
        hashes = new long[oldHashes.length * 2];
        rows = new int[oldRows.length * 2];
        int mask = hashes.length - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldRows[j] != 0) {
                long h = oldHashes[j];
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (rows[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h;
                rows[i] = oldRows[j];
            }
        }
    }

    /**
     * FNV-1a over the characters ignoring case (the database compares keys with a case-insensitive collation), then
     * a final mix so that near keys spread over the table.
     */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= Character.toLowerCase(key.charAt(i));
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    int size() {
        return size;
    }
}
