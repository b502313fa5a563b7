package io.keyuan.exchange;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobContext;
import io.keyuan.shared.jobs.JobHandler;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * A dry run or an import as a job of the one job runner: it survives the tab that started it, shows in "my jobs",
 * can be cancelled there, and a crash leaves it marked failed with a retry (the upload is kept as the job's input,
 * so a retry reads the same bytes; an import that failed wrote nothing). The outcome's figures go to the job's
 * summary, readable from any node; the full report (every row's outcome) stays in memory on the node that ran it,
 * for the wizard that watches.
 */
@Component
class ImportJob implements JobHandler {
    static final String KIND = "sheet-import";
    private static final int KEPT_REPORTS = 16;

    /** Everything a run needs, stored with the job so that a retry runs the same import. */
    record Parameters(
            String schemaName,
            String fileName,
            int sheet,
            int headerRow,
            List<String> mapping,
            String language,
            boolean clearBlanks,
            ImportMode mode,
            boolean dryRun) {}

    private final ImportService imports;
    private final Map<JobId, ImportReport> reports = new LinkedHashMap<>(KEPT_REPORTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, ImportReport> eldest) {
            return size() > KEPT_REPORTS;
        }
    };

    ImportJob(ImportService imports) {
        this.imports = imports;
    }

    static JobRequest request(ImportRequest r, ImportMode mode, boolean dryRun) {
        Parameters p = new Parameters(
                r.schemaName(),
                r.fileName(),
                r.sheet(),
                r.headerRow(),
                r.mapping(),
                r.locale() == null ? "zh-CN" : r.locale().toLanguageTag(),
                r.clearBlanks(),
                mode,
                dryRun);
        return JobRequest.of(KIND, p)
                .about(
                        dryRun ? "import.job.dry-run" : "import.job.commit",
                        r.fileName(),
                        "exchange.schema." + r.schemaName())
                .withInput(r.file().toPath(), r.fileName());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.STAFF;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void run(JobContext context) {
        Parameters p = context.parameters(Parameters.class);
        File file = context.input()
                .orElseThrow(() -> new KeyuanException("import.job.no-input"))
                .toFile();
        ImportRequest request = new ImportRequest(
                p.schemaName(),
                file,
                p.fileName(),
                p.sheet(),
                p.headerRow(),
                p.mapping(),
                Locale.forLanguageTag(p.language()),
                p.clearBlanks());
        ImportListener listener = new ImportListener() {
            @Override
            public void progress(long rows, double fraction) {
                context.progress(
                        Math.round(fraction * 1000), 1000, "import.progress", rows, Math.round(fraction * 100));
            }

            @Override
            public boolean cancelled() {
                return context.cancelled();
            }
        };
        ImportReport report =
                p.dryRun() ? imports.dryRun(request, listener) : imports.commit(request, p.mode(), listener);
        synchronized (reports) {
            reports.put(context.id(), report);
        }
        context.summary("status", report.status().name());
        context.summary("importJob", report.jobId() == null ? 0 : report.jobId());
        context.summary("rows", report.totalRows());
        context.summary("created", report.created());
        context.summary("updated", report.updated());
        context.summary("unchanged", report.unchanged());
        context.summary("errors", report.errorRows());
        context.summary("warnings", report.warningRows());
        if (report.status() == ImportStatus.CANCELLED) {
            throw new CancellationException("import cancelled");
        }
    }

    /** The full report of a run this node did lately, if it still has it. */
    ImportReport report(JobId id) {
        synchronized (reports) {
            return reports.get(id);
        }
    }
}
