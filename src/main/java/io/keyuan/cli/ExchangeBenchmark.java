package io.keyuan.cli;

import io.keyuan.customer.CustomerExport;
import io.keyuan.customer.CustomerFilter;
import io.keyuan.customer.CustomerSort;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code bench exchange}: import of an Excel-like workbook of N customers (default 1,000,000) end to end, against
 * its floor measured in the same run (a bare streaming parse of the same file plus a plain JDBC batch insert of the
 * same rows into a copy of the customer table), and export of N customers. Heap peaks are read from the JVM's
 * memory pools; run with {@code -Xmx512m} as the targets say.
 */
@Component
class ExchangeBenchmark {
    private static final List<String> HEADERS =
            List.of("编号", "名称", "类别", "性别", "出生日期", "职业", "年收入", "省份", "城市", "电话", "邮箱", "需求类型");
    private static final String[] CITIES = {"北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京"};
    private static final String[] PROVINCES = {"北京", "上海", "广东", "广东", "浙江", "四川", "湖北", "江苏"};
    private static final String[] OCCUPATIONS = {"学生", "上班族", "政府工作人员", "自由职业者"};

    private final ImportService imports;
    private final CustomerExport export;
    private final JdbcTemplate jdbc;

    ExchangeBenchmark(ImportService imports, CustomerExport export, JdbcTemplate jdbc) {
        this.imports = imports;
        this.export = export;
        this.jdbc = jdbc;
    }

    private static Object[] row(int n) {
        return new Object[] {
            String.format("XB%08d", n),
            "客户" + Integer.toString(n, 36) + "号",
            n % 10 == 0 ? "组织" : "个人",
            n % 2 == 0 ? "女" : "男",
            LocalDate.of(1950 + n % 55, 1 + n % 12, 1 + n % 28),
            OCCUPATIONS[n % OCCUPATIONS.length],
            50_000 + (n * 37L) % 500_000,
            PROVINCES[n % PROVINCES.length],
            CITIES[n % CITIES.length],
            String.valueOf(13_000_000_000L + n),
            "user" + n + "@example.cn",
            n % 3 == 0 ? "附加需求型" : "基本需求型"
        };
    }

