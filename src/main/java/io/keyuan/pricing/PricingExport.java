package io.keyuan.pricing;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetExporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.pricing.engine.CatalogueItem;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.pricing.engine.QuoteContext;
import io.keyuan.pricing.engine.QuoteEngine;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The price book as workbooks that re-import unchanged (categories, products, tiers, rules: references as codes,
 * enums as labels), and the price matrix: every active product's unit price for one unit in each tier (and with
 * no tier), as the quote engine gives it on a chosen date and region.
 */
@Service
public class PricingExport {
    private final ExchangeService exchange;
    private final KeyuanI18NProvider i18n;
    private final JdbcTemplate streaming;
    private final PriceBookSource book;

    PricingExport(ExchangeService exchange, KeyuanI18NProvider i18n, DataSource dataSource, PriceBookSource book) {
        this.exchange = exchange;
        this.i18n = i18n;
        this.book = book;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long exportCategories(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return stream(
                PricingSheets.CATEGORIES,
                locale,
                "SELECT c.code, c.name, p.code FROM product_category c"
                        + " LEFT JOIN product_category p ON p.id = c.parent_id ORDER BY c.code",
                (rs, lang) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                out,
                progress,
                cancelled);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long exportProducts(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return stream(
                PricingSheets.PRODUCTS,
                locale,
                "SELECT p.code, p.name, c.code, p.unit, p.list_price, p.cost, p.active, p.description FROM product p"
                        + " JOIN product_category c ON c.id = p.category_id ORDER BY p.code",
                (rs, lang) -> new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBigDecimal(5),
                    rs.getBigDecimal(6),
                    rs.getBoolean(7),
                    rs.getString(8)
                },
                out,
                progress,
                cancelled);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long exportTiers(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return stream(
                PricingSheets.TIERS,
                locale,
                "SELECT code, name, priority, description FROM price_tier ORDER BY priority",
                (rs, lang) -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)},
                out,
                progress,
                cancelled);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long exportRules(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        return stream(
                PricingSheets.RULES,
                locale,
                """
                SELECT r.code, r.name, t.code, r.scope, c.code, p.code, r.min_quantity, r.province, r.city,
                       r.valid_from, r.valid_to, r.kind, r.value, r.rounding, r.min_margin_percent, r.promotion,
                       r.priority, r.active, r.note
                FROM price_rule r
                LEFT JOIN price_tier t ON t.id = r.tier_id
                LEFT JOIN product_category c ON c.id = r.category_id
                LEFT JOIN product p ON p.id = r.product_id
                ORDER BY r.code""",
                (rs, lang) -> new Object[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    label("RuleScope", rs.getString(4), lang),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getString(9),
                    rs.getObject(10, LocalDate.class),
                    rs.getObject(11, LocalDate.class),
                    label("RuleKind", rs.getString(12), lang),
                    rs.getBigDecimal(13).stripTrailingZeros(),
                    label("Rounding", rs.getString(14), lang),
                    rs.getBigDecimal(15) == null ? null : rs.getBigDecimal(15).stripTrailingZeros(),
                    rs.getBoolean(16),
                    rs.getInt(17),
                    rs.getBoolean(18),
                    rs.getString(19)
                },
                out,
                progress,
                cancelled);
    }

    /** A tier as a column of the price matrix. */
    public record MatrixTier(Long id, String code, String name) {}

    /**
     * The price matrix as of {@code date} in a region (province / city null = national): one row per active product
     * (by code), its list price, then its unit price for one unit in each tier by priority, then with no tier.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long priceMatrix(
            LocalDate date,
            String province,
            String city,
            Locale locale,
            OutputStream out,
            LongConsumer progress,
            BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<MatrixTier> tiers = new ArrayList<>(streaming.query(
                "SELECT id, code, name FROM price_tier ORDER BY priority",
                (rs, i) -> new MatrixTier(rs.getLong(1), rs.getString(2), rs.getString(3))));
        tiers.add(new MatrixTier(null, null, null));
        List<SheetColumn> columns = new ArrayList<>();
        columns.add(column("code", "pricing.matrix.code", ColumnType.TEXT));
        columns.add(column("name", "pricing.matrix.name", ColumnType.TEXT));
        columns.add(column("unit", "pricing.matrix.unit", ColumnType.TEXT));
        columns.add(column("listPrice", "pricing.matrix.list-price", ColumnType.DECIMAL));
        for (int t = 0; t < tiers.size(); t++) {
            MatrixTier tier = tiers.get(t);
            String header = tier.id() == null ? null : tier.name() + " (" + tier.code() + ")";
            columns.add(
                    header == null
                            ? column("tier" + t, "pricing.matrix.everyone", ColumnType.DECIMAL)
                            : SheetColumn.of("tier" + t, header, header, header, ColumnType.DECIMAL, false, 16));
        }
        SheetSchema schema = new SheetSchema("price-matrix", columns, List.of("code"));
        PriceBook priceBook = book.current();
        List<CatalogueItem> items = priceBook.items().stream()
                .filter(CatalogueItem::active)
                .sorted(Comparator.comparing(CatalogueItem::code))
                .toList();
        java.util.Map<Long, String> units = new java.util.HashMap<>();
        streaming.query("SELECT id, unit FROM product WHERE active", rs -> {
            units.put(rs.getLong(1), rs.getString(2));
        });
        long[] n = {0};
        return exchange.write(
                schema,
                lang,
                sink -> {
                    for (CatalogueItem item : items) {
                        Object[] row = new Object[4 + tiers.size()];
                        row[0] = item.code();
                        row[1] = item.name();
                        row[2] = units.get(item.productId());
                        row[3] = item.listPrice();
                        List<LineRequest> line = List.of(new LineRequest(item.productId(), 1));
                        for (int t = 0; t < tiers.size(); t++) {
                            QuoteContext context = new QuoteContext(tiers.get(t).id(), province, city, date);
                            row[4 + t] = QuoteEngine.quote(priceBook, context, line)
                                    .lines()
                                    .getFirst()
                                    .unitPrice();
                        }
                        sink.accept(row);
                        if (++n[0] % 1000 == 0) {
                            progress.accept(n[0]);
                            if (cancelled.getAsBoolean()) {
                                throw new CancellationException();
                            }
                        }
                    }
                },
                out);
    }

    private SheetColumn column(String key, String messageKey, ColumnType type) {
        List<Locale> l = KeyuanI18NProvider.LOCALES;
        return SheetColumn.of(
                key,
                i18n.getTranslation(messageKey, l.get(0)),
                i18n.getTranslation(messageKey, l.get(1)),
                i18n.getTranslation(messageKey, l.get(2)),
                type,
                false,
                100);
    }

    @FunctionalInterface
    interface RowMapper {
        Object[] map(ResultSet rs, Locale lang) throws SQLException;
    }

    private long stream(
            SheetSchema schema,
            Locale locale,
            String sql,
            RowMapper mapper,
            OutputStream out,
            LongConsumer progress,
            BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        java.util.Map<Long, String> units = new java.util.HashMap<>();
        streaming.query("SELECT id, unit FROM product WHERE active", rs -> {
            units.put(rs.getLong(1), rs.getString(2));
        });
        long[] n = {0};
        return exchange.write(
                schema,
                lang,
                sink -> streaming.query(sql, rs -> {
                    if (++n[0] % 1000 == 0) {
                        progress.accept(n[0]);
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException();
                        }
                    }
                    sink.accept(mapper.map(rs, lang));
                }),
                out);
    }

    private String label(String type, String value, Locale lang) {
        return value == null ? null : i18n.getTranslation("enum." + type + "." + value, lang);
    }

    /** Each sheet as a {@link SheetExporter}, for the command line's export and round trips. */
    @Configuration(proxyBeanMethods = false)
    static class Exporters {
        @Bean
        SheetExporter productCategoryExporter(PricingExport export) {
            return exporter(PricingSheets.CATEGORIES, export::exportCategories);
        }

        @Bean
        SheetExporter productExporter(PricingExport export) {
            return exporter(PricingSheets.PRODUCTS, export::exportProducts);
        }

        @Bean
        SheetExporter priceTierExporter(PricingExport export) {
            return exporter(PricingSheets.TIERS, export::exportTiers);
        }

        @Bean
        SheetExporter priceRuleExporter(PricingExport export) {
            return exporter(PricingSheets.RULES, export::exportRules);
        }

        interface Writer {
            long write(Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled);
        }

        private static SheetExporter exporter(SheetSchema schema, Writer writer) {
            return new SheetExporter() {
                @Override
                public SheetSchema schema() {
                    return schema;
                }

                @Override
                public long exportAll(
                        Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
                    return writer.write(locale, out, progress, cancelled);
                }
            };
        }
    }
}
