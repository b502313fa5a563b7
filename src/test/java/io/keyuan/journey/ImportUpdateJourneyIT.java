package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static testsupport.sheets.ExcelSheets.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import testsupport.sheets.ExcelSheets;

/**
 * A manager imports a team's workbook as Excel writes it — an instructions sheet first, the data on the active
 * tab, a blank birth date, a row hidden by the filter, a phone that belongs to someone else — then undoes the
 * import after a purchase was recorded on one of the new customers: the wizard names the sheet it read, the dry
 * run shows each changed field and the warnings, the blank keeps the stored birth date, and the undo keeps the
 * customer that later work refers to and says so before it runs. In Simplified Chinese and in English.
 */
class ImportUpdateJourneyIT extends ChromiumJourney {
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "en"})
    void a_team_workbook_updates_keeps_blanks_warns_and_its_undo_keeps_later_work(String language) throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String p = "139"
                + String.format("%07d", Math.floorMod(u.hashCode(), 10_000_000)).substring(0, 6);
        insertCustomer("IU" + u + "1", "更新甲" + u, LocalDate.of(1990, 5, 1), "广州", p + "11");
        insertCustomer("IU" + u + "9", "已有乙" + u, null, "杭州", p + "99");
        Path dir = Files.createTempDirectory("keyuan-journey");
        Path file = ExcelSheets.excel()
                .sheet("填写说明", row("请在“客户”表中填写，带 * 的列必填"), row("出生日期留空表示不修改"))
                .dataSheet(
                        "客户",
                        List.of("编号", "姓名", "出生日期", "城市", "手机"),
                        row("IU" + u + "1", "更新甲" + u, null, "深圳", p + "11"),
                        row("IU" + u + "2", "新客丙" + u, LocalDate.of(1988, 3, 8), "佛山", p + "99"),
                        row("IU" + u + "3", "新客丁" + u, null, "珠海", p + "33"))
                .hideRows(4)
                .autoFilter("A1:E4")
                .active(1)
                .write(dir.resolve("团队客户名单.xlsx"));

        signIn("MANAGER");
        if (!language.startsWith("zh")) {
            switchLanguage(language);
        }
        driver.get(base() + "/imports/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-upload")));
        WebElement input = (WebElement) js("return document.querySelector('#import-upload input[type=file]')"
                + " || document.querySelector('#import-upload').shadowRoot.querySelector('input[type=file]')");
        input.sendKeys(file.toAbsolutePath().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-mapping")));
        wait.until(d -> String.valueOf(js("return document.getElementById('import-sheet')?.innerText"))
                .contains("客户"));
        shot("import-update-01-sheet-and-mapping-" + language);

        js("document.getElementById('import-dry-run').click()");
        wait.until(d -> outcomes().contains("深圳"));
        String dryRun = outcomes();
        assertThat(dryRun).as("the changed city, before and after").contains("广州", "深圳");
        assertThat(dryRun)
                .as("warnings: the duplicate phone and the hidden row")
                .contains("⚠");
        assertThat(birthDate("IU" + u + "1")).isEqualTo(LocalDate.of(1990, 5, 1));
        assertThat(countOf(u)).as("a dry run writes nothing").isEqualTo(2);
        shot("import-update-02-dry-run-changes-" + language);

        js("document.getElementById('import-commit').click()");
        wait.until(d -> countOf(u) == 4);
        assertThat(city("IU" + u + "1")).isEqualTo("深圳");
        assertThat(birthDate("IU" + u + "1"))
                .as("a blank cell keeps the stored value")
                .isEqualTo(LocalDate.of(1990, 5, 1));
        long job = jdbc.queryForObject(
                "SELECT MAX(j.id) FROM import_job j JOIN import_change c ON c.job_id = j.id"
                        + " JOIN customer x ON x.id = c.target_id WHERE x.code = ?",
                Long.class,
                "IU" + u + "2");
        jdbc.update(
                "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                        + " created_at, created_by, updated_at, updated_by)"
                        + " SELECT id, CURRENT_DATE, '后来的订单', 1, 19.99, 'STORE', 0, NOW(6), 'journey', NOW(6), 'journey'"
                        + " FROM customer WHERE code = ?",
                "IU" + u + "2");

        driver.get(base() + "/imports");
        WebElement undo = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undo-" + job)));
        js("arguments[0].click()", undo);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("undo-dialog")));
        wait.until(d -> String.valueOf(js("return document.getElementById('undo-dialog')?.textContent"))
                .contains("1"));
        String dialog = String.valueOf(js("return document.getElementById('undo-dialog').textContent"));
        assertThat(dialog).contains(language.startsWith("zh") ? "将保留" : "kept because later work refers to them");
        shot("import-update-03-undo-counts-" + language);
        js("document.querySelector('#undo-dialog vaadin-button[slot=confirm-button]').click()");
        wait.until(d -> countOf(u) == 3);
        assertThat(city("IU" + u + "1"))
                .as("the updated customer gets its city back")
                .isEqualTo("广州");
        assertThat(countOf(u + "2"))
                .as("the customer with a later purchase is kept")
                .isEqualTo(1);
        assertThat(countOf(u + "3")).as("the untouched new customer is removed").isZero();
    }

    private String outcomes() {
        return String.valueOf(
                js("return Array.from(document.querySelectorAll('#import-outcomes vaadin-grid-cell-content'))"
                        + ".map(e => e.textContent).join('|')"));
    }

    private void insertCustomer(String code, String name, LocalDate birth, String city, String phone) {
        jdbc.update(
                "INSERT INTO customer (code, name, kind, birth_date, city, phone, version, created_at, created_by,"
                        + " updated_at, updated_by) VALUES (?, ?, 'PERSON', ?, ?, ?, 0, NOW(6), 'journey', NOW(6), 'journey')",
                code,
                name,
                birth,
                city,
                phone);
    }

    private int countOf(String codePart) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer WHERE code LIKE ?", Integer.class, "IU" + codePart + "%");
        return n == null ? 0 : n;
    }

    private String city(String code) {
        return jdbc.queryForObject("SELECT city FROM customer WHERE code = ?", String.class, code);
    }

    private LocalDate birthDate(String code) {
        return jdbc.queryForObject("SELECT birth_date FROM customer WHERE code = ?", LocalDate.class, code);
    }
}
