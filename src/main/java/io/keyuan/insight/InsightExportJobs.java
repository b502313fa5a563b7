package io.keyuan.insight;

import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** The channel and referral reports' workbooks as jobs, with the filters they were started with. */
public final class InsightExportJobs {
    public static final String CHANNEL_REPORT = "channel-report-export";
    public static final String REFERRAL_REPORT = "referral-report-export";

    private InsightExportJobs() {}

    public record ChannelReportParameters(ChannelReportQuery query, String language, String fileName)
            implements ExportJob.Parameters {}

    @Component
    public static class ChannelReportJob extends ExportJob<ChannelReportParameters> {
        private final ChannelReportExport export;

        ChannelReportJob(ChannelReportExport export) {
            super(ChannelReportParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return CHANNEL_REPORT;
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        protected long write(
                ChannelReportParameters p,
                Locale locale,
                OutputStream out,
                LongConsumer progress,
                BooleanSupplier cancelled) {
            return export.export(p.query(), locale, out);
        }
    }

    public record ReferralReportParameters(ReferralQuery query, String language, String fileName)
            implements ExportJob.Parameters {}

    @Component
    public static class ReferralReportJob extends ExportJob<ReferralReportParameters> {
        private final ReferralReportExport export;

        ReferralReportJob(ReferralReportExport export) {
            super(ReferralReportParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return REFERRAL_REPORT;
        }

        @Override
        public String requiredRole() {
            return Roles.MANAGER;
        }

        @Override
        protected long write(
                ReferralReportParameters p,
                Locale locale,
                OutputStream out,
                LongConsumer progress,
                BooleanSupplier cancelled) {
            return export.export(p.query(), locale, out);
        }
    }
}
