package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.pricing.engine.LineRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "quote-staff",
        roles = {"STAFF"})
class QuoteWorkbookTests {
    @Autowired
    QuoteService quotes;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    private static List<String> texts(XSSFSheet sheet) {
        List<String> all = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                all.add(
                        cell.getCellType() == CellType.STRING
                                ? cell.getStringCellValue()
                                : cell.getCellType() == CellType.NUMERIC
                                        ? String.valueOf(cell.getNumericCellValue())
                                        : "");
            }
        }
        return all;
    }

    private Row rowStartingWith(XSSFSheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING
                        && cell.getStringCellValue().equals(text)) {
                    return row;
                }
            }
        }
        throw new AssertionError("no row with " + text);
    }

    @Test
    void the_customer_workbook_shows_the_quote_in_the_ui_language_without_cost_or_margin() throws Exception {
        TestPricing pricing = new TestPricing(jdbc, events);
        long category = pricing.category("WC");
        long a = pricing.product(category, "WA", "工作簿产品A", "100.00", "61.37");
        long b = pricing.product(category, "WB", "工作簿产品B", "50.00", "23.19");
        pricing.productRule("WR", a, RuleKind.PERCENT_OFF, "10", 1, null, null, null, true);
        pricing.productRule("WRB", b, RuleKind.AMOUNT_OFF, "0", 1, null, null, null, true);
        pricing.bundle("WBUN", BundleKind.PRICE, "130", Map.of(a, 1, b, 1));
        pricing.forget();
        Customer customer = TestPipelines.customer(customers, "工作簿客户" + TestData.unique());
        Quote q = quotes.save(
                QuoteDraft.create(customer.getId(), null, List.of(new LineRequest(a, 1), new LineRequest(b, 1))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        quotes.exportWorkbook(q.getId(), Locale.ENGLISH, out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Quotation " + q.getNumber());
            assertThat(rowStartingWith(sheet, "Customer").getCell(1).getStringCellValue())
                    .isEqualTo(customer.getName());
            assertThat(rowStartingWith(sheet, "Quote number").getCell(1).getStringCellValue())
                    .isEqualTo(q.getNumber());
            Row header = rowStartingWith(sheet, "Product code");
            List<String> columns = new ArrayList<>();
            header.forEach(c -> columns.add(c.getStringCellValue()));
            assertThat(columns)
                    .containsExactly(
                            "Line",
                            "Product code",
                            "Product",
                            "Unit",
                            "Quantity",
                            "List price",
                            "Unit price",
                            "Bundle",
                            "Amount");
            Row first = sheet.getRow(header.getRowNum() + 1);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo(pricing.code("WA"));
            assertThat(first.getCell(6).getNumericCellValue()).isEqualTo(90.0);
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo(pricing.code("WBUN"));
            assertThat(rowStartingWith(sheet, "Bundle discount").getCell(8).getNumericCellValue())
                    .isEqualTo(-10.0);
            assertThat(rowStartingWith(sheet, "Total").getCell(8).getNumericCellValue())
                    .isEqualTo(130.0);
            // customer-facing: neither the cost nor the margin appears anywhere
            assertThat(texts(sheet))
                    .noneMatch(t -> t.contains("61.37") || t.contains("23.19") || t.contains("84.56"))
                    .noneMatch(t -> t.toLowerCase(Locale.ROOT).contains("cost") || t.contains("Margin"));
        }

        ByteArrayOutputStream zh = new ByteArrayOutputStream();
        quotes.exportWorkbook(q.getId(), Locale.SIMPLIFIED_CHINESE, zh);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(zh.toByteArray()))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("报价单 " + q.getNumber());
        }
    }
}
