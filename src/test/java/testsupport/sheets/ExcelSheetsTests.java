package testsupport.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.sheets.ExcelSheets.formula;
import static testsupport.sheets.ExcelSheets.row;

import java.io.File;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test writer writes what the programs it imitates write, and files any reader (here POI's) can open. */
class ExcelSheetsTests {
    @TempDir
    Path dir;

    private static String part(Path file, String name) throws Exception {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void excel_numbers_are_the_doubles_17_significant_digits() {
        ExcelSheets excel = ExcelSheets.excel();
        assertThat(excel.number(19.99)).isEqualTo("19.989999999999998");
        assertThat(excel.number(0.994)).isEqualTo("0.99399999999999999");
        assertThat(excel.number(-2.3)).isEqualTo("-2.2999999999999998");
        assertThat(excel.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(excel.number(0.5)).isEqualTo("0.5");
        assertThat(excel.number(13800138000.0)).isEqualTo("13800138000");
        assertThat(excel.number(13800138000L)).isEqualTo("13800138000");
        assertThat(excel.number(1234567890123456789L)).isEqualTo("1.2345678901234568E+18");
        assertThat(excel.number(1e-7)).isEqualTo("9.9999999999999995E-08");
        assertThat(ExcelSheets.xlsxwriter().number(19.99)).isEqualTo("19.99");
        assertThat(ExcelSheets.xlsxwriter().number(1e20)).isEqualTo("1E+20");
        assertThat(ExcelSheets.openpyxl().number(19.0)).isEqualTo("19.0");
        assertThat(ExcelSheets.openpyxl().number(1e16)).isEqualTo("1e+16");
        assertThat(ExcelSheets.libreOffice().number(19.99)).isEqualTo("19.99");
    }

    /*
     * Java's own %.17g is no help here: it pads the shortest form with zeros (19.990000000000000), where C's printf,
     * and Excel, round the double's exact binary value (19.989999999999998).
     */
    @Test
    void excel_numbers_have_17_significant_digits_and_read_back_as_the_same_double() {
        Random random = new Random(4);
        for (int i = 0; i < 20_000; i++) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 4);
            String written = ExcelSheets.excel().number(d);
            assertThat(Double.parseDouble(written)).as(written).isEqualTo(d);
            BigDecimal exact = new BigDecimal(d);
            assertThat(new BigDecimal(written).compareTo(exact.round(new MathContext(17, RoundingMode.HALF_EVEN))))
                    .as(written)
                    .isZero();
            assertThat(new BigDecimal(written).stripTrailingZeros().precision()).isLessThanOrEqualTo(17);
        }
    }

    @Test
    void each_program_writes_its_own_traits() throws Exception {
        List<?> cells = row("名称", 19.99, formula("B1*2"), LocalDate.of(2024, 2, 29));
        Path excel = ExcelSheets.excel().sheet("x", cells).write(dir.resolve("excel.xlsx"));
        assertThat(part(excel, "xl/worksheets/sheet1.xml"))
                .contains("t=\"s\"><v>0</v>")
                .contains("<v>19.989999999999998</v>")
                .contains("<c r=\"C1\"><f>B1*2</f></c>")
                .contains("<c r=\"D1\" s=\"1\"><v>45351</v>");
        assertThat(part(excel, "xl/styles.xml")).contains("numFmtId=\"14\"");
        assertThat(part(excel, "docProps/app.xml")).contains("<Application>Microsoft Excel</Application>");
        assertThat(part(excel, "xl/workbook.xml")).doesNotContain("fullCalcOnLoad");

        Path openpyxl = ExcelSheets.openpyxl().sheet("x", cells).write(dir.resolve("openpyxl.xlsx"));
        assertThat(part(openpyxl, "xl/worksheets/sheet1.xml"))
                .contains("t=\"inlineStr\"><is><t>名称</t></is>")
                .contains("<v>19.99</v>")
                .contains("<f>B1*2</f><v></v>");
        assertThat(part(openpyxl, "xl/workbook.xml")).contains("fullCalcOnLoad=\"1\"");

        Path xlsxwriter = ExcelSheets.xlsxwriter().sheet("x", cells).write(dir.resolve("xlsxwriter.xlsx"));
        assertThat(part(xlsxwriter, "xl/worksheets/sheet1.xml")).contains("<f>B1*2</f><v>0</v>");
        assertThat(part(xlsxwriter, "xl/workbook.xml")).contains("fullCalcOnLoad=\"1\"");

        Path libre = ExcelSheets.libreOffice().sheet("x", cells).write(dir.resolve("libre.xlsx"));
        assertThat(part(libre, "xl/worksheets/sheet1.xml")).contains("t=\"n\"><v>19.99</v>");
        assertThat(part(libre, "docProps/app.xml")).contains("LibreOffice");
    }

    @Test
    void workbooks_open_in_poi_with_their_sheets_states_active_tab_and_hidden_rows() throws Exception {
        File file = ExcelSheets.excel()
                .sheet("填写说明", row("说明"))
                .sheet("lists", row("个人"))
                .hidden()
                .dataSheet("客户", List.of("名称", "金额", "日期"), row("张三", 19.99, LocalDate.of(2024, 2, 29)))
                .hideRows(2)
                .autoFilter("A1:C2")
                .chartSheet("图表")
                .active(2)
                .write(dir.resolve("all.xlsx"))
                .toFile();
        try (XSSFWorkbook wb = new XSSFWorkbook(file)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(4);
            assertThat(wb.getSheetName(0)).isEqualTo("填写说明");
            assertThat(wb.isSheetHidden(1)).isTrue();
            assertThat(wb.getActiveSheetIndex()).isEqualTo(2);
            var data = wb.getSheetAt(2);
            assertThat(data.getRow(1).getZeroHeight()).isTrue();
            assertThat(data.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(19.99);
            assertThat(DateUtil.isCellDateFormatted(data.getRow(1).getCell(2))).isTrue();
            assertThat(data.getRow(1).getCell(2).getLocalDateTimeCellValue().toLocalDate())
                    .isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(data.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:C2");
            assertThat(wb.isSheetHidden(3)).isFalse();
        }
    }
}
