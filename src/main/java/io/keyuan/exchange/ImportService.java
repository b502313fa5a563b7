package io.keyuan.exchange;

import io.keyuan.exchange.read.CellConverter;
import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import io.keyuan.exchange.read.SheetRejectedException;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.poi.ss.util.CellReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import engine: inspects an upload (format, header row, guessed mapping), runs a dry run or an import of it
 * through the schema's registered {@link SheetImporter}, records each import as a job and undoes it. An import
 * runs in one database transaction, so a crash, a cancel or a lost connection leaves nothing half-written; a
 * reader thread parses and converts the next rows while this thread writes the previous batch.
 */
@Service
public class ImportService {
    static final int BATCH = 1000;
    private static final int PREVIEW_ROWS = 20;
    private static final int MAX_ERROR_WORKBOOK_BYTES = 50 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final Map<String, SheetImporter> importers = new LinkedHashMap<>();
    private final ImportJobStore store;
    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate readTx;
    private final Clock clock;
    private final Map<String, Map<String, Map<String, String>>> enumLookups = new ConcurrentHashMap<>();
    private volatile ReadLimits limits = ReadLimits.defaults();

    ImportService(
            List<SheetImporter> importers,
            ImportJobStore store,
            ExchangeService exchange,
            KeyuanI18NProvider i18n,
            PlatformTransactionManager transactions,
            Clock clock) {
        for (SheetImporter importer : importers) {
            this.importers.put(importer.schema().name(), importer);
        }
        this.store = store;
        this.exchange = exchange;
        this.i18n = i18n;
        this.writeTx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.readTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    /** Replaces the read limits (tests use small ones to provoke them). */
    @PreAuthorize(Roles.HAS_ADMIN)
    public void setLimits(ReadLimits limits) {
        this.limits = limits;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public ReadLimits limits() {
        return limits;
    }

    /** The registered schemas the signed-in user may import, in registration order. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<SheetImporter> importers() {
        return importers.values().stream().filter(ImportService::mayImport).toList();
    }

    private static boolean mayImport(SheetImporter importer) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        String authority = "ROLE_" + importer.requiredRole();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    private static SheetImporter requireMayImport(SheetImporter importer) {
        if (!mayImport(importer)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Importing " + importer.schema().name() + " needs " + importer.requiredRole());
        }
        return importer;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema(String name) {
        return importer(name).schema();
    }

    private SheetImporter importer(String name) {
        SheetImporter importer = importers.get(name);
        if (importer == null) {
            throw new KeyuanException("exchange.error.unknown-schema", name, String.join(", ", importers.keySet()));
        }
        return importer;
    }

    /**
     * Opens the file, finds the header row (the one among the first rows that matches most column headers — so a
     * title row or merged group headers above it are skipped) and guesses the mapping from the headers.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportPreview inspect(String schemaName, File file, String fileName) {
        SheetSchema schema = requireMayImport(importer(schemaName)).schema();
        List<String[]> first = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String format;
        try (SheetReader reader = SheetReaders.open(file, fileName, limits)) {
            format = reader.format();
            reader.read((n, cells) -> {
                if (cells.length > 0) {
                    first.add(cells);
                    numbers.add(n);
                }
                return first.size() < PREVIEW_ROWS;
            });
        }
        if (first.isEmpty()) {
            throw new SheetRejectedException("exchange.error.empty-sheet");
        }
        int best = 0;
        int bestMatches = 0;
        for (int i = 0; i < Math.min(first.size(), 10); i++) {
            int matches = 0;
            for (String header : first.get(i)) {
                if (matchHeader(schema, header) != null) {
                    matches++;
                }
            }
            if (matches > bestMatches) {
                best = i;
                bestMatches = matches;
            }
        }
        String[] headerCells = first.get(best);
        List<String> headers = new ArrayList<>();
        List<String> mapping = new ArrayList<>();
        for (String h : headerCells) {
            headers.add(h == null ? "" : h);
            mapping.add(matchHeader(schema, h));
        }
        List<List<String>> sample = new ArrayList<>();
        for (int i = best + 1; i < first.size() && sample.size() < 5; i++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < headers.size(); c++) {
                String v = c < first.get(i).length ? first.get(i)[c] : null;
                row.add(v == null ? "" : v);
            }
            sample.add(row);
        }
        return new ImportPreview(format, numbers.get(best), headers, mapping, sample);
    }

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

    /** Reads the whole file without converting anything and returns its row count: the floor of any import. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long scan(File file, String fileName) {
        long[] rows = {0};
        try (SheetReader reader = SheetReaders.open(file, fileName, limits)) {
            reader.read((n, cells) -> {
                rows[0]++;
                return true;
            });
        }
        return rows[0];
    }

    /** What is wrong with a mapping: required columns not mapped, a column mapped twice. Empty when fine. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<KeyuanException> mappingProblems(String schemaName, List<String> headers, List<String> mapping) {
        SheetSchema schema = importer(schemaName).schema();
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

    /** Checks every row as the import would, against the database as it is now, and writes nothing. */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportReport dryRun(ImportRequest request, ImportListener listener) {
        return run(request, ImportMode.SKIP_BAD, true, listener);
    }

    /**
     * Imports the file in one transaction. ALL_OR_NOTHING commits only when no row has an error; SKIP_BAD commits
     * the good rows. Either way the job is recorded, with its error workbook when rows were refused.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportReport commit(ImportRequest request, ImportMode mode, ImportListener listener) {
        return run(request, mode, false, listener);
    }

    private ImportReport run(ImportRequest request, ImportMode mode, boolean dryRun, ImportListener listener) {
        SheetImporter importer = requireMayImport(importer(request.schemaName()));
        List<KeyuanException> problems = mappingProblems(request.schemaName(), List.of(), request.mapping());
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
        String user = currentUser();
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Run run = new Run(request, importer, dryRun, mode, listener);
        ImportReport report;
        try {
            if (dryRun) {
                readTx.executeWithoutResult(status -> run.execute(null));
                report = run.report(ImportStatus.DRY_RUN, null, null, t0);
            } else {
                Long jobId = writeTx.execute(status -> {
                    long id = store.insert(
                            request.schemaName(),
                            request.fileName(),
                            run.format(),
                            mode,
                            ImportStatus.COMMITTED,
                            started,
                            user);
                    run.execute(id);
                    if (mode == ImportMode.ALL_OR_NOTHING && run.errorRows > 0) {
                        status.setRollbackOnly();
                        return null;
                    }
                    ImportReport done = run.report(ImportStatus.COMMITTED, id, null, t0);
                    store.finish(id, ImportStatus.COMMITTED, done, null, clock.instant(), run.format());
                    return id;
                });
                if (jobId == null) {
                    report = run.report(ImportStatus.REFUSED, null, "exchange.result.refused", t0);
                    report = recordFailed(run, report, mode, started, user, t0);
                } else {
                    report = run.report(ImportStatus.COMMITTED, jobId, null, t0);
                    if (report.hasErrors()) {
                        storeErrorWorkbook(jobId, request, report);
                    }
                    afterCommit(importer);
                }
            }
        } catch (Cancelled c) {
            report = run.report(ImportStatus.CANCELLED, null, "exchange.result.cancelled", t0);
            if (!dryRun) {
                report = recordFailed(run, report, mode, started, user, t0);
            }
        } catch (SheetRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Import of {} ({}) failed", request.fileName(), request.schemaName(), e);
            if (dryRun || e instanceof KeyuanException) {
                throw e;
            }
            report = run.report(ImportStatus.FAILED, null, "exchange.result.failed", t0);
            report = recordFailed(run, report, mode, started, user, t0);
        }
        return report;
    }

    private ImportReport recordFailed(
            Run run, ImportReport report, ImportMode mode, Instant started, String user, long t0) {
        ImportRequest request = run.request;
        Long id = writeTx.execute(status -> {
            long jobId = store.insert(
                    request.schemaName(), request.fileName(), run.format(), mode, report.status(), started, user);
            store.finish(jobId, report.status(), report, report.messageKey(), clock.instant(), run.format());
            return jobId;
        });
        ImportReport recorded = new ImportReport(
                report.schemaName(),
                report.status(),
                id,
                report.totalRows(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.errorRows(),
                report.errors(),
                report.outcomes(),
                report.messageKey(),
                report.messageArgs(),
                (System.nanoTime() - t0) / 1_000_000);
        if (recorded.hasErrors() && id != null) {
            storeErrorWorkbook(id, request, recorded);
        }
        return recorded;
    }

    private void storeErrorWorkbook(long jobId, ImportRequest request, ImportReport report) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writeErrorWorkbook(request, report, out);
            if (out.size() <= MAX_ERROR_WORKBOOK_BYTES) {
                writeTx.executeWithoutResult(s -> store.storeErrorWorkbook(jobId, out.toByteArray()));
            }
        } catch (RuntimeException e) {
            log.warn("Could not keep the error workbook of import {}", jobId, e);
        }
    }

    /**
     * The user's rows that have errors, as they were in the file (same headers), plus an error column naming the
     * cell and the reason; fixed, it can be uploaded again.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public long writeErrorWorkbook(ImportRequest request, ImportReport report, OutputStream out) {
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
        int[] width = {0};
        try (SheetReader reader = SheetReaders.open(request.file(), request.fileName(), limits)) {
            reader.read((n, cells) -> {
                if (n == request.headerRow()) {
                    for (String c : cells) {
                        headers.add(c == null ? "" : c);
                    }
                    return false;
                }
                return true;
            });
        }
        width[0] = headers.size();
        List<SheetColumn> columns = new ArrayList<>();
        for (int i = 0; i < width[0]; i++) {
            String h = headers.get(i).isEmpty() ? CellReference.convertNumToColString(i) : headers.get(i);
            columns.add(SheetColumn.of("c" + i, h, h, h, ColumnType.TEXT, false, 32_767));
        }
        String errorHeader = i18n.getTranslation("exchange.error-column", locale);
        columns.add(SheetColumn.of("error", errorHeader, errorHeader, errorHeader, ColumnType.TEXT, false, 32_767));
        SheetSchema sheet = new SheetSchema("errors", columns, List.of());
        String fallback = i18n.getTranslation("exchange.error.details-omitted", locale);
        try (SheetReader reader = SheetReaders.open(request.file(), request.fileName(), limits)) {
            return exchange.write(
                    sheet,
                    locale,
                    sink -> reader.read((n, cells) -> {
                        if (n > request.headerRow() && rows.get(n)) {
                            Object[] values = new Object[width[0] + 1];
                            System.arraycopy(cells, 0, values, 0, Math.min(cells.length, width[0]));
                            StringBuilder m = messages.get(n);
                            values[width[0]] = i18n.getTranslation("exchange.error.row", locale, n) + " "
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
    @PreAuthorize(Roles.HAS_STAFF)
    public void writeTemplate(String schemaName, Locale locale, OutputStream out) {
        SheetImporter importer = importer(schemaName);
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<String, List<String>> choices = new LinkedHashMap<>();
        for (SheetColumn column : importer.schema().columns()) {
            if (column.enumType() != null) {
                List<String> labels = new ArrayList<>();
                for (Enum<?> constant : column.enumType().getEnumConstants()) {
                    labels.add(i18n.getTranslation(
                            "enum." + column.enumType().getSimpleName() + "." + constant.name(), lang));
                }
                choices.put(column.key(), labels);
            }
        }
        choices.putAll(importer.choices(lang));
        exchange.writeTemplate(importer.schema(), lang, choices, out);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public List<ImportJobSummary> jobs(int offset, int limit) {
        return store.list(offset, Math.min(limit, 500));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public long jobCount() {
        return store.count();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public ImportJobSummary job(long id) {
        return store.get(id).orElseThrow(() -> new NotFoundException("import_job", id));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<byte[]> errorWorkbook(long jobId) {
        return store.errorWorkbook(jobId);
    }

    /**
     * Undoes a committed import in one transaction: records it created are removed, records it updated get their
     * previous values back. Imports of the same schema are undone newest first, so that no later import's changes
     * are silently reverted.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoReport undo(long jobId) {
        String user = currentUser();
        String[] schema = {null};
        int[] kept = {0};
        writeTx.executeWithoutResult(status -> {
            ImportJobSummary job =
                    store.lockForUndo(jobId).orElseThrow(() -> new NotFoundException("import_job", jobId));
            if (job.status() != ImportStatus.COMMITTED) {
                throw new KeyuanException("exchange.error.undo-not-committed", jobId);
            }
            Optional<Long> later = store.laterCommitted(job);
            if (later.isPresent()) {
                throw new KeyuanException("exchange.error.undo-later-first", later.get());
            }
            SheetImporter importer = importer(job.schemaName());
            long before = Long.MAX_VALUE;
            List<RecordedChange> pending = new ArrayList<>(BATCH);
            while (true) {
                List<Object[]> page = store.changes(jobId, before, 100);
                if (page.isEmpty()) {
                    break;
                }
                for (Object[] row : page) {
                    long from = (Long) row[1];
                    long to = (Long) row[2];
                    ImportAction action = (ImportAction) row[3];
                    @SuppressWarnings("unchecked")
                    Map<String, String> values = (Map<String, String>) row[4];
                    // newest first, also within a range of created ids
                    for (long id = to; id >= from; id--) {
                        pending.add(new RecordedChange(id, action, values));
                        if (pending.size() == BATCH) {
                            kept[0] += importer.undo(pending);
                            pending = new ArrayList<>(BATCH);
                        }
                    }
                }
                before = (Long) page.getLast()[0];
            }
            if (!pending.isEmpty()) {
                kept[0] += importer.undo(pending);
            }
            store.markUndone(jobId, clock.instant(), user, kept[0] == 0 ? null : "kept " + kept[0]);
            schema[0] = job.schemaName();
        });
        afterCommit(importer(schema[0]));
        return new UndoReport(job(jobId), kept[0]);
    }

    private static void afterCommit(SheetImporter importer) {
        try {
            importer.afterCommit();
        } catch (RuntimeException e) {
            // The import is committed; a stale cache must not make it look failed.
            log.warn("After-commit work of {} failed", importer.schema().name(), e);
        }
    }

    /** An undone import, and how many of its records were left as they are because someone changed them since. */
    public record UndoReport(ImportJobSummary job, int kept) {}

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    private Map<String, Map<String, String>> enumLookup(SheetSchema schema) {
        return enumLookups.computeIfAbsent(schema.name(), n -> {
            Map<String, Map<String, String>> byColumn = new HashMap<>();
            for (SheetColumn column : schema.columns()) {
                if (column.enumType() == null) {
                    continue;
                }
                Map<String, String> lookup = new HashMap<>();
                for (Enum<?> constant : column.enumType().getEnumConstants()) {
                    lookup.put(CellConverter.lookupKey(constant.name()), constant.name());
                    for (Locale locale : KeyuanI18NProvider.LOCALES) {
                        String key = "enum." + column.enumType().getSimpleName() + "." + constant.name();
                        if (KeyuanI18NProvider.has(key, locale)) {
                            lookup.putIfAbsent(
                                    CellConverter.lookupKey(i18n.getTranslation(key, locale)), constant.name());
                        }
                    }
                }
                byColumn.put(column.key(), lookup);
            }
            return byColumn;
        });
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private record Batch(List<ImportRow> rows, RuntimeException failure) {
        static final Batch END = new Batch(List.of(), null);
    }

    /** One dry run or import: a reader thread converting rows, this thread planning and writing them. */
    private final class Run implements ImportContext {
        final ImportRequest request;
        final SheetImporter importer;
        final SheetSchema schema;
        final boolean dryRun;
        final ImportMode mode;
        final ImportListener listener;
        final KeyIndex keys = new KeyIndex();
        final RowOutcomes outcomes = new RowOutcomes();
        final List<RowError> errors = new ArrayList<>();
        final int[] columnOf;
        int total;
        int created;
        int updated;
        int unchanged;
        int errorRows;
        String format = "xlsx";

        Run(ImportRequest request, SheetImporter importer, boolean dryRun, ImportMode mode, ImportListener listener) {
            this.request = request;
            this.importer = importer;
            this.schema = importer.schema();
            this.dryRun = dryRun;
            this.mode = mode;
            this.listener = listener;
            this.columnOf = new int[schema.columns().size()];
            java.util.Arrays.fill(columnOf, -1);
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

        @Override
        public boolean dryRun() {
            return dryRun;
        }

        @Override
        public boolean earlierInFile(String naturalKey, int rowNumber) {
            int first = keys.firstRow(naturalKey);
            return first != 0 && first < rowNumber;
        }

        void execute(Long jobId) {
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
            AtomicBoolean stop = new AtomicBoolean();
            SheetReader reader = SheetReaders.open(request.file(), request.fileName(), limits);
            format = reader.format();
            Thread thread =
                    Thread.ofPlatform().name("import-reader").daemon().unstarted(() -> produce(reader, queue, stop));
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
            Map<String, Map<String, String>> enums = enumLookup(schema);
            LocalDate today = LocalDate.now(clock);
            List<ImportRow> batch = new ArrayList<>(BATCH);
            List<SheetColumn> columns = schema.columns();
            try {
                reader.read((n, cells) -> {
                    if (stop.get()) {
                        return false;
                    }
                    if (n <= request.headerRow() || cells.length == 0) {
                        return true;
                    }
                    Object[] values = new Object[columns.size()];
                    boolean[] present = new boolean[columns.size()];
                    boolean empty = true;
                    for (String c : cells) {
                        if (CellConverter.clean(c) != null) {
                            empty = false;
                            break;
                        }
                    }
                    if (empty) {
                        return true;
                    }
                    ImportRow row = new ImportRow(n, schema, values, present);
                    for (int i = 0; i < columns.size(); i++) {
                        int at = columnOf[i];
                        if (at < 0) {
                            continue;
                        }
                        present[i] = true;
                        SheetColumn column = columns.get(i);
                        String raw = at < cells.length ? cells[at] : null;
                        CellConverter.Converted converted =
                                CellConverter.convert(column, raw, today, enums.get(column.key()));
                        if (converted.error() != null) {
                            CellError e = converted.error();
                            row.error(e.columnKey(), e.messageKey(), e.args());
                        } else if (converted.value() == null && column.required()) {
                            row.error(column.key(), "exchange.error.required", column.headerZhCn());
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
                });
                if (!batch.isEmpty()) {
                    put(queue, new Batch(new ArrayList<>(batch), null), stop);
                }
                put(queue, Batch.END, stop);
            } catch (RuntimeException e) {
                put(queue, new Batch(List.of(), e), stop);
            }
        }

        private void put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
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
                    if (action == ImportAction.CREATE || action == ImportAction.UPDATE) {
                        writes.add(row);
                    }
                    outcomes.add(row.rowNumber(), action, displayKey(row));
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
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
