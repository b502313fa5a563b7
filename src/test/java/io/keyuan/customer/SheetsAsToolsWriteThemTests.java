package io.keyuan.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.sheets.ExcelSheets.formula;
import static testsupport.sheets.ExcelSheets.row;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.exchange.FileInspection;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.shared.SystemActor;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import testsupport.sheets.ExcelSheets;

/**
 * Sheets written as Excel, gnumeric and Python libraries write them, through the whole import: 17-digit numbers,
 * an instructions sheet in front, formulas without a saved result, rows hidden by a filter.
 */
@KeyuanIntegrationTest
@WithMockUser(username = "tools-staff", roles = "STAFF")
class SheetsAsToolsWriteThemTests {
    @Autowired
    ImportService imports;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private String customer() {
        String code = "XL" + TestData.digits(8);
        io.keyuan.customer.domain.Customer c = new io.keyuan.customer.domain.Customer();
        c.setCode(code);
        c.setName("表格" + TestData.unique());
        SystemActor.call(() -> customers.save(c));
        return code;
    }

    @Test
    void a_purchases_sheet_with_cents_typed_in_excel_imports_as_excel_shows_it() {
        String code = customer();
        String order = "SO" + TestData.digits(8);
        LocalDate day = LocalDate.now().minusDays(2);
        File file = ExcelSheets.excel()
                .dataSheet(
                        "销售记录",
                        List.of("订单号", "客户编号", "购买日期", "产品", "数量", "金额"),
                        row(order + "-1", code, day, "茶叶", 1, 19.99),
                        row(order + "-2", code, day, "茶具", 3, 0.994 * 100),
                        row(order + "-3", code, day, "礼盒", 2, 1234.56))
                .write(dir.resolve("purchases.xlsx"))
                .toFile();

        ImportReport r = imports.commit(
                imports.inspect("purchases", file, file.getName())
                        .request("purchases", file, file.getName(), Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);

        assertThat(r.errors()).isEmpty();
        assertThat(r.created()).isEqualTo(3);
        assertThat(jdbc.queryForList(
                        "SELECT amount FROM purchase WHERE order_no LIKE ? ORDER BY order_no",
                        BigDecimal.class,
                        order + "%"))
                .containsExactly(new BigDecimal("19.99"), new BigDecimal("99.40"), new BigDecimal("1234.56"));
    }

    @Test
    void an_instructions_sheet_in_front_is_passed_over_for_the_sheet_whose_headers_match() {
        String code = "IN" + TestData.digits(8);
        File file = ExcelSheets.excel()
                .sheet("填写说明", row("请在“客户”表中填写，带 * 的列必填"), row("名称：客户姓名或公司名称"))
                .sheet("lists", row("个人"), row("组织"))
                .hidden()
                .dataSheet("客户", List.of("编号", "名称*", "城市"), row(code, "郑爽", "南京"))
                .write(dir.resolve("template.xlsx"))
                .toFile();

        ImportPreview preview = imports.inspect("customers", file, file.getName());
        assertThat(preview.sheet().name()).isEqualTo("客户");
        assertThat(preview.sheets()).extracting(s -> s.name()).containsExactly("填写说明", "lists", "客户");
        ImportReport r = imports.commit(
                preview.request("customers", file, file.getName(), Locale.CHINA),
                ImportMode.ALL_OR_NOTHING,
                ImportListener.NONE);

        assertThat(r.sheetName()).isEqualTo("客户");
        assertThat(r.created()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT city FROM customer WHERE code = ?", String.class, code))
                .isEqualTo("南京");
    }

    @Test
    void a_formula_without_a_saved_result_is_refused_and_never_stored_as_empty_or_zero() {
        String code = customer();
        File file = ExcelSheets.xlsxwriter()
                .dataSheet(
                        "Sheet1",
                        List.of("订单号", "客户编号", "购买日期", "产品", "数量", "金额"),
                        row("FX" + TestData.digits(8), code, LocalDate.now().minusDays(1), "茶叶", 2, formula("E2*9.9")))
                .write(dir.resolve("script.xlsx"))
                .toFile();

        ImportReport r = imports.commit(
                imports.inspect("purchases", file, file.getName())
                        .request("purchases", file, file.getName(), Locale.CHINA),
                ImportMode.SKIP_BAD,
                ImportListener.NONE);

        assertThat(r.created()).isZero();
        assertThat(r.errors())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .containsExactly("F2 exchange.error.formula-no-result");
    }

    @Test
    void rows_hidden_by_a_filter_are_mentioned_in_the_dry_run() {
        File file = ExcelSheets.excel()
                .dataSheet(
                        "客户",
                        List.of("名称", "城市"),
                        row("甲" + TestData.unique(), "北京"),
                        row("乙" + TestData.unique(), "上海"),
                        row("丙" + TestData.unique(), "北京"))
                .autoFilter("A1:B4")
                .hideRows(3)
                .write(dir.resolve("filtered.xlsx"))
                .toFile();

        ImportReport dry = imports.dryRun(
                imports.inspect("customers", file, file.getName())
                        .request("customers", file, file.getName(), Locale.CHINA),
                ImportListener.NONE);

        assertThat(dry.status()).isEqualTo(ImportStatus.DRY_RUN);
        assertThat(dry.created()).isEqualTo(3);
        assertThat(dry.warningRows()).isEqualTo(1);
        assertThat(dry.outcomes().rowNumber(1)).isEqualTo(3);
        assertThat(dry.outcomes().warnings(1))
                .extracting(w -> w.messageKey())
                .containsExactly("exchange.warning.hidden-row");
    }

    @Test
    void inspecting_a_file_reads_every_sheet_to_the_end_and_names_the_first_problem_per_column() {
        File file = ExcelSheets.excel()
                .sheet("填写说明", row("说明"))
                .dataSheet(
                        "客户",
                        List.of("名称", "生日", "年收入"),
                        row("甲", "1990-01-01", 1000),
                        row("乙", "03/04/2020", 12.345),
                        row("丙", "2000-13-40", "很多"))
                .write(dir.resolve("inspect.xlsx"))
                .toFile();

        FileInspection inspection = imports.inspectFile(file, file.getName());

        assertThat(inspection.sheets()).hasSize(2);
        FileInspection.SheetReport data = inspection.reports().stream()
                .filter(r -> r.sheet().name().equals("客户"))
                .findFirst()
                .orElseThrow();
        assertThat(data.schemaName()).isEqualTo("customers");
        assertThat(data.rows()).isEqualTo(4);
        assertThat(data.rowsWithProblems()).isEqualTo(2);
        assertThat(data.firstProblems())
                .extracting(e -> e.cell() + " " + e.messageKey())
                .containsExactly("B3 exchange.error.ambiguous-date", "C3 exchange.error.too-many-decimals");
    }
}
