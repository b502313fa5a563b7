package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.sheets.ExcelSheets.row;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.RowError;
import io.keyuan.exchange.SheetExporter;
import java.io.File;
import java.io.FileOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import testsupport.sheets.ExcelSheets;

/** The price book's sheets as Excel writes them: categories, products, tiers and rules in, out and undone. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "price-manager",
        roles = {"STAFF", "MANAGER"})
class PricingImportTests {
    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    List<SheetExporter> exporters;

    @TempDir
    Path dir;

    private ImportReport run(String schema, File file, ImportMode mode) {
        return imports.commit(
                imports.inspect(schema, file, file.getName()).request(schema, file, file.getName(), Locale.CHINA),
                mode,
                ImportListener.NONE);
    }

    /** A category tree and two products, written as Excel writes them, behind an instructions sheet. */
    private String[] catalogue() {
        String u = TestData.digits(8);
        String tea = "T" + u;
        String green = "G" + u;
        File categories = ExcelSheets.excel()
                .dataSheet("分类", List.of("分类编码", "分类名称", "上级分类"), row(tea, "茶叶" + u, ""), row(green, "绿茶" + u, tea))
                .write(dir.resolve("categories-" + u + ".xlsx"))
                .toFile();
        ImportReport c = run("product-categories", categories, ImportMode.ALL_OR_NOTHING);
        assertThat(c.errors()).isEmpty();
        assertThat(c.created()).isEqualTo(2);
        File products = ExcelSheets.excel()
                .sheet("填写说明", row("请在“产品”表中填写，带 * 的列必填"), row("标价：元，两位小数"))
                .dataSheet(
                        "产品",
                        List.of("产品编码", "产品名称", "分类", "单位", "标价", "成本"),
                        row("P1" + u, "龙井" + u, green, "盒", 19.99, 8.5),
                        row("P2" + u, "茶壶" + u, tea, "个", 0.994 * 100, 30))
                .write(dir.resolve("products-" + u + ".xlsx"))
                .toFile();
        ImportReport p = run("products", products, ImportMode.ALL_OR_NOTHING);
        assertThat(p.errors()).isEmpty();
        assertThat(p.created()).isEqualTo(2);
        return new String[] {u, tea, green, "P1" + u, "P2" + u};
    }

    @Test
    void categories_and_products_import_as_excel_shows_them_and_a_child_names_a_parent_above_it() {
        String[] c = catalogue();
        assertThat(jdbc.queryForList(
                        "SELECT list_price FROM product WHERE code IN (?, ?) ORDER BY code",
                        BigDecimal.class,
                        c[3],
                        c[4]))
                .containsExactly(new BigDecimal("19.99"), new BigDecimal("99.40"));
        assertThat(jdbc.queryForObject(
                        "SELECT p.code FROM product_category g JOIN product_category p ON p.id = g.parent_id"
                                + " WHERE g.code = ?",
                        String.class,
                        c[2]))
                .isEqualTo(c[1]);
    }

    @Test
    void a_product_in_an_unknown_category_is_refused_on_its_row_and_nothing_of_the_file_is_written() {
        String u = TestData.digits(8);
        String[] c = catalogue();
        File file = ExcelSheets.excel()
                .dataSheet(
                        "产品",
                        List.of("产品编码", "产品名称", "分类", "单位", "标价", "成本"),
                        row("OK" + u, "好" + u, c[1], "个", 10, 5),
                        row("NO" + u, "坏" + u, "NOPE" + u, "个", 10, 5))
                .write(dir.resolve("bad-products.xlsx"))
                .toFile();
        ImportReport r = run("products", file, ImportMode.ALL_OR_NOTHING);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.rowNumber()).isEqualTo(3);
            assertThat(e.columnKey()).isEqualTo("category");
            assertThat(e.messageKey()).isEqualTo("pricing.import.unknown-category");
        });
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM product WHERE code IN (?, ?)", Integer.class, "OK" + u, "NO" + u))
                .isZero();
    }

    @Test
    void bad_rules_are_refused_each_on_its_cell_and_a_good_one_imports_and_undoes() {
        String[] c = catalogue();
        String u = c[0];
        String tier = "V" + u;
        File tiers = ExcelSheets.excel()
                .dataSheet(
                        "等级",
                        List.of("等级编码", "价格等级", "优先顺序"),
                        row(tier, "贵宾" + u, Integer.parseInt(u.substring(0, 6)) + 1000))
                .write(dir.resolve("tiers.xlsx"))
                .toFile();
        assertThat(run("price-tiers", tiers, ImportMode.ALL_OR_NOTHING).created())
                .isEqualTo(1);
        LocalDate day = LocalDate.of(2026, 11, 1);
        File rules = ExcelSheets.excel()
                .dataSheet(
                        "规则",
                        List.of("规则编码", "规则名称", "价格等级", "适用范围", "分类", "产品", "生效日期", "截止日期", "定价方式", "数值"),
                        row("R1" + u, "促销", tier, "产品", "", c[3], day, day.plusDays(30), "按标价折扣", 12.5),
                        row("R2" + u, "倒挂", tier, "产品", "", c[3], day, day.minusDays(1), "固定价格", 10),
                        row("R3" + u, "负价", "", "全部产品", "", "", "", "", "固定价格", -1),
                        row("R4" + u, "超折", "", "分类", c[1], "", "", "", "按标价折扣", 120),
                        row("R5" + u, "无货", "", "产品", "", "NOPE" + u, "", "", "固定价格", 5),
                        row("R6" + u, "无类", "", "分类", "NOPE" + u, "", "", "", "固定价格", 5))
                .write(dir.resolve("rules.xlsx"))
                .toFile();

        ImportReport refused = run("price-rules", rules, ImportMode.ALL_OR_NOTHING);
        assertThat(refused.status()).isNotEqualTo(ImportStatus.COMMITTED);
        assertThat(refused.errors())
                .extracting(RowError::rowNumber, RowError::columnKey, RowError::messageKey)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(3, "validTo", "pricing.import.end-before-start"),
                        org.assertj.core.groups.Tuple.tuple(4, "value", "pricing.import.negative-value"),
                        org.assertj.core.groups.Tuple.tuple(5, "value", "pricing.import.discount-over-100"),
                        org.assertj.core.groups.Tuple.tuple(6, "product", "pricing.import.unknown-product"),
                        org.assertj.core.groups.Tuple.tuple(7, "category", "pricing.import.unknown-category"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price_rule WHERE code LIKE ?", Integer.class, "R_" + u))
                .isZero();

        ImportReport some = run("price-rules", rules, ImportMode.SKIP_BAD);
        assertThat(some.created()).isEqualTo(1);
        assertThat(jdbc.queryForMap(
                        "SELECT r.kind, r.value, r.promotion, r.min_quantity, t.code tier FROM price_rule r"
                                + " JOIN price_tier t ON t.id = r.tier_id WHERE r.code = ?",
                        "R1" + u))
                .containsEntry("kind", "PERCENT_OFF")
                .containsEntry("promotion", false)
                .containsEntry("min_quantity", 1)
                .containsEntry("tier", tier)
                .satisfies(m -> assertThat((BigDecimal) m.get("value")).isEqualByComparingTo("12.5"));

        imports.undo(some.jobId());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM price_rule WHERE code = ?", Integer.class, "R1" + u))
                .isZero();
    }

    @Test
    void every_price_book_sheet_exported_in_every_language_reimports_with_no_change() throws Exception {
        catalogue();
        for (String name : List.of("product-categories", "products", "price-tiers", "price-rules")) {
            SheetExporter exporter = exporters.stream()
                    .filter(e -> e.schema().name().equals(name))
                    .findFirst()
                    .orElseThrow();
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
                File f = dir.resolve(name + "-" + locale + ".xlsx").toFile();
                long rows;
                try (var out = new FileOutputStream(f)) {
                    rows = exporter.exportAll(locale, out, n -> {}, () -> false);
                }
                var preview = imports.inspect(name, f, f.getName());
                ImportReport r = imports.dryRun(preview.request(name, f, f.getName(), locale), ImportListener.NONE);
                assertThat(r.errors()).as(name + " " + locale).isEmpty();
                assertThat(r.unchanged()).as(name + " " + locale).isEqualTo((int) rows);
            }
        }
    }

    @Test
    @WithMockUser(username = "price-staff", roles = "STAFF")
    void staff_may_not_import_the_price_book() {
        File file = ExcelSheets.excel()
                .dataSheet("产品", List.of("产品编码", "产品名称", "分类", "单位", "标价", "成本"), row("S1", "x", "y", "个", 1, 1))
                .write(dir.resolve("staff.xlsx"))
                .toFile();
        assertThat(imports.importers()).extracting(i -> i.schema().name()).doesNotContain("products", "price-rules");
        assertThatThrownBy(() -> run("products", file, ImportMode.ALL_OR_NOTHING))
                .isInstanceOfAny(AccessDeniedException.class, io.keyuan.shared.KeyuanException.class);
    }
}
