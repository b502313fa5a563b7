package io.keyuan.pipeline;

import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** The deal list's export and the funnel report's workbook as jobs, with the filter they were started with. */
public final class PipelineExportJobs {
    public static final String DEALS = "deal-export";
    public static final String FUNNEL_REPORT = "funnel-report-export";

    private PipelineExportJobs() {}

    public record DealParameters(long pipelineId, DealFilter filter, String language, String fileName)
            implements ExportJob.Parameters {}

    public record ReportParameters(long pipelineId, LocalDate from, LocalDate to, String language, String fileName)
            implements ExportJob.Parameters {}

    @Component
    public static class Deals extends ExportJob<DealParameters> {
        private final DealExchange.DealExport export;
        private final DealService deals;

        Deals(DealExchange.DealExport export, DealService deals) {
            super(DealParameters.class);
            this.export = export;
            this.deals = deals;
        }

        @Override
        public String kind() {
            return DEALS;
        }

        @Override
        protected long expectedRows(DealParameters p) {
            return deals.count(p.pipelineId(), p.filter() == null ? DealFilter.none() : p.filter());
        }

        @Override
        protected long write(
                DealParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return export.export(
                    p.pipelineId(),
                    p.filter() == null ? DealFilter.none() : p.filter(),
                    locale,
                    out,
                    progress,
                    cancelled);
        }
    }

    @Component
    public static class FunnelReport extends ExportJob<ReportParameters> {
        private final PipelineReportExport export;

        FunnelReport(PipelineReportExport export) {
            super(ReportParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return FUNNEL_REPORT;
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        protected long write(
                ReportParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            export.export(p.pipelineId(), p.from(), p.to(), locale, out);
            return 0;
        }
    }
}
