package io.keyuan.exchange;

import io.keyuan.exchange.read.CellConverter;
import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.RowSink;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.poi.ss.util.CellReference;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * One dry run or import of a file: a reader thread parses and converts the next rows while the calling thread plans
 * and writes the previous batch through the importer, in the caller's transaction. Counts every row's outcome and
 * locates every error in the file.
 */
final class ImportRun implements ImportContext {
    static final int BATCH = 1000;

    /** Thrown on the writing thread when the user cancelled; the caller's transaction rolls back. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private record Batch(List<ImportRow> rows, RuntimeException failure) {
        static final Batch END = new Batch(List.of(), null);
    }

    final ImportRequest request;
    final SheetImporter importer;
    final SheetSchema schema;
    final boolean dryRun;
    final ImportMode mode;
    private final ImportListener listener;
    private final ReadLimits limits;
    private final Map<String, Map<String, String>> enums;
    private final LocalDate today;
    private final ImportJobStore store;
    private final KeyIndex keys = new KeyIndex();
    private final RowOutcomes outcomes = new RowOutcomes();
    private final List<RowError> errors = new ArrayList<>();
    private final int[] columnOf;
    private int total;
    private int created;
    private int updated;
    private int unchanged;
    private int errorRows;
    private int warningRows;
    private String format = "xlsx";
    private String sheetName;

    ImportRun(
            ImportRequest request,
            SheetImporter importer,
            boolean dryRun,
            ImportMode mode,
            ImportListener listener,
            ReadLimits limits,
            Map<String, Map<String, String>> enums,
            LocalDate today,
            ImportJobStore store) {
        this.request = request;
        this.importer = importer;
        this.schema = importer.schema();
        this.dryRun = dryRun;
        this.mode = mode;
        this.listener = listener;
        this.limits = limits;
        this.enums = enums;
        this.today = today;
        this.store = store;
        this.columnOf = new int[schema.columns().size()];
        Arrays.fill(columnOf, -1);
        for (int i = 0; i < request.mapping().size(); i++) {
            String key = request.mapping().get(i);
            if (key != null) {
                columnOf[schema.indexOf(key)] = i;
            }
        }
    }

    String format() {
        return format;
    }

    /** The request's sheet: the one inspect picked (or the user chose), else the reader's default. */
    static SheetReader open(ImportRequest request, ReadLimits limits) {
        return request.sheet() >= 0
                ? SheetReaders.open(request.file(), request.fileName(), limits, request.sheet())
                : SheetReaders.open(request.file(), request.fileName(), limits);
    }

