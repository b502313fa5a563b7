package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.exchange.read.ReadLimits;
import io.keyuan.exchange.read.SheetReader;
import io.keyuan.exchange.read.SheetReaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import testsupport.sheets.ExcelSheets;

/** The benchmark's workbook holds numbers as Excel writes them, so the benchmark reads what users send. */
class ExcelLikeWorkbookTests {
    @TempDir
    Path dir;

    @Test
    void benchmark_workbook_numbers_have_excels_17_digits_and_read_as_excel_shows_them() throws Exception {
        Path file = dir.resolve("bench.xlsx");
        ExcelLikeWorkbook.write(
                file, List.of("金额", "电话", "日期"), 1, n -> new Object[] {19.99, 13800138000L, LocalDate.of(2024, 2, 29)});
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String sheet = new String(
                    zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(sheet).contains("<v>19.989999999999998</v>").contains("<v>13800138000</v>");
        }
        List<String[]> rows = new ArrayList<>();
        try (SheetReader reader = SheetReaders.open(file.toFile(), "bench.xlsx", ReadLimits.defaults())) {
            reader.read((n, cells) -> rows.add(cells));
        }
        assertThat(rows.get(1)).containsExactly("19.99", "13800138000", "2024-02-29");
    }

    @Test
    void writes_numbers_as_the_test_writer_does() {
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 8);
            assertThat(ExcelLikeWorkbook.number(d))
                    .isEqualTo(ExcelSheets.excel().number(d));
        }
        assertThat(ExcelLikeWorkbook.number(1234567890123456789L)).isEqualTo("1.2345678901234568E+18");
    }
}
