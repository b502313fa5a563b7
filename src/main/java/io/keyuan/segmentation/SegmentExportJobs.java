package io.keyuan.segmentation;

import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** A segment's members and every rule definition as export jobs. */
public final class SegmentExportJobs {
    public static final String MEMBERS = "segment-member-export";
    public static final String RULES = "segment-rule-export";

    private SegmentExportJobs() {}

    public record MemberParameters(long segmentId, String language, String fileName) implements ExportJob.Parameters {}

    public record RuleParameters(String language, String fileName) implements ExportJob.Parameters {}

    @Component
    public static class Members extends ExportJob<MemberParameters> {
        private final SegmentMemberExport export;
        private final SegmentMembershipService membership;

        Members(SegmentMemberExport export, SegmentMembershipService membership) {
            super(MemberParameters.class);
            this.export = export;
            this.membership = membership;
        }

        @Override
        public String kind() {
            return MEMBERS;
        }

        @Override
        protected long expectedRows(MemberParameters p) {
            return membership.memberCount(p.segmentId());
        }

        @Override
        protected long write(
                MemberParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return export.export(p.segmentId(), locale, out, progress, cancelled);
        }
    }

    @Component
    public static class Rules extends ExportJob<RuleParameters> {
        private final SegmentRuleExport export;

        Rules(SegmentRuleExport export) {
            super(RuleParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return RULES;
        }

        @Override
        protected long expectedRows(RuleParameters p) {
            return export.count();
        }

        @Override
        protected long write(
                RuleParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return export.exportAll(locale, out, progress, cancelled);
        }
    }
}
