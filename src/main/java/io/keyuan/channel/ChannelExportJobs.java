package io.keyuan.channel;

import io.keyuan.shared.jobs.ExportJob;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** The channel list's two exports as jobs: the channels (the list's filter and order) and every monthly cost. */
public final class ChannelExportJobs {
    public static final String CHANNELS = "channel-export";
    public static final String COSTS = "channel-cost-export";

    private ChannelExportJobs() {}

    /** One column of the list's order, as JSON can hold it. */
    public record SortColumn(String property, boolean ascending) {
        public static List<SortColumn> of(Sort sort) {
            return sort == null
                    ? List.of()
                    : sort.stream()
                            .map(o -> new SortColumn(o.getProperty(), o.isAscending()))
                            .toList();
        }

        static Sort toSort(List<SortColumn> columns) {
            if (columns == null || columns.isEmpty()) {
                return Sort.unsorted();
            }
            return Sort.by(columns.stream()
                    .map(c -> c.ascending() ? Sort.Order.asc(c.property()) : Sort.Order.desc(c.property()))
                    .toList());
        }
    }

    public record ChannelParameters(ChannelFilter filter, List<SortColumn> sort, String language, String fileName)
            implements ExportJob.Parameters {}

    public record CostParameters(String language, String fileName) implements ExportJob.Parameters {}

    @Component
    public static class Channels extends ExportJob<ChannelParameters> {
        private final ChannelExport export;
        private final ChannelService channels;

        Channels(ChannelExport export, ChannelService channels) {
            super(ChannelParameters.class);
            this.export = export;
            this.channels = channels;
        }

        @Override
        public String kind() {
            return CHANNELS;
        }

        @Override
        protected long expectedRows(ChannelParameters p) {
            return channels.count(p.filter() == null ? ChannelFilter.none() : p.filter());
        }

        @Override
        protected long write(
                ChannelParameters p,
                Locale locale,
                OutputStream out,
                LongConsumer progress,
                BooleanSupplier cancelled) {
            return export.export(
                    p.filter() == null ? ChannelFilter.none() : p.filter(), SortColumn.toSort(p.sort()), locale, out);
        }
    }

    @Component
    public static class Costs extends ExportJob<CostParameters> {
        private final ChannelExport export;

        Costs(ChannelExport export) {
            super(CostParameters.class);
            this.export = export;
        }

        @Override
        public String kind() {
            return COSTS;
        }

        @Override
        protected long write(
                CostParameters p, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
            return export.exportCosts(locale, out, progress, cancelled);
        }
    }
}
