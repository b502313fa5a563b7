package io.keyuan.segmentation;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** A segment's current members as a workbook, streamed from a database cursor through the exchange engine. */
@Service
public class SegmentMemberExport {
    public static final SheetSchema SCHEMA = new SheetSchema(
            "segment-members",
            List.of(
                    SheetColumn.of("code", "编号", "編號", "Code", ColumnType.TEXT, false, 32),
                    SheetColumn.of("name", "名称", "名稱", "Name", ColumnType.TEXT, true, 100),
                    SheetColumn.of("province", "省份", "省份", "Province", ColumnType.TEXT, false, 32),
                    SheetColumn.of("city", "城市", "城市", "City", ColumnType.TEXT, false, 32),
                    SheetColumn.of("phone", "电话", "電話", "Phone", ColumnType.TEXT, false, 32),
                    SheetColumn.of("email", "邮箱", "電子郵件", "Email", ColumnType.TEXT, false, 254),
                    SheetColumn.of("enteredOn", "进入日期", "進入日期", "In segment since", ColumnType.DATE, false, 10)),
            List.of("code"));

    private final ExchangeService exchange;
    private final NamedParameterJdbcTemplate streaming;

    SegmentMemberExport(ExchangeService exchange, DataSource dataSource) {
        this.exchange = exchange;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1_000);
        this.streaming = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Writes the segment's members by customer id, headers in {@code locale}; reports every thousand rows and
     * stops with a {@link CancellationException} once {@code cancelled} is true. Returns the rows written.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public long export(
            long segmentId, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        long[] written = {0};
        return exchange.write(
                SCHEMA,
                KeyuanI18NProvider.supported(locale),
                sink -> streaming.query("""
                        SELECT c.code, c.name, c.province, c.city, c.phone, c.email, m.entered_at
                        FROM segment_membership m JOIN customer c ON c.id = m.customer_id
                        WHERE m.segment_id = :segment ORDER BY m.customer_id""", new MapSqlParameterSource("segment", segmentId), rs -> {
                    if (++written[0] % 1000 == 0) {
                        progress.accept(written[0]);
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException();
                        }
                    }
                    LocalDateTime entered = rs.getObject("entered_at", LocalDateTime.class);
                    sink.accept(new Object[] {
                        rs.getString("code"),
                        rs.getString("name"),
                        rs.getString("province"),
                        rs.getString("city"),
                        rs.getString("phone"),
                        rs.getString("email"),
                        entered == null ? null : enteredOn(entered)
                    });
                }),
                out);
    }

    private static LocalDate enteredOn(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).atZone(BusinessTime.ZONE).toLocalDate();
    }

    /** A file name such as {@code segment-12-2026-11-22.xlsx}. */
    public static String fileName(long segmentId, LocalDate today) {
        return "segment-" + segmentId + "-" + today + ".xlsx";
    }
}
