package io.keyuan.exchange.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.sheets.ExcelSheets.formula;
import static testsupport.sheets.ExcelSheets.row;

import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetInfo;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import testsupport.sheets.ExcelSheets;

/** What the reader makes of files users really upload, good and bad. Each bad file is refused with its reason. */
class SheetReadersTests {
    @TempDir
    Path dir;

    private static final ReadLimits SMALL = new ReadLimits(10L * 1024 * 1024, 1_000, 64, 1_000, 10_000_000, 0.01);

    private List<String[]> readAll(File file, String name, ReadLimits limits) {
        List<String[]> rows = new ArrayList<>();
        try (SheetReader reader = SheetReaders.open(file, name, limits)) {
            reader.read((n, cells) -> {
                rows.add(cells);
                return true;
            });
        }
        return rows;
    }

    private void assertRefused(File file, String name, String key) {
        assertThatThrownBy(() -> readAll(file, name, SMALL))
                .isInstanceOf(SheetRejectedException.class)
                .satisfies(e ->
                        assertThat(((SheetRejectedException) e).messageKey()).isEqualTo(key));
    }

    private File bytes(String name, byte[] content) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p.toFile();
    }

    @Test
    void a_picture_named_xlsx_is_not_a_workbook() throws Exception {
        File png = bytes("photo.xlsx", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        assertRefused(png, "photo.xlsx", "exchange.error.not-a-workbook");
    }

    @Test
    void an_empty_file_is_refused() throws Exception {
        assertRefused(bytes("empty.xlsx", new byte[0]), "empty.xlsx", "exchange.error.empty-file");
    }

    @Test
    void an_old_xls_renamed_to_xlsx_is_refused_with_how_to_convert_it() throws Exception {
        Path p = dir.resolve("old.xlsx");
        try (HSSFWorkbook wb = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(p)) {
            wb.createSheet("x").createRow(0).createCell(0).setCellValue("名称");
            wb.write(out);
        }
        assertRefused(p.toFile(), "old.xlsx", "exchange.error.xls");
    }

    @Test
    void csv_text_renamed_to_xlsx_is_refused_and_a_workbook_named_csv_too() throws Exception {
        assertRefused(
                bytes("list.xlsx", "名称,类别\n甲,个人\n".getBytes(StandardCharsets.UTF_8)),
                "list.xlsx",
                "exchange.error.csv-named-xlsx");
        File xlsx = xlsx(
                "real.csv", wb -> wb.createSheet("x").createRow(0).createCell(0).setCellValue("a"));
        assertRefused(xlsx, "real.csv", "exchange.error.xlsx-named-csv");
    }

    @Test
    void an_encrypted_workbook_is_refused_with_a_request_to_remove_the_password() throws Exception {
        Path p = dir.resolve("secret.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("secret");
            try (XSSFWorkbook wb = new XSSFWorkbook();
                    OutputStream os = encryptor.getDataStream(fs)) {
                wb.createSheet("x").createRow(0).createCell(0).setCellValue("名称");
                wb.write(os);
            }
            try (OutputStream out = Files.newOutputStream(p)) {
                fs.writeFilesystem(out);
            }
        }
        assertRefused(p.toFile(), "secret.xlsx", "exchange.error.encrypted");
    }

    @Test
    void a_zip_bomb_is_refused_without_being_inflated() throws Exception {
        File bomb = rawWorkbook("bomb.xlsx", "worksheet", sheet -> {
            sheet.append("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
            sheet.append(" ".repeat(20_000_000));
            sheet.append("</sheetData>");
        });
        assertRefused(bomb, "bomb.xlsx", "exchange.error.zip-bomb");
    }

    @Test
    void a_sheet_reaching_far_columns_or_rows_is_refused() throws Exception {
        File wide = rawWorkbook(
                "wide.xlsx",
                "worksheet",
                sheet -> sheet.append(
                        "<sheetData><row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData>"));
        assertRefused(wide, "wide.xlsx", "exchange.error.too-many-columns");
        File tall = rawWorkbook(
                "tall.xlsx",
                "worksheet",
                sheet -> sheet.append("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                        + "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row></sheetData>"));
        assertRefused(tall, "tall.xlsx", "exchange.error.too-many-rows");
        File csv = bytes("wide.csv", (",".repeat(500) + "\n").getBytes(StandardCharsets.UTF_8));
        assertRefused(csv, "wide.csv", "exchange.error.too-many-columns");
    }

    @Test
    void a_cell_longer_than_the_limit_is_refused_naming_the_cell() throws Exception {
        File f = xlsx("long.xlsx", wb -> {
            var s = wb.createSheet("x");
            s.createRow(0).createCell(0).setCellValue("名称");
            s.createRow(1).createCell(0).setCellValue("长".repeat(2_000));
        });
        assertThatThrownBy(() -> readAll(f, "long.xlsx", SMALL))
                .isInstanceOf(SheetRejectedException.class)
                .hasMessageContaining("exchange.error.cell-too-long")
                .hasMessageContaining("A2");
    }

    @Test
    void a_workbook_whose_first_sheet_is_a_chart_is_refused() throws Exception {
        File chart = rawWorkbook("chart.xlsx", "chartsheet", sheet -> sheet.append("<sheetPr/>"));
        assertRefused(chart, "chart.xlsx", "exchange.error.chart-sheet");
    }

    @Test
    void formulas_read_as_their_cached_values_and_dates_as_iso_dates() throws Exception {
        File f = xlsx("f.xlsx", wb -> {
            var s = wb.createSheet("x");
            Row r = s.createRow(0);
            r.createCell(0).setCellValue(21);
            r.createCell(1).setCellFormula("A1*2");
            r.createCell(2).setCellFormula("\"甲\"&\"乙\"");
            var date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
            var d = r.createCell(3);
            d.setCellValue(java.time.LocalDate.of(2024, 2, 29));
            d.setCellStyle(date);
            r.createCell(4).setCellValue(13812345678d);
            r.createCell(5).setCellValue(true);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        });
        List<String[]> rows = readAll(f, "f.xlsx", SMALL);
        assertThat(rows.getFirst()).containsExactly("21", "42", "甲乙", "2024-02-29", "13812345678", "TRUE");
    }

    @Test
    void csv_is_read_in_utf8_with_bom_utf8_and_gbk_with_quotes_and_line_breaks() throws Exception {
        String text = "名称;类别\r\n\"张三; \"\"小张\"\"\";个人\r\n\"两行\n文字\";组织\r\n";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        for (byte[] content : List.of(utf8, bom, text.getBytes(Charset.forName("GBK")))) {
            List<String[]> rows = readAll(bytes("x.csv", content), "x.csv", SMALL);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).containsExactly("名称", "类别");
            assertThat(rows.get(1)).containsExactly("张三; \"小张\"", "个人");
            assertThat(rows.get(2)).containsExactly("两行\n文字", "组织");
        }
    }

    // ---- numbers as Excel shows them (issue 15, item 4) ----

    static List<Supplier<ExcelSheets>> programs() {
        return List.of(
                ExcelSheets::excel,
                ExcelSheets::gnumeric,
                ExcelSheets::libreOffice,
                ExcelSheets::openpyxl,
                ExcelSheets::xlsxwriter);
    }

    private String[] onlyRow(Path file) {
        List<String[]> rows = readAll(file.toFile(), file.getFileName().toString(), ReadLimits.defaults());
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void excel_17_digit_numbers_read_as_excel_shows_them() throws Exception {
        Path file = ExcelSheets.excel()
                .sheet(
                        "销售记录",
                        row(
                                19.99,
                                0.994,
                                -2.3,
                                0.1 + 0.2,
                                13800138000L,
                                13800138000.0,
                                1.3800138E10,
                                123456789012345L,
                                999999999999999L,
                                1234567890123456789L,
                                0.1,
                                100.0,
                                1e-7,
                                2.5e-5,
                                1e20,
                                0))
                .write(dir.resolve("cents.xlsx"));
        // What the file holds: Excel's 17 significant digits, not what was typed.
        String xml = entry(file, "xl/worksheets/sheet1.xml");
        assertThat(xml)
                .contains("<v>19.989999999999998</v>")
                .contains("<v>0.99399999999999999</v>")
                .contains("<v>-2.2999999999999998</v>")
                .contains("<v>0.30000000000000004</v>")
                .contains("<v>1.2345678901234568E+18</v>");
        assertThat(onlyRow(file))
                .containsExactly(
                        "19.99",
                        "0.994",
                        "-2.3",
                        "0.3",
                        "13800138000",
                        "13800138000",
                        "13800138000",
                        "123456789012345",
                        "999999999999999",
                        "1234567890123460000",
                        "0.1",
                        "100",
                        "0.0000001",
                        "0.000025",
                        "100000000000000000000",
                        "0");
    }

    @ParameterizedTest
    @MethodSource("programs")
    void every_programs_numbers_and_dates_read_alike(Supplier<ExcelSheets> program) throws Exception {
        Path file = program.get()
                .sheet(
                        "x",
                        row(
                                19.99,
                                -2.3,
                                0.1 + 0.2,
                                13800138000L,
                                LocalDate.of(2024, 2, 29),
                                LocalDateTime.of(2024, 2, 29, 12, 30),
                                true,
                                "  带空格 ",
                                "A&B <c>"))
                .write(dir.resolve("n.xlsx"));
        assertThat(onlyRow(file))
                .containsExactly(
                        "19.99",
                        "-2.3",
                        "0.3",
                        "13800138000",
                        "2024-02-29",
                        "2024-02-29 12:30",
                        "TRUE",
                        "  带空格 ",
                        "A&B <c>");
    }

    @Test
    void excel_cents_pass_the_two_decimal_check() {
        Path file = ExcelSheets.excel()
                .dataSheet("销售记录", List.of("金额"), row(19.99), row(0.07), row(1234567.89))
                .write(dir.resolve("amounts.xlsx"));
        SheetColumn amount = SheetColumn.of("amount", "金额", "金額", "Amount", ColumnType.DECIMAL, true, 20);
        List<Object> values = new ArrayList<>();
        for (String[] r :
                readAll(file.toFile(), "amounts.xlsx", ReadLimits.defaults()).subList(1, 4)) {
            CellConverter.Converted c = CellConverter.convert(amount, r[0], LocalDate.of(2026, 12, 1), Map.of());
            assertThat(c.error()).as(r[0]).isNull();
            values.add(c.value());
        }
        assertThat(values)
                .containsExactly(new BigDecimal("19.99"), new BigDecimal("0.07"), new BigDecimal("1234567.89"));
    }

    @Test
    void date_serials_are_rounded_to_15_digits_like_every_number() throws Exception {
        // Two microseconds before midnight is 45351.999999999978 in the file: 45352.0000000000 in 15 digits.
        Path file = ExcelSheets.excel()
                .sheet(
                        "x",
                        row(
                                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_998_000),
                                LocalDateTime.of(2024, 2, 29, 23, 59, 59)))
                .write(dir.resolve("midnight.xlsx"));
        assertThat(entry(file, "xl/worksheets/sheet1.xml")).contains("<v>45351.999999999978</v>");
        assertThat(onlyRow(file)).containsExactly("2024-03-01 00:00", "2024-02-29 23:59:59");
    }

    @Test
    void a_date_format_shows_the_time_when_it_has_hours() {
        assertThat(XlsxSheetReader.showsTime("m/d/yy h:mm")).isTrue();
        assertThat(XlsxSheetReader.showsTime("yyyy-mm-dd hh:mm:ss")).isTrue();
        assertThat(XlsxSheetReader.showsTime("[$-804]yyyy\"年\"m\"月\"d\"日\" h:mm"))
                .isTrue();
        assertThat(XlsxSheetReader.showsTime("yyyy\"年\"m\"月\"d\"日\"")).isFalse();
        assertThat(XlsxSheetReader.showsTime("[Red]yyyy-mm-dd")).isFalse();
        assertThat(XlsxSheetReader.showsTime("yyyy-mm-dd\\h")).isFalse();
        assertThat(XlsxSheetReader.showsTime("[$-zh-CN]yyyy-mm-dd")).isFalse();
    }

    @Test
    void numbers_far_beyond_a_double_keep_their_exponent_instead_of_growing_huge() {
        assertThat(XlsxSheetReader.excelNumber("1E999999999")).isEqualTo("1E+999999999");
        assertThat(XlsxSheetReader.excelNumber("1E-999999999")).isEqualTo("1E-999999999");
        assertThat(XlsxSheetReader.excelNumber("-0.0")).isEqualTo("0");
        assertThat(XlsxSheetReader.excelNumber("not a number")).isEqualTo("not a number");
    }

    // ---- several sheets (item 5) ----

    private ExcelSheets templateWithInstructions() {
        return ExcelSheets.excel()
                .sheet("填写说明", row("请在“客户”表中填写，带 * 的列必填"), row("日期请写成 2024-02-29"))
                .sheet("lists", row("个人"), row("组织"))
                .hidden()
                .dataSheet("客户", List.of("名称*", "类别"), row("张三", "个人"), row("甲公司", "组织"))
                .chartSheet("图表")
                .sheet("macros", row("x"))
                .veryHidden()
                .active(2);
    }

    @Test
    void instructions_sheet_first_active_tab_is_listed_and_chosen() throws Exception {
        File file =
                templateWithInstructions().write(dir.resolve("template.xlsx")).toFile();
        List<SheetInfo> sheets = SheetReaders.sheets(file, "template.xlsx", SMALL);
        assertThat(sheets)
                .containsExactly(
                        new SheetInfo(
                                0, "填写说明", SheetInfo.Visibility.VISIBLE, SheetInfo.Kind.WORKSHEET, false, "A1:A2"),
                        new SheetInfo(
                                1, "lists", SheetInfo.Visibility.HIDDEN, SheetInfo.Kind.WORKSHEET, false, "A1:A2"),
                        new SheetInfo(2, "客户", SheetInfo.Visibility.VISIBLE, SheetInfo.Kind.WORKSHEET, true, "A1:B3"),
                        new SheetInfo(3, "图表", SheetInfo.Visibility.VISIBLE, SheetInfo.Kind.CHART, false, null),
                        new SheetInfo(
                                4, "macros", SheetInfo.Visibility.VERY_HIDDEN, SheetInfo.Kind.WORKSHEET, false, "A1"));
        assertThat(sheets.get(2).lastRow()).isEqualTo(3);
        assertThat(sheets.get(2).lastColumn()).isEqualTo(2);
        assertThat(sheets.get(1).hidden()).isTrue();
        assertThat(sheets.get(3).readable()).isFalse();

        try (SheetReader reader = SheetReaders.open(file, "template.xlsx", SMALL)) {
            assertThat(reader.sheet().name()).isEqualTo("客户");
            assertThat(reader.sheet().index()).isEqualTo(2);
        }
        assertThat(readAll(file, "template.xlsx", SMALL).getFirst()).containsExactly("名称*", "类别");
        assertThat(readSheet(file, 0).getFirst()).containsExactly("请在“客户”表中填写，带 * 的列必填");
        assertThat(readSheet(file, 1)).hasSize(2);
        assertThat(readSheet(file, 4).getFirst()).containsExactly("x");
    }

    @Test
    void a_chart_sheet_is_listed_but_cannot_be_opened_and_a_missing_sheet_is_named() throws Exception {
        File file =
                templateWithInstructions().write(dir.resolve("template.xlsx")).toFile();
        assertThatThrownBy(() -> readSheet(file, 3))
                .isInstanceOf(SheetRejectedException.class)
                .satisfies(e -> {
                    assertThat(((SheetRejectedException) e).messageKey()).isEqualTo("exchange.error.chart-sheet");
                    assertThat(((SheetRejectedException) e).args()).containsExactly("图表");
                });
        assertThatThrownBy(() -> readSheet(file, 5))
                .isInstanceOf(SheetRejectedException.class)
                .satisfies(e -> {
                    assertThat(((SheetRejectedException) e).messageKey()).isEqualTo("exchange.error.no-such-sheet");
                    assertThat(((SheetRejectedException) e).args()).containsExactly(6, 5);
                });
    }

    @Test
    void without_an_active_tab_the_first_visible_worksheet_is_read_past_charts_and_hidden_lists() throws Exception {
        File file = ExcelSheets.excel()
                .chartSheet("图表")
                .sheet("lists", row("个人"))
                .hidden()
                .sheet("客户", row("名称"))
                .write(dir.resolve("chart-first.xlsx"))
                .toFile();
        try (SheetReader reader = SheetReaders.open(file, "chart-first.xlsx", SMALL)) {
            assertThat(reader.sheet().name()).isEqualTo("客户");
            assertThat(reader.sheet().active()).isFalse();
        }
        File onlyHidden = ExcelSheets.excel()
                .sheet("lists", row("个人"))
                .hidden()
                .write(dir.resolve("hidden.xlsx"))
                .toFile();
        assertThat(readAll(onlyHidden, "hidden.xlsx", SMALL).getFirst()).containsExactly("个人");
    }

    @Test
    void opening_a_sheet_never_parses_the_other_sheets() throws Exception {
        Path file = templateWithInstructions().write(dir.resolve("template.xlsx"));
        // Break the instructions sheet: reading it would fail, so reading the data sheet proves it is not read.
        Path broken = replaceEntry(
                file, "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></row>", "broken.xlsx");
        assertThat(readAll(broken.toFile(), "broken.xlsx", SMALL)).hasSize(3);
        assertThat(SheetReaders.sheets(broken.toFile(), "broken.xlsx", SMALL)).hasSize(5);
        assertThatThrownBy(() -> readSheet(broken.toFile(), 0)).isInstanceOf(SheetRejectedException.class);
    }

    @Test
    void a_csv_file_is_one_active_sheet_named_after_the_file() throws Exception {
        File csv = bytes("客户名单.csv", "名称,类别\n张三,个人\n".getBytes(StandardCharsets.UTF_8));
        SheetInfo only = new SheetInfo(0, "客户名单", SheetInfo.Visibility.VISIBLE, SheetInfo.Kind.WORKSHEET, true, null);
        assertThat(SheetReaders.sheets(csv, "客户名单.csv", SMALL)).containsExactly(only);
        try (SheetReader reader = SheetReaders.open(csv, "客户名单.csv", SMALL, 0)) {
            assertThat(reader.sheet()).isEqualTo(only);
        }
        assertThatThrownBy(() -> SheetReaders.open(csv, "客户名单.csv", SMALL, 1))
                .isInstanceOf(SheetRejectedException.class)
                .hasMessageContaining("exchange.error.no-such-sheet");
    }

    // ---- formulas without a saved result (item 6) ----

    @Test
    void formula_without_saved_result_is_refused_with_reason() throws Exception {
        Path file = ExcelSheets.excel()
                .sheet(
                        "x",
                        row(
                                21,
                                formula("A1*2", 42),
                                formula("\"甲\"&\"乙\"", "甲乙"),
                                formula("A1*3"),
                                formula("IF(A1>0,\"\",\"负\")", "")))
                .write(dir.resolve("formulas.xlsx"));
        String[] cells = onlyRow(file);
        // Saved results read as saved; an empty text result is a result; no result is marked, never empty or 0.
        assertThat(cells).hasSize(4);
        assertThat(cells[0]).isEqualTo("21");
        assertThat(cells[1]).isEqualTo("42");
        assertThat(cells[2]).isEqualTo("甲乙");
        assertThat(cells[3]).isEqualTo(SheetReaders.NO_RESULT_PREFIX + "A1*3");
        CellConverter.Converted c = CellConverter.convert(DECIMAL, cells[3], LocalDate.of(2026, 12, 1), Map.of());
        assertThat(c.value()).isNull();
        assertThat(c.error().messageKey()).isEqualTo("exchange.error.formula-no-result");
        assertThat(c.error().args()).containsExactly("=A1*3");
    }

    private static final SheetColumn DECIMAL =
            SheetColumn.of("amount", "金额", "金額", "Amount", ColumnType.DECIMAL, true, 20);

    @Test
    void fullcalconload_placeholder_zero_is_refused() throws Exception {
        for (ExcelSheets program : List.of(ExcelSheets.xlsxwriter(), ExcelSheets.openpyxl())) {
            Path file = program.sheet("x", row(21, formula("A1*2"), formula("A1*2", 42)))
                    .write(dir.resolve("calc.xlsx"));
            assertThat(entry(file, "xl/workbook.xml")).contains("fullCalcOnLoad=\"1\"");
            String[] cells = onlyRow(file);
            assertThat(cells)
                    .containsExactly(
                            "21", SheetReaders.NO_RESULT_PREFIX + "A1*2", SheetReaders.NO_RESULT_PREFIX + "A1*2");
            assertThat(CellConverter.convert(DECIMAL, cells[1], LocalDate.of(2026, 12, 1), Map.of())
                            .error()
                            .messageKey())
                    .isEqualTo("exchange.error.formula-no-result");
        }
        assertThat(entry(
                        ExcelSheets.xlsxwriter()
                                .sheet("x", row(formula("A1*2")))
                                .write(dir.resolve("z.xlsx")),
                        "xl/worksheets/sheet1.xml"))
                .contains("<f>A1*2</f><v>0</v>");
    }

    @Test
    void a_row_holding_only_a_formula_without_result_is_not_empty_and_never_a_header() throws Exception {
        Path file = ExcelSheets.openpyxl()
                .sheet("x", row("名称"), row(formula("B2")), row(null, null))
                .write(dir.resolve("only-formula.xlsx"));
        List<String[]> rows = readAll(file.toFile(), "only-formula.xlsx", SMALL);
        String marker = rows.get(1)[0];
        assertThat(marker).isEqualTo(SheetReaders.NO_RESULT_PREFIX + "B2");
        assertThat(CellConverter.clean(marker)).isNotNull();
        assertThat(CellConverter.lookupKey(marker)).isEmpty();
        assertThat(SheetReaders.isMarker(marker)).isTrue();
        assertThat(SheetReaders.displayText(marker)).isEqualTo("=B2");
        assertThat(rows.get(2)).isEmpty();
    }

    @Test
    void shared_formulas_name_their_first_cells_formula_and_error_values_read_as_excel_shows_them() throws Exception {
        File file = rawWorkbook(
                "shared.xlsx",
                "worksheet",
                sheet -> sheet.append("<sheetData><row r=\"1\"><c r=\"A1\"><f t=\"shared\" ref=\"A1:B1\" si=\"0\">"
                        + "C1*2</f></c><c r=\"B1\"><f t=\"shared\" si=\"0\"/></c>"
                        + "<c r=\"C1\" t=\"e\"><v>#N/A</v></c></row></sheetData>"));
        String[] cells = readAll(file, "shared.xlsx", SMALL).getFirst();
        assertThat(cells[0]).isEqualTo(SheetReaders.NO_RESULT_PREFIX + "C1*2");
        assertThat(cells[1]).isEqualTo(SheetReaders.NO_RESULT_PREFIX + "C1*2");
        assertThat(SheetReaders.displayText(cells[2])).isEqualTo("#N/A");
        assertThat(CellConverter.convert(DECIMAL, cells[2], LocalDate.of(2026, 12, 1), Map.of())
                        .error()
                        .args())
                .containsExactly("#N/A");
    }

    // ---- other spreadsheet formats (item 9a) ----

    @Test
    void ods_file_is_told_to_save_as_xlsx() throws Exception {
        File ods = zip(
                "客户.ods",
                "mimetype",
                "application/vnd.oasis.opendocument.spreadsheet",
                "content.xml",
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>",
                "META-INF/manifest.xml",
                "<manifest/>");
        assertRefused(ods, "客户.ods", "exchange.error.ods");
        assertRefused(ods, "客户.xlsx", "exchange.error.ods");
        File odt = zip("letter.xlsx", "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>");
        assertRefused(odt, "letter.xlsx", "exchange.error.not-a-workbook");
    }

    @Test
    void xlsb_and_numbers_files_are_told_to_save_as_xlsx_and_xlsm_is_read_as_is() throws Exception {
        File xlsb = zip("客户.xlsb", "[Content_Types].xml", "<Types/>", "xl/workbook.bin", "\u0083\u0001");
        assertRefused(xlsb, "客户.xlsb", "exchange.error.xlsb");
        File numbers = zip("客户.numbers", "Index/Document.iwa", "x", "Metadata/Properties.plist", "<plist/>");
        assertRefused(numbers, "客户.numbers", "exchange.error.numbers");
        Path xlsm = ExcelSheets.excel()
                .macroEnabled()
                .sheet("客户", row("名称"), row("张三"))
                .write(dir.resolve("客户.xlsm"));
        assertThat(readAll(xlsm.toFile(), "客户.xlsm", SMALL)).hasSize(2);
    }

    // ---- hidden rows (item 9b) ----

    @Test
    void hidden_rows_are_reported() throws Exception {
        File file = ExcelSheets.excel()
                .dataSheet("客户", List.of("名称", "城市"), row("张三", "北京"), row("李四", "上海"), row("王五", "北京"))
                .hideRows(3, 6)
                .autoFilter("A1:B4")
                .write(dir.resolve("filtered.xlsx"))
                .toFile();
        List<String> seen = new ArrayList<>();
        try (SheetReader reader = SheetReaders.open(file, "filtered.xlsx", SMALL)) {
            assertThat(reader.autoFilter()).isNull();
            reader.read(RowSink.withHidden((n, cells, hidden) -> {
                seen.add(n + (hidden ? " hidden" : "") + " " + String.join("|", cells));
                return true;
            }));
            assertThat(reader.hiddenRows()).isEqualTo(2);
            assertThat(reader.autoFilter()).isEqualTo("A1:B4");
        }
        assertThat(seen).containsExactly("1 名称|城市", "2 张三|北京", "3 hidden 李四|上海", "4 王五|北京", "6 hidden ");
        // A plain lambda still gets every row.
        assertThat(readAll(file, "filtered.xlsx", SMALL)).hasSize(5);
    }

    // ---- bounded text (item 13b) ----

    private static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * Text of one letter mostly, with a random letter every hundred: it packs tightly enough to make a small
     * upload (about 3 %) but not so tightly that the zip-bomb check (1 %) refuses it first.
     */
    private static void writeLetters(Writer out, long chars) throws java.io.IOException {
        Random random = new Random(15);
        char[] chunk = new char[100];
        for (long written = 0; written < chars; written += chunk.length) {
            java.util.Arrays.fill(chunk, 'a');
            chunk[random.nextInt(100)] = (char) ('a' + random.nextInt(26));
            out.write(chunk);
        }
    }

    @Test
    void one_huge_shared_string_is_refused_without_holding_it() throws Exception {
        long chars = 50_000_000;
        File file = dir.resolve("huge-string.xlsx").toFile();
        try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(file))) {
            zip.setLevel(9);
            writeMinimalWorkbook(zip, "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>");
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            Writer out = new java.io.BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + NS
                    + "\" count=\"1\" uniqueCount=\"1\"><si><t>");
            writeLetters(out, chars);
            out.write("</t></si></sst>");
            out.flush();
            zip.closeEntry();
        }
        assertThat(file.length()).isLessThan(chars / 20);
        long allocated =
                allocatedBy(() -> assertThatThrownBy(() -> readAll(file, "huge-string.xlsx", ReadLimits.defaults()))
                        .isInstanceOf(SheetRejectedException.class)
                        .satisfies(e -> {
                            assertThat(((SheetRejectedException) e).messageKey())
                                    .isEqualTo("exchange.error.shared-string-too-long");
                            assertThat(((SheetRejectedException) e).args()).containsExactly(1, 32_767);
                        }));
        // Holding the string would take 100 MB (two bytes a character) and more while it grows.
        assertThat(allocated).isLessThan(48L * 1024 * 1024);
    }

    @Test
    void many_shared_strings_beyond_the_total_text_limit_are_refused_while_read() throws Exception {
        ReadLimits limits = new ReadLimits(10L * 1024 * 1024, 1_000, 64, 1_000, 50_000, 0.0001);
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(row(i + "长".repeat(900)));
        }
        Path file = ExcelSheets.excel().sheet("x", rows).write(dir.resolve("much-text.xlsx"));
        assertThatThrownBy(() -> readAll(file.toFile(), "much-text.xlsx", limits))
                .isInstanceOf(SheetRejectedException.class)
                .hasMessageContaining("exchange.error.too-much-text");
    }

    @Test
    void a_huge_inline_string_value_or_csv_field_is_refused_after_one_cells_worth() throws Exception {
        long chars = 20_000_000;
        for (String cell : List.of("<c r=\"A2\" t=\"inlineStr\"><is><t>", "<c r=\"A2\" t=\"str\"><v>")) {
            File file = dir.resolve("huge-cell.xlsx").toFile();
            try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(file))) {
                zip.setLevel(9);
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                Writer out = new java.io.BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + NS + "\"><sheetData>"
                        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row><row r=\"2\">" + cell);
                writeLetters(out, chars);
                out.write(cell.contains("<is>") ? "</t></is></c>" : "</v></c>");
                out.write("</row></sheetData></worksheet>");
                out.flush();
                zip.closeEntry();
                writeMinimalWorkbook(zip, null);
                put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"" + NS + "\" count=\"0\" uniqueCount=\"0\"/>");
            }
            long allocated =
                    allocatedBy(() -> assertThatThrownBy(() -> readAll(file, "huge-cell.xlsx", ReadLimits.defaults()))
                            .isInstanceOf(SheetRejectedException.class)
                            .hasMessageContaining("exchange.error.cell-too-long")
                            .hasMessageContaining("A2"));
            assertThat(allocated).as(cell).isLessThan(48L * 1024 * 1024);
        }
        File csv = dir.resolve("huge.csv").toFile();
        try (Writer out = new OutputStreamWriter(new FileOutputStream(csv), StandardCharsets.UTF_8)) {
            out.write("名称\n\"");
            writeLetters(out, chars);
            out.write("\"\n");
        }
        long allocated = allocatedBy(() -> assertThatThrownBy(() -> readAll(csv, "huge.csv", ReadLimits.defaults()))
                .isInstanceOf(SheetRejectedException.class)
                .hasMessageContaining("exchange.error.cell-too-long"));
        assertThat(allocated).isLessThan(48L * 1024 * 1024);
    }

    private List<String[]> readSheet(File file, int index) {
        List<String[]> rows = new ArrayList<>();
        try (SheetReader reader = SheetReaders.open(file, file.getName(), SMALL, index)) {
            reader.read((n, cells) -> rows.add(cells));
        }
        return rows;
    }

    private static String entry(Path file, String name) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A copy of a workbook with one part replaced. */
    private Path replaceEntry(Path file, String name, String content, String target) throws Exception {
        Path out = dir.resolve(target);
        try (ZipFile in = new ZipFile(file.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    zip.write(content.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.getInputStream(entry).transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out;
    }

    /** A zip of name/text pairs, in order (an OpenDocument file's "mimetype" comes first). */
    private File zip(String name, String... entries) throws Exception {
        File file = dir.resolve(name).toFile();
        try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(file))) {
            for (int i = 0; i < entries.length; i += 2) {
                put(zip, entries[i], entries[i + 1]);
            }
        }
        return file;
    }

    private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /** The package parts around sheet1 (and, when {@code sheetData} is given, sheet1 itself). */
    private static void writeMinimalWorkbook(ZipOutputStream zip, String sheetData) throws Exception {
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        put(
                zip,
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                        + "</Types>");
        put(
                zip,
                "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"" + rel + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        + "</Relationships>");
        put(
                zip,
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + NS + "\" xmlns:r=\"" + rel
                        + "\"><sheets><sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        put(
                zip,
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"" + rel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                        + "<Relationship Id=\"rId2\" Type=\"" + rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                        + "</Relationships>");
        if (sheetData != null) {
            put(
                    zip,
                    "xl/worksheets/sheet1.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + NS + "\">" + sheetData
                            + "</worksheet>");
        }
    }

    interface Filler {
        void fill(XSSFWorkbook wb) throws Exception;
    }

    private File xlsx(String name, Filler filler) throws Exception {
        File file = dir.resolve(name).toFile();
        try (XSSFWorkbook wb = new XSSFWorkbook();
                FileOutputStream out = new FileOutputStream(file)) {
            filler.fill(wb);
            wb.write(out);
        }
        return file;
    }

    interface SheetXml {
        void write(StringBuilder sheet);
    }

    /** A minimal workbook written by hand, to make files no well-behaved writer would. */
    private File rawWorkbook(String name, String firstSheetKind, SheetXml body) throws Exception {
        File file = dir.resolve(name).toFile();
        String ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        String part = firstSheetKind.equals("chartsheet") ? "chartsheets/sheet1.xml" : "worksheets/sheet1.xml";
        String type = firstSheetKind.equals("chartsheet")
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
        StringBuilder sheet = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + firstSheetKind + " xmlns=\"" + ns + "\">");
        body.write(sheet);
        sheet.append("</").append(firstSheetKind).append(">");
        try (ZipOutputStream zip = new ZipOutputStream(new FileOutputStream(file))) {
            put(
                    zip,
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/" + part + "\" ContentType=\"" + type + "\"/></Types>");
            put(
                    zip,
                    "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel
                            + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                            + "</Relationships>");
            put(
                    zip,
                    "xl/workbook.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + ns
                            + "\" xmlns:r=\"" + rel
                            + "\"><sheets><sheet name=\"图表1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                            + "</workbook>");
            put(
                    zip,
                    "xl/_rels/workbook.xml.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel + "/" + firstSheetKind + "\" Target=\"" + part
                            + "\"/>"
                            + "</Relationships>");
            put(zip, "xl/" + part, sheet.toString());
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
