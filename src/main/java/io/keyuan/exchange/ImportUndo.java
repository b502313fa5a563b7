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
    private final Clock clock;

    ImportUndo(ImportJobStore store, ImporterRegistry registry, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.writeTx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    ImportService.UndoReport undo(long jobId) {
        String user = ImporterRegistry.currentUser();
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
            SheetImporter importer = registry.get(job.schemaName());
            long before = Long.MAX_VALUE;
            List<RecordedChange> pending = new ArrayList<>(ImportRun.BATCH);
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
                        if (pending.size() == ImportRun.BATCH) {
                            kept[0] += importer.undo(pending);
                            pending = new ArrayList<>(ImportRun.BATCH);
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
        ImportRunner.afterCommit(registry.get(schema[0]));
        return new ImportService.UndoReport(
                store.get(jobId).orElseThrow(() -> new NotFoundException("import_job", jobId)), kept[0]);
    }
}
