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

    /**
     * The guessed mapping completed with the importer's proposal: guessed keys stay, and a column without one takes
     * the proposed key when it is a column of the schema that no other column has.
     */
    static List<String> completed(SheetSchema schema, List<String> guessed, List<String> proposed) {
        List<String> mapping = new ArrayList<>(guessed);
        if (proposed == null || proposed == guessed) {
            return mapping;
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String key : guessed) {
            if (key != null) {
                used.add(key);
            }
        }
        for (int i = 0; i < mapping.size() && i < proposed.size(); i++) {
            String key = proposed.get(i);
            if (mapping.get(i) == null && key != null && schema.index().containsKey(key) && used.add(key)) {
                mapping.set(i, key);
            }
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
        if (!seen.isEmpty() && !hasKey(schema, seen.keySet())) {
            // Without a complete key every row creates a record, so every column a new record needs must be there.
            List<String> missing = new ArrayList<>();
            for (SheetColumn column : schema.columns()) {
                if (column.required() && !seen.containsKey(column.key())) {
                    missing.add(column.headerZhCn() + " / " + column.headerEn());
                }
            }
            if (!missing.isEmpty()) {
                problems.add(new SheetRejectedException(
                        schema.keys().isEmpty()
                                ? "exchange.error.missing-header"
                                : "exchange.error.missing-header-or-key",
                        String.join("、", missing),
                        keyHeaders(schema)));
            }
        }
        if (seen.isEmpty()) {
            problems.add(new SheetRejectedException("exchange.error.no-known-header"));
        }
        return problems;
    }

    /** Whether the mapped columns hold every column of one of the schema's keys. */
    static boolean hasKey(SheetSchema schema, java.util.Collection<String> mapped) {
        for (List<String> key : schema.keys()) {
            if (mapped.containsAll(key)) {
                return true;
            }
        }
        return false;
    }

    /** The schema's keys as headers, e.g. "编号 / Code", "电话 / Phone" or "邮箱 / Email". */
    static String keyHeaders(SheetSchema schema) {
        List<String> keys = new ArrayList<>();
        for (List<String> key : schema.keys()) {
            List<String> names = new ArrayList<>();
            for (String column : key) {
                SheetColumn c = schema.column(column);
                names.add(c.headerZhCn() + " / " + c.headerEn());
            }
            keys.add(String.join(" + ", names));
        }
        return String.join("；", keys);
    }

    private static String header(List<String> headers, int i) {
        return i < headers.size() ? headers.get(i) : CellReference.convertNumToColString(i);
    }
}
