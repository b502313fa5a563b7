package io.keyuan.customer;

import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Every purchase as a sheet (the purchase import's schema), streamed from a cursor in id order. */
@Service
public class PurchaseExport implements SheetExporter {
    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;
    private final JdbcTemplate streaming;

    PurchaseExport(ExchangeService exchange, KeyuanI18NProvider i18n, DataSource dataSource) {
        this.exchange = exchange;
        this.i18n = i18n;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public SheetSchema schema() {
        return PurchaseImporter.SCHEMA;
    }

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public long exportAll(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Map<String, String> labels = new HashMap<>();
        long[] n = {0};
        return exchange.write(
                schema(),
                lang,
                sink -> streaming.query(
                        "SELECT p.id, p.order_no, c.code, p.purchase_date, p.product, p.quantity, p.amount, p.channel"
                                + " FROM purchase p JOIN customer c ON c.id = p.customer_id ORDER BY p.id",
                        rs -> {
                            if (++n[0] % 1000 == 0) {
                                progress.accept(n[0]);
                                if (cancelled.getAsBoolean()) {
                                    throw new CancellationException();
                                }
                            }
                            String channel = rs.getString(8);
                            sink.accept(new Object[] {
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4, LocalDate.class),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getBigDecimal(7),
                                labels.computeIfAbsent(
                                        channel, k -> i18n.getTranslation("enum.SalesChannel." + k, lang))
                            });
                        }),
                out);
    }
}
