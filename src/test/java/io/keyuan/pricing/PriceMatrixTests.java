package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/** The price matrix: each product's unit price in each tier (and with none), as the engine quotes one unit. */
@KeyuanIntegrationTest
@WithMockUser(username = "matrix-staff", roles = "STAFF")
class PriceMatrixTests {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JobService jobs;

    @Autowired
    QuoteService quotes;

    TestPricing pricing;
    long product;
    long vip;
    String vipHeader;

    @BeforeEach
    void book() {
        pricing = new TestPricing(jdbc, events);
        long category = pricing.category("MX");
        product = pricing.product(category, "MXP", "矩阵产品", "100.00", "50.00");
        vip = pricing.tier("MXV", "矩阵贵宾");
        vipHeader = "矩阵贵宾 " + pricing.tag + " (" + pricing.code("MXV") + ")";
        pricing.productRule("MXR", product, RuleKind.PERCENT_OFF, "10", 1, vip, null, null, false);
        // Ended before the matrix's date: the tier pays 90 on that date, the list price after.
        pricing.productRule("MXE", product, RuleKind.FIXED_PRICE, "60", 1, null, null, LocalDate.of(2026, 6, 30), true);
        pricing.forget();
    }

    private static List<List<String>> rows(byte[] workbook) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            XSSFSheet sheet = wb.getSheetAt(wb.getActiveSheetIndex());
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(
                            cell == null
                                    ? ""
                                    : cell.getCellType() == CellType.NUMERIC
                                            ? new java.math.BigDecimal(String.valueOf(cell.getNumericCellValue()))
                                                    .stripTrailingZeros()
                                                    .toPlainString()
                                            : cell.getStringCellValue());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String priceIn(List<List<String>> rows, String code, String header) {
        int column = rows.getFirst().indexOf(header);
        assertThat(column).as("column " + header + " in " + rows.getFirst()).isNotNegative();
        return rows.stream()
                .filter(r -> r.getFirst().equals(code))
                .findFirst()
                .orElseThrow()
                .get(column);
    }

    @Test
    void the_matrix_shows_each_tiers_price_on_the_chosen_date_and_a_promotion_only_while_it_runs() throws Exception {
        var export = new ByteArrayOutputStream();
        LocalDate inJune = LocalDate.of(2026, 6, 15);
        JobView done = jobs.await(
                jobs.submit(PricingExportJobs.matrix(inJune, null, null, Locale.SIMPLIFIED_CHINESE)),
                Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        jobs.download(done.id()).transferTo(export);
        List<List<String>> june = rows(export.toByteArray());
        assertThat(june.getFirst()).startsWith("产品编码", "产品名称", "单位", "标价").endsWith("无等级");
        String code = pricing.code("MXP");
        assertThat(priceIn(june, code, "标价")).isEqualTo("100");
        assertThat(priceIn(june, code, vipHeader))
                .as("promotion over the tier's rule")
                .isEqualTo("60");
        assertThat(priceIn(june, code, "无等级")).isEqualTo("60");

        export.reset();
        JobView later = jobs.await(
                jobs.submit(PricingExportJobs.matrix(LocalDate.of(2026, 7, 1), null, null, Locale.ENGLISH)),
                Duration.ofMinutes(1));
        jobs.download(later.id()).transferTo(export);
        List<List<String>> july = rows(export.toByteArray());
        assertThat(priceIn(july, code, vipHeader)).isEqualTo("90");
        // With no tier after June: what a quote gives (list price here, unless a rule another test left applies).
        var quoted = quotes.simulate(QuoteRequest.forTier(
                        null,
                        null,
                        null,
                        LocalDate.of(2026, 7, 1),
                        List.of(new io.keyuan.pricing.engine.LineRequest(product, 1))))
                .result()
                .lines()
                .getFirst();
        assertThat(quoted.winner() == null || !quoted.winner().code().equals(pricing.code("MXE")))
                .isTrue();
        assertThat(priceIn(july, code, "No tier"))
                .isEqualTo(quoted.unitPrice().stripTrailingZeros().toPlainString());
    }
}
