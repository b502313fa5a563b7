package io.keyuan.exchange.read;

import java.util.ArrayList;
import java.util.List;

/**
 * A workbook's shared-strings table held as characters in large pages plus one offset per string, instead of one
 * {@code String} object per entry: a million-row sheet written by Excel carries millions of distinct strings, and
 * as objects they would cost several times their text in headers and pointers.
 */
final class CompactStrings {
    private static final int PAGE = 1 << 20;

    private final List<char[]> pages = new ArrayList<>();
    private long[] starts = new long[1024];
    private int[] lengths = new int[1024];
    private int count;
    private long used;
    private final long maxChars;

    CompactStrings(long maxChars) {
        this.maxChars = maxChars;
    }

    /** Appends a string; one longer than a page is stored across pages. */
    void add(CharSequence text) {
        int length = text.length();
        if (used + length > maxChars) {
            throw new SheetRejectedException("exchange.error.too-much-text", maxChars / 1_000_000);
        }
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            lengths = java.util.Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = used;
        lengths[count] = length;
        count++;
        for (int i = 0; i < length; ) {
            int page = (int) (used / PAGE);
            int offset = (int) (used % PAGE);
            if (page == pages.size()) {
                pages.add(new char[PAGE]);
            }
            int n = Math.min(length - i, PAGE - offset);
            char[] target = pages.get(page);
            for (int k = 0; k < n; k++) {
                target[offset + k] = text.charAt(i + k);
            }
            i += n;
            used += n;
        }
    }

    int size() {
        return count;
    }

    /** Characters held so far, for checking the total before a string is complete. */
    long chars() {
        return used;
    }

    String get(int index) {
        if (index < 0 || index >= count) {
            return null;
        }
        long start = starts[index];
        int length = lengths[index];
        int page = (int) (start / PAGE);
        int offset = (int) (start % PAGE);
        if (offset + length <= PAGE) {
            return new String(pages.get(page), offset, length);
        }
        StringBuilder sb = new StringBuilder(length);
        long at = start;
        int left = length;
        while (left > 0) {
            int p = (int) (at / PAGE);
            int o = (int) (at % PAGE);
            int n = Math.min(left, PAGE - o);
            sb.append(pages.get(p), o, n);
            at += n;
            left -= n;
        }
        return sb.toString();
    }
}
