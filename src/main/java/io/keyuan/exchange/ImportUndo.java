package io.keyuan.exchange;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes a committed import in one transaction, through the schema's importer: records it created are removed and
 * records it updated get their previous values back, newest first — except those someone changed or built on
 * since, which are left as they are and counted. Imports of a schema are undone newest first.
 */
@Component
class ImportUndo {
    private final ImportJobStore store;
    private final ImporterRegistry registry;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate readTx;
    private final Clock clock;

    ImportUndo(ImportJobStore store, ImporterRegistry registry, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.writeTx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.clock = clock;
    }

    ImportService.UndoReport undo(long jobId) {
        String user = ImporterRegistry.currentUser();
        String[] schema = {null};
        UndoCounts counts = writeTx.execute(status -> {
            ImportJobSummary job = checked(store.lockForUndo(jobId), jobId);
            UndoCounts done = walk(job, false);
            store.markUndone(jobId, clock.instant(), user, done.kept() == 0 ? null : "kept " + done.kept());
            schema[0] = job.schemaName();
            return done;
        });
        ImportRunner.afterCommit(registry.get(schema[0]));
        return new ImportService.UndoReport(
                store.get(jobId).orElseThrow(() -> new NotFoundException("import_job", jobId)), counts);
    }

    /** What undoing the import would do now, counted without changing anything (for the confirmation). */
    UndoCounts preview(long jobId) {
        return readTx.execute(status -> walk(checked(store.get(jobId), jobId), true));
    }

    private ImportJobSummary checked(Optional<ImportJobSummary> found, long jobId) {
        ImportJobSummary job = found.orElseThrow(() -> new NotFoundException("import_job", jobId));
        if (job.status() != ImportStatus.COMMITTED) {
            throw new KeyuanException("exchange.error.undo-not-committed", jobId);
        }
        Optional<Long> later = store.laterCommitted(job);
        if (later.isPresent()) {
            throw new KeyuanException("exchange.error.undo-later-first", later.get());
        }
        return job;
    }

    /** Hands the job's recorded changes to its importer, newest first, a batch at a time. */
    private UndoCounts walk(ImportJobSummary job, boolean preview) {
        SheetImporter importer = registry.get(job.schemaName());
        UndoCounts counts = UndoCounts.NONE;
        long before = Long.MAX_VALUE;
        List<RecordedChange> pending = new ArrayList<>(ImportRun.BATCH);
        while (true) {
            List<Object[]> page = store.changes(job.id(), before, 100);
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
                    if (pending.size() == ImportRun.BATCH) {
                        counts = counts.plus(importer.undo(pending, preview));
                        pending = new ArrayList<>(ImportRun.BATCH);
                    }
                }
            }
            before = (Long) page.getLast()[0];
        }
        if (!pending.isEmpty()) {
            counts = counts.plus(importer.undo(pending, preview));
        }
        return counts;
    }
}
