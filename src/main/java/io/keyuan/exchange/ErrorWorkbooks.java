package io.keyuan.exchange;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.util.CellReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The workbooks the engine hands back to users: an import's error workbook (the rows that failed, as they were,
 * plus an error column; fixed, it uploads again) and a schema's empty template with notes and dropdowns.
 */
@Component
class ErrorWorkbooks {
    private static final int MAX_STORED_BYTES = 50 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ErrorWorkbooks.class);

    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;
    private final ImportJobStore store;
    private final TransactionTemplate writeTx;

    ErrorWorkbooks(
            ExchangeService exchange,
            KeyuanI18NProvider i18n,
            ImportJobStore store,
            PlatformTransactionManager transactions) {
        this.exchange = exchange;
        this.i18n = i18n;
        this.store = store;
        this.writeTx = new TransactionTemplate(transactions);
    }

    /** Keeps the job's error workbook with the job (up to 50 MB), so the history can offer it later. */
    void store(long jobId, ImportRequest request, ImportReport report, ReadLimits limits) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            write(request, report, limits, out);
            if (out.size() <= MAX_STORED_BYTES) {
                writeTx.executeWithoutResult(s -> store.storeErrorWorkbook(jobId, out.toByteArray()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not keep the error workbook of import {}", jobId, e);
        }
    }

    long write(ImportRequest request, ImportReport report, ReadLimits limits, OutputStream out) {
        Locale locale = KeyuanI18NProvider.supported(request.locale());
        BitSet rows = new BitSet();
        Map<Integer, StringBuilder> messages = new HashMap<>();
        for (RowError e : report.errors()) {
            rows.set(e.rowNumber());
            StringBuilder sb = messages.computeIfAbsent(e.rowNumber(), k -> new StringBuilder());
            if (!sb.isEmpty()) {
                sb.append('；');
            }
            if (e.cell() != null) {
                sb.append(e.cell()).append(' ');
            }
            sb.append(i18n.getTranslation(e.messageKey(), locale, e.args()));
        }
        RowOutcomes outcomes = report.outcomes();
        for (int i = 0; outcomes != null && i < outcomes.size(); i++) {
            if (outcomes.action(i) == ImportAction.ERROR) {
                rows.set(outcomes.rowNumber(i));
            }
        }
        List<String> headers = new ArrayList<>();
        try (SheetReader reader = ImportRun.open(request, limits)) {
            reader.read((n, cells) -> {
                if (n == request.headerRow()) {
                    for (String c : cells) {
                        headers.add(c == null ? "" : SheetReaders.displayText(c));
                    }
                    return false;
                }
                return true;
            });
        }
        int width = headers.size();
        List<SheetColumn> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String h = headers.get(i).isEmpty() ? CellReference.convertNumToColString(i) : headers.get(i);
            columns.add(SheetColumn.of("c" + i, h, h, h, ColumnType.TEXT, false, 32_767));
        }
        String errorHeader = i18n.getTranslation("exchange.error-column", locale);
        columns.add(SheetColumn.of("error", errorHeader, errorHeader, errorHeader, ColumnType.TEXT, false, 32_767));
        SheetSchema sheet = new SheetSchema("errors", columns, List.of());
        String fallback = i18n.getTranslation("exchange.error.details-omitted", locale);
        try (SheetReader reader = ImportRun.open(request, limits)) {
            return exchange.write(
                    sheet,
                    locale,
                    sink -> reader.read((n, cells) -> {
                        if (n > request.headerRow() && rows.get(n)) {
                            Object[] values = new Object[width + 1];
                            for (int c = 0; c < Math.min(cells.length, width); c++) {
                                // an error value or a formula without a result, as Excel shows it (#N/A, =A2*2)
                                values[c] = cells[c] == null ? null : SheetReaders.displayText(cells[c]);
                            }
                            StringBuilder m = messages.get(n);
                            values[width] = i18n.getTranslation("exchange.error.row", locale, n) + " "
                                    + (m == null ? fallback : m.toString());
                            sink.accept(values);
                        }
                        return true;
                    }),
                    out);
        }
    }

    /**
     * An empty sheet of the schema to fill in: headers in {@code locale}, a note on each saying what it takes, and
     * dropdowns for enumerated columns (labels in {@code locale}) and for the importer's own choices.
     */
    void template(SheetImporter importer, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<String, List<String>> choices = new LinkedHashMap<>();
        for (SheetColumn column : importer.schema().columns()) {
            if (column.enumType() != null) {
                List<String> labels = new ArrayList<>();
                for (Enum<?> constant : column.enumType().getEnumConstants()) {
                    labels.add(i18n.getTranslation(EnumLookups.label(column, constant.name()), lang));
                }
                choices.put(column.key(), labels);
            }
        }
        choices.putAll(importer.choices(lang));
        exchange.writeTemplate(importer.schema(), lang, choices, out);
    }
}