    int errorRows() {
        return errorRows;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public boolean clearBlanks() {
        return request.clearBlanks();
    }

    @Override
    public boolean earlierInFile(String naturalKey, int rowNumber) {
        int first = keys.firstRow(naturalKey);
        return first != 0 && first < rowNumber;
    }

    /** Reads, converts, plans and (unless a dry run) writes the whole file; {@code jobId} receives the changes. */
    void execute(Long jobId) {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
        AtomicBoolean stop = new AtomicBoolean();
        SheetReader reader = open(request, limits);
        format = reader.format();
        sheetName = reader.sheet().name();
        // The reader converts as the signed-in user: field rules and natural keys run with the import's rights.
        Thread thread = Thread.ofPlatform()
                .name("import-reader")
                .daemon()
                .unstarted(new DelegatingSecurityContextRunnable(() -> produce(reader, queue, stop)));
        thread.start();
        try {
            consume(queue, jobId, reader);
        } finally {
            stop.set(true);
            queue.clear();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader.close();
        }
    }

    private void produce(SheetReader reader, BlockingQueue<Batch> queue, AtomicBoolean stop) {
        List<ImportRow> batch = new ArrayList<>(BATCH);
        List<SheetColumn> columns = schema.columns();
        try {
            reader.read(RowSink.withHidden((n, cells, hidden) -> {
                if (stop.get()) {
                    return false;
                }
                if (n <= request.headerRow() || cells.length == 0 || isEmpty(cells)) {
                    return true;
                }
                Object[] values = new Object[columns.size()];
                boolean[] present = new boolean[columns.size()];
                ImportRow row = new ImportRow(n, schema, values, present);
                if (hidden) {
                    // hidden by a filter or by hand: imported like any row, but the user may not know it is there
                    row.warn(null, "exchange.warning.hidden-row");
                }
                for (int i = 0; i < columns.size(); i++) {
                    int at = columnOf[i];
                    if (at < 0) {
                        continue;
                    }
                    present[i] = true;
                    SheetColumn column = columns.get(i);
                    String raw = at < cells.length ? cells[at] : null;
                    CellConverter.Converted converted = convert(column, raw, today, enums.get(column.key()));
                    if (converted.error() != null) {
                        CellError e = converted.error();
                        row.error(e.columnKey(), e.messageKey(), e.args());
                    } else {
                        values[i] = converted.value();
                    }
                }
                if (!row.hasErrors()) {
                    String key = importer.naturalKey(row);
                    if (key != null) {
                        int first = keys.putIfAbsent(key, n);
                        if (first != 0) {
                            row.error(null, "exchange.error.duplicate-in-file", first);
                        }
                    }
                }
                batch.add(row);
                if (batch.size() == BATCH) {
                    put(queue, new Batch(new ArrayList<>(batch), null), stop);
                    batch.clear();
                }
                return !stop.get();
            }));
            if (!batch.isEmpty()) {
                put(queue, new Batch(new ArrayList<>(batch), null), stop);
            }
            put(queue, Batch.END, stop);
        } catch (RuntimeException e) {
            put(queue, new Batch(List.of(), e), stop);
        }
    }

    /** A cell converted to its column's type, then checked and normalised by the column's rule (as the form does). */
    static CellConverter.Converted convert(
            SheetColumn column, String raw, LocalDate today, Map<String, String> enumLookup) {
        CellConverter.Converted converted = CellConverter.convert(column, raw, today, enumLookup);
        if (converted.error() != null || converted.value() == null || column.rule() == null) {
            return converted;
        }
        try {
            return new CellConverter.Converted(column.rule().apply(converted.value()), null);
        } catch (io.keyuan.shared.KeyuanException refused) {
            return new CellConverter.Converted(null, new CellError(column.key(), refused.messageKey(), refused.args()));
        }
    }

    private static boolean isEmpty(String[] cells) {
        for (String c : cells) {
            if (CellConverter.clean(c) != null) {
                return false;
            }
        }
        return true;
    }

    private static void put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
        try {
            while (!stop.get() && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // wait for the writer, or stop when it gave up
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.set(true);
        }
    }

    private void consume(BlockingQueue<Batch> queue, Long jobId, SheetReader reader) {
        List<RecordedChange> changes = new ArrayList<>();
        ChangeLog changeLog = new ChangeLog() {
            @Override
            public void created(long targetId) {
                changes.add(new RecordedChange(targetId, ImportAction.CREATE, null));
            }

            @Override
            public void updated(long targetId, Map<String, String> before) {
                changes.add(new RecordedChange(targetId, ImportAction.UPDATE, before));
            }
        };
        while (true) {
            Batch batch;
            try {
                batch = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
            if (listener.cancelled()) {
                throw new Cancelled();
            }
            if (batch == null) {
                continue;
            }
            if (batch.failure() != null) {
                throw batch.failure();
            }
            if (batch == Batch.END) {
                break;
            }
            List<ImportRow> good = new ArrayList<>(batch.rows().size());
            for (ImportRow row : batch.rows()) {
                if (!row.hasErrors()) {
                    good.add(row);
                }
            }
            if (!good.isEmpty()) {
                importer.plan(good, this);
            }
            List<ImportRow> writes = new ArrayList<>(good.size());
            for (ImportRow row : batch.rows()) {
                count(row);
                if (row.action() == ImportAction.CREATE || row.action() == ImportAction.UPDATE) {
                    writes.add(row);
                }
            }
            boolean write = !dryRun && (mode == ImportMode.SKIP_BAD || errorRows == 0);
            if (write && !writes.isEmpty()) {
                importer.apply(writes, this, changeLog);
                store.recordChanges(jobId, changes);
                changes.clear();
            }
            listener.progress(total, reader.progress());
        }
        listener.progress(total, 1.0);
    }

    private void count(ImportRow row) {
        if (!row.hasErrors() && row.action() == null) {
            row.error(null, "exchange.error.not-planned");
        }
        total++;
        ImportAction action = row.action();
        switch (action) {
            case CREATE -> created++;
            case UPDATE -> updated++;
            case UNCHANGED -> unchanged++;
            case ERROR -> {
                errorRows++;
                for (CellError e : row.errors()) {
                    if (errors.size() < ImportReport.MAX_ERRORS) {
                        errors.add(locate(row.rowNumber(), e));
                    }
                }
            }
        }
        List<RowError> warnings = List.of();
        if (!row.warnings().isEmpty()) {
            warningRows++;
            if (outcomes.size() < RowOutcomes.MAX_KEYS) {
                warnings = new ArrayList<>(row.warnings().size());
                for (CellError w : row.warnings()) {
                    warnings.add(locate(row.rowNumber(), w));
                }
            }
        }
        outcomes.add(
                row.rowNumber(),
                action,
                displayKey(row),
                action == ImportAction.UPDATE ? row.changes() : List.of(),
                warnings);
    }

    private String displayKey(ImportRow row) {
        if (outcomes.size() >= RowOutcomes.MAX_KEYS || row.hasErrors() && row.action() == null) {
            return null;
        }
        try {
            return importer.naturalKey(row);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RowError locate(int rowNumber, CellError e) {
        String cell = null;
        if (e.columnKey() != null && schema.index().containsKey(e.columnKey())) {
            int at = columnOf[schema.indexOf(e.columnKey())];
            if (at >= 0) {
                cell = CellReference.convertNumToColString(at) + rowNumber;
            }
        }
        return new RowError(rowNumber, cell, e.columnKey(), e.messageKey(), e.args());
    }

    ImportReport report(ImportStatus status, Long jobId, String messageKey, long t0) {
        return new ImportReport(
                schema.name(),
                status,
                jobId,
                total,
                created,
                updated,
                unchanged,
                errorRows,
                List.copyOf(errors),
                outcomes,
                messageKey,
                new Object[0],
                (System.nanoTime() - t0) / 1_000_000,
                warningRows,
                sheetName);
    }
}
