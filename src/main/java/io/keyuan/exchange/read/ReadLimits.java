package io.keyuan.exchange.read;

/**
 * What an uploaded sheet may be: bounds that keep a hostile or broken file from exhausting memory, disk or time.
 * Excel's own maxima are 1,048,576 rows, 16,384 columns and 32,767 characters per cell.
 */
public record ReadLimits(
        long maxFileBytes, int maxRows, int maxColumns, int maxCellChars, long maxTextChars, double minInflateRatio) {

    public static ReadLimits defaults() {
        return new ReadLimits(300L * 1024 * 1024, 1_048_576, 256, 32_767, 400_000_000L, 0.01);
    }
}
