package io.keyuan.exchange;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import io.keyuan.exchange.read.SheetRejectedException;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import java.io.File;
import java.io.OutputStream;
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
    private volatile ReadLimits limits = ReadLimits.defaults();

    ImportService(
            ImporterRegistry registry,
            ImportRunner runner,
            ImportUndo undo,
            ErrorWorkbooks workbooks,
            ImportJobStore store) {
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
     * Opens the file, finds the header row (the one among the first rows that matches most column headers — so a
     * title row or merged group headers above it are skipped) and guesses the mapping from the headers.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public ImportPreview inspect(String schemaName, File file, String fileName) {
        SheetSchema schema = registry.forImport(schemaName).schema();
        HeaderDetector.FirstRows first = new HeaderDetector.FirstRows();
        String format;
        try (SheetReader reader = SheetReaders.open(file, fileName, limits)) {
            format = reader.format();
            reader.read(first::add);
        }
        if (first.cells().isEmpty()) {
            throw new SheetRejectedException("exchange.error.empty-sheet");
        }
        return HeaderDetector.detect(schema, format, first);
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
