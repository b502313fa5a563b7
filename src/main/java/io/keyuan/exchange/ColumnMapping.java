package io.keyuan.exchange;

import io.keyuan.exchange.read.CellConverter;
import io.keyuan.exchange.read.SheetRejectedException;
import io.keyuan.shared.KeyuanException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;

/** How a file's columns map to a schema's: matching a header to a column, and what is wrong with a mapping. */
final class ColumnMapping {
    private ColumnMapping() {}

    /** The schema key a header names (in any language, ignoring case, spaces, "*" and a parenthesized remark). */
    static String matchHeader(SheetSchema schema, String header) {
        String h = normalizeHeader(header);
        if (h.isEmpty()) {
            return null;
        }
        for (SheetColumn column : schema.columns()) {
            for (String alias : column.headers()) {
                if (normalizeHeader(alias).equals(h)) {
                    return column.key();
                }
            }
        }
        return null;
    }

    private static String normalizeHeader(String header) {
        String h = CellConverter.lookupKey(header == null ? "" : header);
        h = h.replaceAll("\\(.*\\)$", "").replace("*", "").replaceAll("\\s+", "");
        return h;
    }

    /** The guessed mapping of a header row: the schema key per file column, or null. */
    static List<String> guess(SheetSchema schema, List<String> headers) {
        List<String> mapping = new ArrayList<>(headers.size());
        for (String h : headers) {
            mapping.add(matchHeader(schema, h));
        }
        return mapping;
    }

    /** What is wrong with a mapping: required columns not mapped, a column mapped twice. Empty when fine. */
    static List<KeyuanException> problems(SheetSchema schema, List<String> headers, List<String> mapping) {
        List<KeyuanException> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < mapping.size(); i++) {
            String key = mapping.get(i);
            if (key == null) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(key, i);
            if (earlier != null) {
                problems.add(new SheetRejectedException(
                        "exchange.error.duplicate-header",
                        header(headers, i),
                        CellReference.convertNumToColString(earlier),
                        CellReference.convertNumToColString(i)));
            }
        }
        for (SheetColumn column : schema.columns()) {
            if (column.required() && !seen.containsKey(column.key())) {
                problems.add(new SheetRejectedException(
                        "exchange.error.missing-header", column.headerZhCn() + " / " + column.headerEn()));
            }
        }
        if (seen.isEmpty()) {
            problems.add(new SheetRejectedException("exchange.error.no-known-header"));
        }
        return problems;
    }

    private static String header(List<String> headers, int i) {
        return i < headers.size() ? headers.get(i) : CellReference.convertNumToColString(i);
    }
}
