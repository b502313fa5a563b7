package io.keyuan.exchange;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import io.keyuan.exchange.read.SheetRejectedException;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import java.io.File;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The import engine's entry point for views and the command line, and where access is checked: each call is
 * refused to a caller below the schema's importer role. The work is done by the engine's parts — the importer
 * registry, header detection and column mapping, the import run (reader thread and writer), the job records,
 * error workbooks and templates, and undo.
 */
@Service
public class ImportService {
    private final ImporterRegistry registry;
    private final ImportRunner runner;
    private final ImportUndo undo;
    private final ErrorWorkbooks workbooks;
    private final ImportJobStore store;
    private final EnumLookups enumLookups;
    private final JobService jobs;
    private final org.springframework.beans.factory.ObjectProvider<ImportJob> importJob;
    private final java.time.Clock clock;
    private volatile ReadLimits limits = ReadLimits.defaults();

    ImportService(
            ImporterRegistry registry,
            ImportRunner runner,
            ImportUndo undo,
            ErrorWorkbooks workbooks,
            ImportJobStore store,
            EnumLookups enumLookups,
            java.time.Clock clock,
            JobService jobs,
            org.springframework.beans.factory.ObjectProvider<ImportJob> importJob) {
        this.jobs = jobs;
        this.importJob = importJob;
        this.enumLookups = enumLookups;
        this.clock = clock;
        this.registry = registry;
        this.runner = runner;
        this.undo = undo;
        this.workbooks = workbooks;
        this.store = store;
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
        return registry.available();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema(String name) {
        return registry.get(name).schema();
    }

    /**
     * Opens the file, picks the sheet whose header row matches the schema best (the active tab first, then the
     * visible sheets, then hidden ones; so an instructions sheet in front is passed over), finds the header row (the
     * one among the first rows that matches most column headers — so a title row or merged group headers above it
     * are skipped) and guesses the mapping from the headers.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportPreview inspect(String schemaName, File file, String fileName) {
        return inspect(schemaName, file, fileName, -1);
    }

    /** The file's sheets (a CSV file has one), without reading their rows. */
    @PreAuthorize(Roles.HAS_STAFF)
    public List<SheetInfo> sheets(File file, String fileName) {
        return SheetReaders.sheets(file, fileName, limits);
    }

    /** As {@link #inspect(String, File, String)}, reading the sheet at {@code sheetIndex} (-1: pick one). */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportPreview inspect(String schemaName, File file, String fileName, int sheetIndex) {
        SheetImporter importer = registry.forImport(schemaName);
        SheetSchema schema = importer.schema();
        List<SheetInfo> sheets = SheetReaders.sheets(file, fileName, limits);
        List<SheetInfo> candidates = new ArrayList<>();
        if (sheetIndex >= 0) {
            try (SheetReader chosen = SheetReaders.open(file, fileName, limits, sheetIndex)) {
                candidates.add(chosen.sheet());
            }
        } else {
            sheets.stream()
                    .filter(s -> s.readable() && s.active() && !s.hidden())
                    .forEach(candidates::add);
            sheets.stream()
                    .filter(s -> s.readable() && !s.active() && !s.hidden())
                    .forEach(candidates::add);
            sheets.stream().filter(s -> s.readable() && s.hidden()).forEach(candidates::add);
        }
        ImportPreview best = null;
        RuntimeException firstProblem = null;
        for (SheetInfo candidate : candidates) {
            HeaderDetector.FirstRows first = new HeaderDetector.FirstRows();
            String format;
            try (SheetReader reader = SheetReaders.open(file, fileName, limits, candidate.index())) {
                format = reader.format();
                reader.read(first::add);
            }
            if (first.cells().isEmpty()) {
                firstProblem =
                        firstProblem != null ? firstProblem : new SheetRejectedException("exchange.error.empty-sheet");
                continue;
            }
            ImportPreview preview = HeaderDetector.detect(schema, format, sheets, candidate, first);
            preview = preview.withMapping(ColumnMapping.completed(
                    schema,
                    preview.mapping(),
                    importer.guessMapping(preview.headers(), preview.mapping(), preview.sample())));
            if (best == null || preview.matchedColumns() > best.matchedColumns()) {
                best = preview;
            }
        }
        if (best == null && firstProblem == null) {
            // no worksheet at all: the reader says why (chart sheets only, say)
            SheetReaders.open(file, fileName, limits).close();
            throw new SheetRejectedException("exchange.error.no-sheet");
        }
        if (best == null) {
            throw firstProblem;
        }
        return best;
    }

    /**
     * Describes the file as the reader sees it and writes nothing: each sheet, the header row the import would pick
     * and for which of the schemas the user may import, and a full read of every readable sheet to its end with the
     * first problem per column (what a dry run would say of the cells themselves).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public FileInspection inspectFile(File file, String fileName) {
        List<SheetInfo> sheets = SheetReaders.sheets(file, fileName, limits);
        List<FileInspection.SheetReport> reports = new ArrayList<>();
        String format = null;
        for (SheetInfo sheet : sheets) {
            if (!sheet.readable()) {
                continue;
            }
            try {
                ImportPreview best = null;
                SheetImporter bestImporter = null;
                for (SheetImporter importer : registry.available()) {
                    try {
                        ImportPreview p = inspect(importer.schema().name(), file, fileName, sheet.index());
                        if (best == null || p.matchedColumns() > best.matchedColumns()) {
                            best = p;
                            bestImporter = importer;
                        }
                    } catch (SheetRejectedException empty) {
                        // an empty sheet: said below by the full read
                    }
                }
                format = best == null ? format : best.format();
                reports.add(fullRead(file, fileName, sheet, best, bestImporter));
            } catch (KeyuanException e) {
                reports.add(new FileInspection.SheetReport(
                        sheet,
                        0,
                        0,
                        null,
                        null,
                        0,
                        List.of(),
                        List.of(),
                        List.of(),
                        0,
                        new RowError(0, null, null, e.messageKey(), e.args())));
            }
        }
        if (format == null) {
            try (SheetReader reader = SheetReaders.open(file, fileName, limits)) {
                format = reader.format();
            } catch (KeyuanException e) {
                format = "?";
            }
        }
        return new FileInspection(format, sheets, reports);
    }

    private FileInspection.SheetReport fullRead(
            File file, String fileName, SheetInfo sheet, ImportPreview best, SheetImporter importer) {
        SheetSchema schema = importer == null || best == null || best.matchedColumns() == 0 ? null : importer.schema();
        java.util.Map<String, java.util.Map<String, String>> enums =
                schema == null ? java.util.Map.of() : enumLookups.of(schema);
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        RowError[] first = new RowError[best == null ? 0 : best.headers().size()];
        long[] rows = {0};
        long[] bad = {0};
        String autoFilter;
        int hidden;
        try (SheetReader reader = SheetReaders.open(file, fileName, limits, sheet.index())) {
            reader.read((n, cells) -> {
                rows[0]++;
                if (schema == null || n <= best.headerRow()) {
                    return true;
                }
                boolean rowBad = false;
                for (int c = 0; c < first.length; c++) {
                    String key = best.mapping().get(c);
                    if (key == null) {
                        continue;
                    }
                    SheetColumn column = schema.column(key);
                    String raw = c < cells.length ? cells[c] : null;
                    CellError error = ImportRun.convert(column, raw, today, enums.get(key))
                            .error();
                    if (error != null) {
                        rowBad = true;
                        if (first[c] == null) {
                            first[c] = new RowError(
                                    n,
                                    org.apache.poi.ss.util.CellReference.convertNumToColString(c) + n,
                                    key,
                                    error.messageKey(),
                                    error.args());
                        }
                    }
                }
                bad[0] += rowBad ? 1 : 0;
                return true;
            });
            autoFilter = reader.autoFilter();
            hidden = reader.hiddenRows();
        }
        List<RowError> problems = new ArrayList<>();
        for (RowError e : first) {
            if (e != null) {
                problems.add(e);
            }
        }
        return new FileInspection.SheetReport(
                sheet,
                rows[0],
                hidden,
                autoFilter,
                schema == null ? null : schema.name(),
                best == null ? 0 : best.headerRow(),
                best == null ? List.of() : best.headers(),
                best == null ? List.of() : best.mapping(),
                problems,
                bad[0],
                null);
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
        return ColumnMapping.problems(registry.get(schemaName).schema(), headers, mapping);
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
        SheetImporter importer = registry.forImport(request.schemaName());
        List<KeyuanException> problems = ColumnMapping.problems(importer.schema(), List.of(), request.mapping());
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
        return runner.run(request, importer, mode, dryRun, listener, limits);
    }

    /**
     * Starts a dry run or an import as a job of the job runner (see {@link ImportJob}): the upload is copied into the
     * job's own folder, so the caller may delete its file at once. Watch the job with the job service.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public JobId start(ImportRequest request, ImportMode mode, boolean dryRun) {
        SheetImporter importer = registry.forImport(request.schemaName());
        List<KeyuanException> problems = ColumnMapping.problems(importer.schema(), List.of(), request.mapping());
        if (!problems.isEmpty()) {
            throw problems.getFirst();
        }
        return jobs.submit(ImportJob.request(request, mode, dryRun));
    }

    /**
     * The full report (every row's outcome) of an import job this node ran lately; empty when another node ran it or
     * it was forgotten — the job's summary still holds its figures.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<ImportReport> report(JobId id) {
        jobs.get(id); // refused unless the caller may see the job
        ImportJob handler = importJob.getObject();
        return Optional.ofNullable(handler.report(id));
    }

    /**
     * The user's rows that have errors, as they were in the file (same headers), plus an error column naming the
     * cell and the reason; fixed, it can be uploaded again.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public long writeErrorWorkbook(ImportRequest request, ImportReport report, OutputStream out) {
        registry.forImport(request.schemaName());
        return workbooks.write(request, report, limits, out);
    }

    /**
     * An empty sheet of the schema to fill in: headers in {@code locale}, a note on each saying what it takes, and
     * dropdowns for enumerated columns (labels in {@code locale}) and for the importer's own choices.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public void writeTemplate(String schemaName, Locale locale, OutputStream out) {
        workbooks.template(registry.get(schemaName), locale, out);
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

    /**
     * The error workbook kept with an import — the rows it refused, with the customer data they hold — for the one
     * who ran the import and for managers; refused to anyone else.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Optional<byte[]> errorWorkbook(long jobId) {
        if (!mayReadErrors(job(jobId))) {
            throw new AccessDeniedException("The error workbook of import " + jobId + " is its owner's");
        }
        return store.errorWorkbook(jobId);
    }

    /** Whether the signed-in user may download the job's error workbook: its owner, or a manager. */
    @PreAuthorize(Roles.HAS_STAFF)
    public boolean mayReadErrors(ImportJobSummary job) {
        return job.startedBy().equals(ImporterRegistry.currentUser()) || ImporterRegistry.hasRole(Roles.MANAGER);
    }

    /**
     * Undoes a committed import in one transaction: records it created are removed, records it updated get their
     * previous values back. Imports of the same schema are undone newest first, so that no later import's changes
     * are silently reverted.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoReport undo(long jobId) {
        return undo.undo(jobId);
    }

    /**
     * What undoing the import would do now: records removed and restored, and those that would be left as they are
     * because someone changed them since or later work refers to them. Counted without changing anything.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undoPreview(long jobId) {
        return undo.preview(jobId);
    }

    /** An undone import, and what the undo did: how many records it removed, restored and left as they are. */
    public record UndoReport(ImportJobSummary job, UndoCounts counts) {
        public int kept() {
            return counts.kept();
        }
    }
}
