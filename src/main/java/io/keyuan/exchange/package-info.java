/**
 * The Excel engine: sheet schemas and importers that feature modules contribute, streaming workbook reading
 * ({@code read}) and writing, the import run with dry run, job records, error workbooks and undo. It knows no
 * feature; features depend on it, never the reverse.
 */
package io.keyuan.exchange;
