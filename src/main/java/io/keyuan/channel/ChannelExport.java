package io.keyuan.channel;

import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Source channels as a sheet (the list's filter and order), and every monthly cost as another. */
@Service
public class ChannelExport implements SheetExporter {
    private final ExchangeService exchange;
    private final ChannelService channels;
    private final KeyuanI18NProvider i18n;
    private final JdbcTemplate streaming;

    ChannelExport(ExchangeService exchange, ChannelService channels, KeyuanI18NProvider i18n, DataSource dataSource) {
        this.exchange = exchange;
        this.channels = channels;
        this.i18n = i18n;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema() {
        return ChannelImporters.CHANNELS;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return export(ChannelFilter.none(), Sort.by("name"), locale, out);
    }

    /** The channels that match the list's filter, in its order. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long export(ChannelFilter filter, Sort sort, Locale locale, OutputStream out) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Sort order = sort == null || sort.isUnsorted() ? Sort.by("name") : sort.and(Sort.by("id"));
        return exchange.write(
                ChannelImporters.CHANNELS,
                lang,
                sink -> {
                    for (int page = 0; ; page++) {
                        List<SourceChannel> rows = channels.page(filter, PageRequest.of(page, 500, order));
                        for (SourceChannel c : rows) {
                            sink.accept(new Object[] {
                                c.getName(),
                                label("ChannelCategory", c.getCategory(), lang),
                                label("AcquisitionMethod", c.getAcquisitionMethod(), lang),
                                c.isActive(),
                                c.getDescription()
                            });
                        }
                        if (rows.size() < 500) {
                            break;
                        }
                    }
                },
                out);
    }

    /** Every channel's monthly costs, by channel name and month. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long exportCosts(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        long[] n = {0};
        return exchange.write(
                ChannelImporters.COSTS,
                KeyuanI18NProvider.supported(locale),
                sink -> streaming.query(
                        "SELECT c.name, k.month, k.amount, k.note FROM channel_cost k"
                                + " JOIN source_channel c ON c.id = k.channel_id ORDER BY c.name, k.month",
                        rs -> {
                            if (++n[0] % 1000 == 0) {
                                progress.accept(n[0]);
                                if (cancelled.getAsBoolean()) {
                                    throw new CancellationException();
                                }
                            }
                            sink.accept(new Object[] {
                                rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3), rs.getString(4)
                            });
                        }),
                out);
    }

    private String label(String type, Enum<?> value, Locale lang) {
        return value == null ? null : i18n.getTranslation("enum." + type + "." + value.name(), lang);
    }

    /** The costs as a {@link SheetExporter} of their own schema, for the command line and round trips. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class CostExporter {
        @org.springframework.context.annotation.Bean
        SheetExporter channelCostExporter(ChannelExport export) {
            return new SheetExporter() {
                @Override
                public SheetSchema schema() {
                    return ChannelImporters.COSTS;
                }

                @Override
                public long exportAll(
                        Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
                    return export.exportCosts(locale, out, progress, cancelled);
                }
            };
        }
    }
}
