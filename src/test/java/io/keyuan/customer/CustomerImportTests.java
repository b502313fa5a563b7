package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.domain.Customer;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportRequest;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** Customer sheets imported through the exchange engine into the real database. */
@KeyuanIntegrationTest
class CustomerImportTests {
    @Autowired
    ImportService imports;

    @Autowired
    CustomerExport export;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void a_sheet_with_a_title_row_creates_customers_and_a_reimport_changes_nothing() throws Exception {
        String u = TestData.unique();
        File file = workbook("c.xlsx", wb -> {
            Sheet s = wb.createSheet("名单");
            s.createRow(0).createCell(0).setCellValue("客户名单（" + u + "）");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
            header(s.createRow(1), "编号", " 名称 ", "類別", "Birth date", "年收入", "电话");
            Row r1 = s.createRow(2);
            cells(r1, "IMA" + u.substring(0, 6), u + "甲", "个人", null, "１２,３４５.５", "13900000001");
            r1.createCell(3).setCellValue("1990/5/17");
            Row r2 = s.createRow(3);
            cells(r2, null, u + "乙", "Organization", null, null, null);
            r2.createCell(3).setCellValue(33000); // Excel serial for 1990-05-07, without a date format
        });
        ImportPreview preview = imports.inspect("customers", file, "c.xlsx");
        assertThat(preview.headerRow()).isEqualTo(2);
        assertThat(preview.mapping()).containsExactly("code", "name", "kind", "birthDate", "income", "phone");

        ImportRequest request = preview.request("customers", file, "c.xlsx", Locale.SIMPLIFIED_CHINESE);
        ImportReport dry = imports.dryRun(request, ImportListener.NONE);
        assertThat(dry.status()).isEqualTo(ImportStatus.DRY_RUN);
        assertThat(dry.created()).isEqualTo(2);
        assertThat(dry.errorRows()).isZero();
        assertThat(customers.count(filterByName(u)))
                .as("a dry run writes nothing")
                .isZero();

        ImportReport done = imports.commit(request, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        assertThat(done.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(done.created()).isEqualTo(2);
        var rows = customers.page(filterByName(u), CustomerSort.newestFirst(), 0, 10);
        assertThat(rows).hasSize(2);
        Customer a = customers.get(rows.stream()
                .filter(r -> r.name().endsWith("甲"))
                .findFirst()
                .orElseThrow()
                .id());
        assertThat(a.getIncome()).isEqualByComparingTo("12345.50");
        assertThat(a.getBirthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(a.getPhone()).isEqualTo("13900000001");
        Customer b = customers.get(rows.stream()
                .filter(r -> r.name().endsWith("乙"))
                .findFirst()
                .orElseThrow()
                .id());
        assertThat(b.getCode()).as("a generated code").matches("C\\d{8}");
        assertThat(b.getBirthDate()).isEqualTo(LocalDate.of(1990, 5, 7));
        assertThat(b.getKind().name()).isEqualTo("ORGANIZATION");

        ImportReport again = imports.commit(request, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        // the row without a code has no natural key: it creates again; the coded row is unchanged
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isZero();
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void an_export_reimports_with_no_change() throws Exception {
        String u = TestData.unique();
        for (int i = 0; i < 5; i++) {
            Customer c = new Customer();
            c.setName(u + "往返" + i);
            c.setCode("RT" + u.substring(0, 5) + i);
            c.setBirthDate(LocalDate.of(1980 + i, 1 + i, 10 + i));
            c.setIncome(new BigDecimal("1000.5").add(BigDecimal.valueOf(i)));
            c.setPhone("1380000000" + i);
            c.setEmail("rt" + i + u + "@example.com");
            c.setTags("a,b");
            c.setNotes("第一行\n第二行");
            SystemActor.call(() -> customers.save(c));
        }
        CustomerFilter filter = filterByName(u);
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
            File file = dir.resolve("rt-" + locale + ".xlsx").toFile();
            try (FileOutputStream out = new FileOutputStream(file)) {
                assertThat(export.export(filter, CustomerSort.newestFirst(), locale, out))
                        .isEqualTo(5);
            }
            ImportPreview preview = imports.inspect("customers", file, file.getName());
            assertThat(preview.mapping()).doesNotContainNull();
            ImportReport report = imports.commit(
                    preview.request("customers", file, file.getName(), locale),
                    ImportMode.ALL_OR_NOTHING,
                    ImportListener.NONE);
            assertThat(report.unchanged()).as(locale.toString()).isEqualTo(5);
            assertThat(report.created() + report.updated() + report.errorRows()).isZero();
        }
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void undo_removes_created_and_restores_updated_customers() throws Exception {
        String u = TestData.unique();
        Customer existing = new Customer();
        existing.setName(u + "原名");
        existing.setCode("UN" + u.substring(0, 6));
        existing.setCity("杭州");
        long id = SystemActor.call(() -> customers.save(existing)).getId();
        File file = workbook("u.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "城市");
            cells(s.createRow(1), existing.getCode(), u + "新名", "个人", "上海");
            cells(s.createRow(2), "UM" + u.substring(0, 6), u + "另一", "个人", null);
        });
        ImportRequest request =
                imports.inspect("customers", file, "u.xlsx").request("customers", file, "u.xlsx", Locale.CHINA);
        ImportReport done = imports.commit(request, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        assertThat(done.updated()).isEqualTo(1);
        assertThat(done.created()).isEqualTo(1);
        assertThat(customers.get(id).getCity()).isEqualTo("上海");

        imports.undo(done.jobId());
        Customer restored = customers.get(id);
        assertThat(restored.getName()).isEqualTo(u + "原名");
        assertThat(restored.getCity()).isEqualTo("杭州");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer WHERE code = ?", Integer.class, "UM" + u.substring(0, 6)))
                .isZero();
        assertThat(imports.job(done.jobId()).status()).isEqualTo(ImportStatus.UNDONE);
        assertThatThrownBy(() -> imports.undo(done.jobId()))
                .isInstanceOf(KeyuanException.class)
                .hasMessageContaining("exchange.error.undo-not-committed");
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void an_import_whose_records_a_later_import_changed_is_undone_only_after_that_one() throws Exception {
        String u = TestData.unique();
        String code = "LT" + u.substring(0, 6);
        File first = workbook("first.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别");
            cells(s.createRow(1), code, u + "一", "个人");
        });
        File second = workbook("second.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "城市");
            cells(s.createRow(1), code, u + "一", "个人", "成都");
        });
        ImportReport a = imports.commit(
                imports.inspect("customers", first, "first.xlsx")
                        .request("customers", first, "first.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        ImportReport b = imports.commit(
                imports.inspect("customers", second, "second.xlsx")
                        .request("customers", second, "second.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(b.updated()).isEqualTo(1);

        assertThatThrownBy(() -> imports.undo(a.jobId()))
                .isInstanceOf(KeyuanException.class)
                .hasMessageContaining("exchange.error.undo-later-first")
                .hasMessageContaining(String.valueOf(b.jobId()));
        imports.undo(b.jobId());
        imports.undo(a.jobId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE code = ?", Integer.class, code))
                .isZero();
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void thousands_of_created_rows_are_recorded_as_id_ranges_and_undone_exactly() throws Exception {
        String u = TestData.unique();
        File file = workbook("many.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "名称", "类别");
            for (int i = 1; i <= 2500; i++) {
                cells(s.createRow(i), u + "批量" + i, "个人");
            }
        });
        ImportReport r = imports.commit(
                imports.inspect("customers", file, "many.xlsx").request("customers", file, "many.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(r.created()).isEqualTo(2500);
        Integer changeRows =
                jdbc.queryForObject("SELECT COUNT(*) FROM import_change WHERE job_id = ?", Integer.class, r.jobId());
        assertThat(changeRows).isBetween(1, 100);
        Integer covered = jdbc.queryForObject(
                "SELECT SUM(target_to - target_id + 1) FROM import_change WHERE job_id = ?", Integer.class, r.jobId());
        assertThat(covered).isEqualTo(2500);

        imports.undo(r.jobId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, u + "批量%"))
                .isZero();
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void imported_names_are_spelt_for_the_pinyin_search_on_create_update_and_undo() throws Exception {
        String u = TestData.unique();
        String code = "PY" + u.substring(0, 6);
        File create = workbook("py1.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别");
            cells(s.createRow(1), code, "欧阳修", "个人");
        });
        imports.commit(
                imports.inspect("customers", create, "py1.xlsx").request("customers", create, "py1.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(spelling(code)).isEqualTo("ouyangxiu oyx");

        File rename = workbook("py2.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称");
            cells(s.createRow(1), code, "苏东坡");
        });
        ImportReport renamed = imports.commit(
                imports.inspect("customers", rename, "py2.xlsx").request("customers", rename, "py2.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(spelling(code)).isEqualTo("sudongpo sdp");

        imports.undo(renamed.jobId());
        assertThat(spelling(code)).as("the undone name spelt again").isEqualTo("ouyangxiu oyx");
    }

    private String spelling(String code) {
        return jdbc.queryForObject(
                "SELECT CONCAT(name_pinyin, ' ', name_initials) FROM customer WHERE code = ?", String.class, code);
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void a_referrer_created_above_in_the_same_file_is_linked_and_one_below_is_an_error() throws Exception {
        String u = TestData.unique();
        String a = "RA" + u.substring(0, 6);
        String b = "RB" + u.substring(0, 6);
        String c = "RC" + u.substring(0, 6);
        File file = workbook("ref.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "介绍人编号");
            cells(s.createRow(1), a, u + "甲", "个人", null);
            cells(s.createRow(2), b, u + "乙", "个人", a);
            cells(s.createRow(3), c, u + "丙", "个人", "RD" + u.substring(0, 6));
            cells(s.createRow(4), "RD" + u.substring(0, 6), u + "丁", "个人", null);
        });
        ImportRequest request =
                imports.inspect("customers", file, "ref.xlsx").request("customers", file, "ref.xlsx", Locale.CHINA);
        ImportReport dry = imports.dryRun(request, ImportListener.NONE);
        assertThat(dry.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .containsExactly("D4 customer.import.unknown-referrer");
        ImportReport done = imports.commit(request, ImportMode.SKIP_BAD, ImportListener.NONE);
        assertThat(done.created()).isEqualTo(3);
        assertThat(jdbc.queryForObject(
                        "SELECT r.code FROM customer c JOIN customer r ON r.id = c.referred_by_id WHERE c.code = ?",
                        String.class,
                        b))
                .isEqualTo(a);
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void a_record_changed_by_someone_else_during_the_import_is_undone_to_that_change() throws Exception {
        String u = TestData.unique();
        Customer x = new Customer();
        x.setName(u + "并发");
        x.setCode("CC" + u.substring(0, 6));
        x.setCity("杭州");
        long id = SystemActor.call(() -> customers.save(x)).getId();
        File file = workbook("concurrent.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "城市");
            for (int i = 1; i < 1500; i++) {
                cells(s.createRow(i), null, u + "填充" + i, "个人", null);
            }
            cells(s.createRow(1500), x.getCode(), u + "并发", "个人", "上海");
        });
        ImportRequest request = imports.inspect("customers", file, "concurrent.xlsx")
                .request("customers", file, "concurrent.xlsx", Locale.CHINA);
        boolean[] changed = {false};
        ImportReport r = imports.commit(request, ImportMode.ALL_OR_NOTHING, new ImportListener() {
            @Override
            public void progress(long rows, double fraction) {
                if (!changed[0]) {
                    changed[0] = true;
                    // another user, on another connection, while the import holds its transaction open
                    Thread other = new Thread(() ->
                            jdbc.update("UPDATE customer SET city = '南京', version = version + 1 WHERE id = ?", id));
                    other.start();
                    try {
                        other.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        assertThat(r.updated()).isEqualTo(1);
        assertThat(customers.get(id).getCity()).isEqualTo("上海");
        imports.undo(r.jobId());
        assertThat(customers.get(id).getCity())
                .as("the value before the import overwrote it")
                .isEqualTo("南京");
    }

    @Test
    @WithMockUser(
            username = "import-manager",
            roles = {"STAFF", "MANAGER"})
    void undo_leaves_records_someone_changed_after_the_import_as_they_are() throws Exception {
        String u = TestData.unique();
        File file = workbook("later.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "城市");
            cells(s.createRow(1), "LA" + u.substring(0, 6), u + "甲", "个人", "上海");
            cells(s.createRow(2), "LB" + u.substring(0, 6), u + "乙", "个人", "上海");
        });
        ImportReport r = imports.commit(
                imports.inspect("customers", file, "later.xlsx").request("customers", file, "later.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        long edited =
                jdbc.queryForObject("SELECT id FROM customer WHERE code = ?", Long.class, "LA" + u.substring(0, 6));
        Customer c = customers.get(edited);
        c.setCity("广州");
        SystemActor.call(() -> customers.save(c));

        var undone = imports.undo(r.jobId());
        assertThat(undone.kept()).isEqualTo(1);
        assertThat(customers.get(edited).getCity())
                .as("the later edit is not lost")
                .isEqualTo("广州");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer WHERE code = ?", Integer.class, "LB" + u.substring(0, 6)))
                .isZero();
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void staff_cannot_undo_an_import() {
        assertThatThrownBy(() -> imports.undo(1)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void all_or_nothing_writes_nothing_when_a_row_is_bad_and_skip_bad_imports_the_good_rows() throws Exception {
        String u = TestData.unique();
        File file = workbook("bad.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "编号", "名称", "类别", "年收入", "出生日期", "客户来源");
            cells(s.createRow(1), "BA" + u.substring(0, 6), u + "好", "个人", "100", "2000-01-01", null);
            cells(s.createRow(2), "BB" + u.substring(0, 6), u + "坏", "外星人", "abc", "1899-12-31", "不存在的渠道");
            cells(s.createRow(3), "BA" + u.substring(0, 6), u + "重复", "个人", null, null, null);
            cells(s.createRow(4), "BC" + u.substring(0, 6), u + "将来", "个人", "1.234", "2999-01-01", null);
        });
        ImportRequest request =
                imports.inspect("customers", file, "bad.xlsx").request("customers", file, "bad.xlsx", Locale.CHINA);
        ImportReport refused = imports.commit(request, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        assertThat(refused.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(refused.errorRows()).isEqualTo(3);
        assertThat(customers.count(filterByName(u))).isZero();
        assertThat(refused.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .contains(
                        "C3 exchange.error.not-in-list",
                        "D3 exchange.error.not-a-number",
                        "E3 exchange.error.date-before-1900",
                        "null exchange.error.duplicate-in-file",
                        "D5 exchange.error.too-many-decimals",
                        "E5 exchange.error.date-in-future");
        assertThat(imports.job(refused.jobId()).status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(imports.errorWorkbook(refused.jobId())).isPresent();

        ImportReport partial = imports.commit(request, ImportMode.SKIP_BAD, ImportListener.NONE);
        assertThat(partial.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(partial.created()).isEqualTo(1);
        assertThat(partial.errorRows()).isEqualTo(3);
        assertThat(customers.count(filterByName(u))).isEqualTo(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.writeErrorWorkbook(request, partial, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(s.getRow(0).getCell(6).getStringCellValue()).isEqualTo("错误");
            assertThat(s.getLastRowNum()).isEqualTo(3);
            assertThat(s.getRow(1).getCell(1).getStringCellValue()).isEqualTo(u + "坏");
            assertThat(s.getRow(1).getCell(6).getStringCellValue())
                    .contains("第 3 行")
                    .contains("外星人");
        }
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void csv_in_gbk_and_in_utf8_with_bom_are_read_alike() throws Exception {
        String u = TestData.unique();
        String text = "编号,名称,类别,城市\r\nGB" + u.substring(0, 6) + ",\"" + u + ", 张三\",个人,北京\r\n";
        Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, text.getBytes(Charset.forName("GBK")));
        ImportRequest request = imports.inspect("customers", gbk.toFile(), "gbk.csv")
                .request("customers", gbk.toFile(), "gbk.csv", Locale.CHINA);
        ImportReport report = imports.commit(request, ImportMode.ALL_OR_NOTHING, ImportListener.NONE);
        assertThat(report.created()).isEqualTo(1);
        Customer c = customers.get(customers
                .page(filterByName(u), CustomerSort.newestFirst(), 0, 1)
                .getFirst()
                .id());
        assertThat(c.getName()).isEqualTo(u + ", 张三");
        assertThat(c.getCity()).isEqualTo("北京");

        Path utf8 = dir.resolve("utf8.csv");
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(utf8, withBom);
        ImportReport same = imports.commit(
                imports.inspect("customers", utf8.toFile(), "utf8.csv")
                        .request("customers", utf8.toFile(), "utf8.csv", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(same.unchanged()).isEqualTo(1);
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void a_value_that_looks_like_sql_is_stored_as_plain_text() throws Exception {
        String u = TestData.unique();
        String evil = "x'); DROP TABLE customer; -- " + u;
        File file = workbook("sql.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "名称", "类别", "备注");
            cells(s.createRow(1), evil, "个人", "' OR 1=1 --");
        });
        ImportReport report = imports.commit(
                imports.inspect("customers", file, "sql.xlsx").request("customers", file, "sql.xlsx", Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);
        assertThat(report.created()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT notes FROM customer WHERE name = ?", String.class, evil))
                .isEqualTo("' OR 1=1 --");
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void missing_or_duplicated_required_headers_are_refused_before_reading_rows() throws Exception {
        File missing = workbook("m.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "城市", "备注");
            cells(s.createRow(1), "北京", "X1");
        });
        // Without a name no row can create a customer, and without code, phone or e-mail none can update one.
        ImportPreview p = imports.inspect("customers", missing, "m.xlsx");
        assertThat(imports.mappingProblems("customers", p.headers(), p.mapping()))
                .extracting(KeyuanException::messageKey)
                .contains("exchange.error.missing-header-or-key");
        assertThatThrownBy(() ->
                        imports.dryRun(p.request("customers", missing, "m.xlsx", Locale.CHINA), ImportListener.NONE))
                .isInstanceOf(KeyuanException.class)
                .hasMessageContaining("exchange.error.missing-header-or-key");

        File twice = workbook("d.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "名称", "类别", "Name");
        });
        ImportPreview d = imports.inspect("customers", twice, "d.xlsx");
        assertThat(imports.mappingProblems("customers", d.headers(), d.mapping()))
                .extracting(KeyuanException::messageKey)
                .containsExactly("exchange.error.duplicate-header");
    }

    @Test
    @WithMockUser(username = "import-staff", roles = "STAFF")
    void a_cancelled_import_writes_nothing() throws Exception {
        String u = TestData.unique();
        File file = workbook("cancel.xlsx", wb -> {
            Sheet s = wb.createSheet("x");
            header(s.createRow(0), "名称", "类别");
            for (int i = 1; i <= 2500; i++) {
                cells(s.createRow(i), u + "取消" + i, "个人");
            }
        });
        ImportRequest request = imports.inspect("customers", file, "cancel.xlsx")
                .request("customers", file, "cancel.xlsx", Locale.CHINA);
        List<Long> seen = new ArrayList<>();
        ImportReport report = imports.commit(request, ImportMode.SKIP_BAD, new ImportListener() {
            @Override
            public void progress(long rows, double fraction) {
                seen.add(rows);
            }

            @Override
            public boolean cancelled() {
                return !seen.isEmpty();
            }
        });
        assertThat(report.status()).isEqualTo(ImportStatus.CANCELLED);
        assertThat(seen).isNotEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM customer WHERE name LIKE ?", Integer.class, u + "取消" + "%"))
                .isZero();
        assertThat(report.outcomes().action(0)).isEqualTo(ImportAction.CREATE);
    }

    static CustomerFilter filterByName(String part) {
        return new CustomerFilter(null, null, part, null, null, null, null, null, null, null, null, null, null);
    }

    interface Filler {
        void fill(XSSFWorkbook wb) throws Exception;
    }

    File workbook(String name, Filler filler) throws Exception {
        File file = dir.resolve(name).toFile();
        try (XSSFWorkbook wb = new XSSFWorkbook();
                FileOutputStream out = new FileOutputStream(file)) {
            filler.fill(wb);
            wb.write(out);
        }
        return file;
    }

    static void header(Row row, String... names) {
        cells(row, names);
    }

    static void cells(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }
}