    int run(Options o) {
        int rows = (int) o.longFlag("rows", 1_000_000, 1_000, 1_048_575);
        boolean skipExport = o.has("no-export");
        Path dir;
        try {
            dir = Files.createTempDirectory("keyuan-bench-exchange");
        } catch (IOException e) {
            throw new CommandException("no temporary folder: " + e.getMessage(), 1);
        }
        Path file = dir.resolve("customers-" + rows + ".xlsx");
        try {
            System.out.printf(
                    "# exchange: %d cores, JVM %s, max heap %,d MB, %,d rows%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version(),
                    Runtime.getRuntime().maxMemory() >> 20,
                    rows);
            cleanUp();
            long t = System.nanoTime();
            ExcelLikeWorkbook.write(file, HEADERS, rows, ExchangeBenchmark::row);
            System.out.printf(
                    "# wrote %s (%,d KB, shared strings) in %.1f s%n",
                    file.getFileName(), Files.size(file) >> 10, (System.nanoTime() - t) / 1e9);

            // Floor, part 1: the bare streaming parse of the same file.
            System.gc();
            t = System.nanoTime();
            long scanned = imports.scan(file.toFile(), file.getFileName().toString());
            double parse = (System.nanoTime() - t) / 1e9;
            // Floor, part 2: a plain JDBC batch insert of the same rows into a copy of the table.
            jdbc.execute("DROP TABLE IF EXISTS bench_customer_floor");
            jdbc.execute("CREATE TABLE bench_customer_floor LIKE customer");
            t = System.nanoTime();
            floorInsert(rows);
            double insert = (System.nanoTime() - t) / 1e9;
            jdbc.execute("DROP TABLE bench_customer_floor");
            double floor = parse + insert;
            System.out.printf("# floor: parse %,d rows %.1f s + JDBC batch insert %.1f s%n", scanned, parse, insert);

            System.gc();
            resetPeaks();
            t = System.nanoTime();
            ImportPreview preview = imports.inspect(
                    "customers", file.toFile(), file.getFileName().toString());
            ImportReport report = imports.commit(
                    preview.request(
                            "customers", file.toFile(), file.getFileName().toString(), Locale.CHINA),
                    ImportMode.ALL_OR_NOTHING,
                    ImportListener.NONE);
            double seconds = (System.nanoTime() - t) / 1e9;
            long peak = peakHeapMb();
            if (report.status() != ImportStatus.COMMITTED || report.created() != rows) {
                throw new CommandException(
                        "the import did not create every row: " + report.status() + ", " + report.created()
                                + " created, " + report.errorRows() + " errors"
                                + (report.errors().isEmpty()
                                        ? ""
                                        : ", first " + report.errors().getFirst()),
                        1);
            }
            System.out.printf("BENCH exchange.import_1m_seconds %.1f s%n", seconds);
            System.out.printf("BENCH exchange.import_rows_per_second %.0f rows/s%n", rows / seconds);
            System.out.printf("BENCH exchange.import_floor_seconds %.1f s%n", floor);
            System.out.printf("BENCH exchange.import_ratio_to_floor %.2f x%n", seconds / floor);
            System.out.printf("BENCH exchange.import_peak_heap_mb %d MB%n", peak);

            if (!skipExport) {
                Path out = dir.resolve("exported-" + rows + ".xlsx");
                System.gc();
                resetPeaks();
                t = System.nanoTime();
                long written;
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out))) {
                    written = export.export(CustomerFilter.none(), CustomerSort.newestFirst(), Locale.CHINA, stream);
                }
                double exportSeconds = (System.nanoTime() - t) / 1e9;
                System.out.printf("# exported %,d customers (%,d KB)%n", written, Files.size(out) >> 10);
                System.out.printf("BENCH exchange.export_1m_seconds %.1f s%n", exportSeconds * 1_000_000 / written);
                System.out.printf("BENCH exchange.export_peak_heap_mb %d MB%n", peakHeapMb());
                Files.deleteIfExists(out);
            }
            // Removed now rather than before the next run, so that InnoDB's purge of a million deleted rows is
            // long done by the time the next run measures.
            cleanUp();
            return 0;
        } catch (IOException e) {
            throw new CommandException("benchmark I/O failed: " + e.getMessage(), 1);
        } finally {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // temporary files
            }
        }
    }

    /** Removes what a run imported (and what an interrupted run left), so that every run creates the same rows. */
    private void cleanUp() {
        long t = System.nanoTime();
        int removed = 0;
        int n;
        do {
            n = jdbc.update("DELETE FROM customer WHERE code LIKE 'XB%' LIMIT 50000");
            removed += n;
        } while (n > 0);
        jdbc.update("DELETE FROM import_job WHERE schema_name = 'customers' AND started_by = 'system'");
        if (removed > 0) {
            System.out.printf("# removed %,d imported rows in %.1f s%n", removed, (System.nanoTime() - t) / 1e9);
        }
    }

    private void floorInsert(int rows) {
        Timestamp now = Timestamp.from(Instant.now());
        String sql = "INSERT INTO bench_customer_floor (code, name, kind, gender, birth_date, occupation, income,"
                + " province, city, phone, email, need_type, version, created_at, created_by, updated_at, updated_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'bench', ?, 'bench')";
        List<Object[]> batch = new ArrayList<>(1000);
        for (int n = 1; n <= rows; n++) {
            Object[] v = row(n);
            batch.add(new Object[] {
                v[0],
                v[1],
                n % 10 == 0 ? "ORGANIZATION" : "PERSON",
                n % 2 == 0 ? "FEMALE" : "MALE",
                Date.valueOf((LocalDate) v[4]),
                "OFFICE_WORKER",
                BigDecimal.valueOf((Long) v[6]),
                v[7],
                v[8],
                v[9],
                v[10],
                n % 3 == 0 ? "VALUE_ADDED" : "BASIC",
                now,
                now
            });
            if (batch.size() == 1000 || n == rows) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicBoolean LISTENING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts tracking the heap that stays in use after each garbage collection — what the work really needs; the
     * heap in use between collections only shows how lazily the collector runs, and always reaches -Xmx.
     */
    private static void resetPeaks() {
        PEAK.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        if (LISTENING.compareAndSet(false, true)) {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener(
                            (notification, handback) -> {
                                if (!com.sun.management.GarbageCollectionNotificationInfo
                                        .GARBAGE_COLLECTION_NOTIFICATION
                                        .equals(notification.getType())) {
                                    return;
                                }
                                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                        (javax.management.openmbean.CompositeData) notification.getUserData());
                                long used = 0;
                                for (var e :
                                        info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                                    if (!e.getKey().contains("Metaspace")
                                            && !e.getKey().contains("Code")
                                            && !e.getKey().contains("Compressed")) {
                                        used += e.getValue().getUsed();
                                    }
                                }
                                PEAK.accumulateAndGet(used, Math::max);
                            },
                            null,
                            null);
                }
            }
        }
    }

    /** The largest heap in use after a collection since {@link #resetPeaks}. */
    private static long peakHeapMb() {
        return PEAK.get() >> 20;
    }
}
