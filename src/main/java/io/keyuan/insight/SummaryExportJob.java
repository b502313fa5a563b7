package io.keyuan.insight;

import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** A summary's workbook as a job, with the tab and filters it was started with (as InsightExportJobs does). */
@Component
public class SummaryExportJob extends ExportJob<SummaryExportJob.Parameters> {
    public static final String KIND = "insight-summary-export";

    public record Parameters(SummaryTab tab, SummaryQuery query, String language, String fileName)
            implements ExportJob.Parameters {}

    private final SummaryExport export;

    SummaryExportJob(SummaryExport export) {
        super(Parameters.class);
        this.export = export;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String requiredRole() {
        return Roles.MANAGER;
    }

    @Override
    protected long write(
            Parameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return export.export(p.tab(), p.query(), locale, out);
    }
}
