package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Importing a sheet in a real browser: upload a GBK CSV as Excel saves it in China, check the guessed mapping,
 * dry run (nothing written), import skipping the bad row, and find the import in the history.
 */
class ImportJourneyIT extends ChromiumJourney {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void staff_uploads_a_sheet_dry_runs_it_imports_the_good_rows_and_sees_the_job() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6);
        Path csv = Files.createTempFile("客户名单", ".csv");
        String body = "客户编号,姓名,类型,手机,城市\r\n"
                + "IJ" + u + "1,旅程甲" + u + ",个人,13900000001,广州\r\n"
                + "IJ" + u + "2,旅程乙" + u + ",火星人,13900000002,深圳\r\n"
                + "IJ" + u + "3,旅程丙" + u + ",组织,13900000003,佛山\r\n";
        Files.write(csv, body.getBytes(Charset.forName("GBK")));
        String username = signIn("STAFF");

        driver.get(base() + "/imports/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-upload")));
        WebElement input = (WebElement) js("return document.querySelector('#import-upload input[type=file]')"
                + " || document.querySelector('#import-upload').shadowRoot.querySelector('input[type=file]')");
        input.sendKeys(csv.toAbsolutePath().toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-mapping")));
        wait.until(d -> String.valueOf(js("return document.getElementById('import-status').textContent"))
                .contains("CSV"));
        shot("11-import-mapping");

        js("document.getElementById('import-dry-run').click()");
        wait.until(d -> String.valueOf(js("return document.getElementById('import-counts')?.textContent"))
                .contains("出错 1"));
        assertThat(String.valueOf(js("return document.getElementById('import-counts').textContent")))
                .contains("新增 2");
        assertThat(count(u)).as("a dry run writes nothing").isZero();
        shot("12-import-dry-run");

        js("document.querySelectorAll('#import-mode vaadin-radio-button')[1].click()");
        js("document.getElementById('import-commit').click()");
        wait.until(d -> String.valueOf(js("return document.getElementById('import-status').textContent"))
                .contains("已提交"));
        assertThat(count(u)).isEqualTo(2);
        shot("13-import-done");

        driver.get(base() + "/imports");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-jobs")));
        wait.until(d -> String.valueOf(js("return Array.from(document.querySelectorAll("
                        + "'#import-jobs vaadin-grid-cell-content')).map(e => e.textContent).join('|')"))
                .contains(username));
        shot("14-import-history");
    }

    private int count(String u) {
        Integer n =
                jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE code LIKE ?", Integer.class, "IJ" + u + "%");
        return n == null ? 0 : n;
    }
}
