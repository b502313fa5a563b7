package io.keyuan.shared.jobs;

import io.keyuan.shared.Roles;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A job that writes one workbook: the shape every export shares. The parameters record carries the grid's filter
 * and sort as they were when the user clicked, the user's language and the file name, so that a retry writes the
 * same workbook; the file lands in the job's folder and waits in "my jobs" until it expires.
 */
public abstract class ExportJob<P extends ExportJob.Parameters> implements JobHandler {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What every export's parameters carry besides its own filter. */
    public interface Parameters {
        /** The user's language as a BCP 47 tag ({@code zh-CN}): headers and labels follow it. */
        String language();

        String fileName();
    }

    private final Class<P> parametersType;

    protected ExportJob(Class<P> parametersType) {
        this.parametersType = parametersType;
    }

    /** A request for an export of {@code kind}, about its file name (and the filter in words, when there is one). */
    public static JobRequest request(String kind, Parameters parameters, String filterText) {
        JobRequest r = JobRequest.of(kind, parameters);
        return filterText == null || filterText.isBlank()
                ? r.about("jobs.subject.file", parameters.fileName())
                : r.about("jobs.subject.file-filtered", parameters.fileName(), filterText);
    }

    @Override
    public String requiredRole() {
        return Roles.STAFF;
    }

    /** How many rows the export will write, for the progress bar; 0 when not known. */
    protected long expectedRows(P parameters) {
        return 0;
    }

    /** Writes the workbook; reports rows written, and throws a CancellationException once {@code cancelled}. */
    protected abstract long write(
            P parameters, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled);

    /** Runs as the user who submitted the export; the exporters it calls check their own roles as well. */
    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void run(JobContext context) throws Exception {
        P p = context.parameters(parametersType);
        Locale locale = Locale.forLanguageTag(p.language() == null ? "zh-CN" : p.language());
        long total = expectedRows(p);
        context.progress(0, total);
        long rows;
        try (OutputStream out = context.resultFile(p.fileName(), XLSX)) {
            rows = write(p, locale, out, done -> context.progress(done, Math.max(total, done)), context::cancelled);
        }
        context.summary("rows", rows);
        context.progress(rows, Math.max(total, rows));
    }
}
