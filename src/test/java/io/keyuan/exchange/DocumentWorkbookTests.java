package io.keyuan.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class DocumentWorkbookTests {

    @Test
    void a_document_has_its_title_header_block_table_and_totals_in_place() throws Exception {
        DocumentWorkbook doc = new DocumentWorkbook(
                "Q-1",
                "报价单 Q-1",
                List.of(
                        new DocumentWorkbook.Field("客户", "甲公司"),
                        new DocumentWorkbook.Field("日期", LocalDate.of(2026, 3, 4))),
                List.of("产品", "数量", "金额"),
                List.of(List.of("茶", 2, new BigDecimal("12.50")), java.util.Arrays.asList("水", 1, null)),
                List.of(new DocumentWorkbook.Field("合计", new BigDecimal("12.50"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        doc.write(out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheet("Q-1");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("报价单 Q-1");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("客户");
            assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("甲公司");
            assertThat(DateUtil.getLocalDateTime(sheet.getRow(3).getCell(1).getNumericCellValue())
                            .toLocalDate())
                    .isEqualTo(LocalDate.of(2026, 3, 4));
            int head = doc.tableHeaderRow();
            assertThat(head).isEqualTo(5);
            assertThat(sheet.getRow(head).getCell(2).getStringCellValue()).isEqualTo("金额");
            assertThat(sheet.getRow(head + 1).getCell(0).getStringCellValue()).isEqualTo("茶");
            assertThat(sheet.getRow(head + 1).getCell(1).getNumericCellValue()).isEqualTo(2);
            assertThat(sheet.getRow(head + 1).getCell(2).getNumericCellValue()).isEqualTo(12.5);
            assertThat(sheet.getRow(head + 1).getCell(2).getCellStyle().getDataFormatString())
                    .contains("0.00");
            assertThat(sheet.getRow(head + 2).getCell(2)).isNull();
            assertThat(sheet.getRow(head + 4).getCell(1).getStringCellValue()).isEqualTo("合计");
            assertThat(sheet.getRow(head + 4).getCell(2).getNumericCellValue()).isEqualTo(12.5);
        }
    }
}
