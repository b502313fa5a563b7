package io.keyuan.exchange;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetRejectedException;
import io.keyuan.shared.KeyuanException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a dry run (in a read-only, repeatable-read transaction) or an import (in one write transaction, so that a
 * crash, a cancel or a lost connection leaves nothing half-written) and records the import as a job: committed,
 * or refused, cancelled or failed with nothing written — with its error workbook when rows were refused.
 */
@Component
class ImportRunner {
    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobStore store;
    private final EnumLookups enums;
    private final ErrorWorkbooks errorWorkbooks;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate readTx;
    private final Clock clock;

    ImportRunner(
            ImportJobStore store,
            EnumLookups enums,
            ErrorWorkbooks errorWorkbooks,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.enums = enums;
        this.errorWorkbooks = errorWorkbooks;
        this.writeTx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.readTx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    ImportReport run(
            ImportRequest request,
            SheetImporter importer,
            ImportMode mode,
            boolean dryRun,
            ImportListener listener,
            ReadLimits limits) {
        String user = ImporterRegistry.currentUser();
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        ImportRun run = new ImportRun(
                request,
                importer,
                dryRun,
                mode,
                listener,
                limits,
                enums.of(importer.schema()),
                LocalDate.now(clock),
                store);
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
                    if (mode == ImportMode.ALL_OR_NOTHING && run.errorRows() > 0) {
                        status.setRollbackOnly();
                        return null;
                    }
                    ImportReport done = run.report(ImportStatus.COMMITTED, id, null, t0);
                    store.finish(id, ImportStatus.COMMITTED, done, null, clock.instant(), run.format());
                    return id;
                });
                if (jobId == null) {
                    report = run.report(ImportStatus.REFUSED, null, "exchange.result.refused", t0);
                    report = recordFailed(run, report, mode, started, user, t0, limits);
                } else {
                    report = run.report(ImportStatus.COMMITTED, jobId, null, t0);
                    if (report.hasErrors()) {
                        errorWorkbooks.store(jobId, request, report, limits);
                    }
                    afterCommit(importer);
                }
            }
        } catch (ImportRun.Cancelled c) {
            report = run.report(ImportStatus.CANCELLED, null, "exchange.result.cancelled", t0);
            if (!dryRun) {
                report = recordFailed(run, report, mode, started, user, t0, limits);
            }
        } catch (SheetRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Import of {} ({}) failed", request.fileName(), request.schemaName(), e);
            if (dryRun || e instanceof KeyuanException) {
                throw e;
            }
            report = run.report(ImportStatus.FAILED, null, "exchange.result.failed", t0);
            report = recordFailed(run, report, mode, started, user, t0, limits);
        }
        return report;
    }

    private ImportReport recordFailed(
            ImportRun run,
            ImportReport report,
            ImportMode mode,
            Instant started,
            String user,
            long t0,
            ReadLimits limits) {
        ImportRequest request = run.request;
        Long id = writeTx.execute(status -> {
            long jobId = store.insert(
                    request.schemaName(), request.fileName(), run.format(), mode, report.status(), started, user);
            store.finish(jobId, report.status(), report, report.messageKey(), clock.instant(), run.format());
            return jobId;
        });
        ImportReport recorded = report.withJob(id, (System.nanoTime() - t0) / 1_000_000);
        if (recorded.hasErrors() && id != null) {
            errorWorkbooks.store(id, request, recorded, limits);
        }
        return recorded;
    }

    static void afterCommit(SheetImporter importer) {
        try {
            importer.afterCommit();
        } catch (RuntimeException e) {
            // The import is committed; a stale cache must not make it look failed.
            log.warn("After-commit work of {} failed", importer.schema().name(), e);
        }
    }
}
