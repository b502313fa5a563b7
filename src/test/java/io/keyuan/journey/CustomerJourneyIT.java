package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main journey in a real headless Chromium against the running portal: sign in, search a customer, open and
 * edit it, see the change, sign out. Screenshots of each step land in target/screenshots.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "keyuan.db.probe-local=true",
            "keyuan.demo.enabled=false",
            "keyuan.metrics.refresh-cron=-",
            "keyuan.db.embedded.data-dir=${java.io.tmpdir}/keyuan-test/mariadb",
            "vaadin.launch-browser=false"
        })
class CustomerJourneyIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String PASSWORD = "journey-pass-1";

    @LocalServerPort
    int port;

    @Autowired
    UserAdminService users;

    @Autowired
    CustomerService customers;

    private WebDriver driver;
    private WebDriverWait wait;
    private final Path shots = Path.of("target", "screenshots");

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Debian's chromium and chromium-driver are needed for the browser journey (apt-get install chromium chromium-driver)");
        Files.createDirectories(shots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,900",
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("keyuan-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void staff_signs_in_searches_edits_a_customer_and_signs_out() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "journey." + suffix;
        String code = "J" + suffix.toUpperCase();
        SystemActor.run(() -> users.create(username, "旅程测试员", "STAFF", PASSWORD));
        Customer c = new Customer();
        c.setCode(code);
        c.setName("旅程客户" + suffix);
        c.setCity("杭州");
        c.setPhone("13800000000");
        long id = SystemActor.call(() -> customers.save(c)).getId();

        // Sign in.
        driver.get(base() + "/login");
        WebElement user = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        shot("01-login");
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                .sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]"))
                .click();

        // The customer list, in Simplified Chinese by default; search by code.
        WebElement search =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-quick-search input")));
        assertThat(driver.findElement(By.id("customer-new")).getText()).isEqualTo("新建客户");
        search.sendKeys(code);
        wait.until(d -> textOfGrid().contains(c.getName()) && !textOfGrid().contains("C00000"));
        wait.until(ExpectedConditions.textToBe(By.id("customer-total"), "共 1 位客户"));
        shot("02-search");

        // Open it.
        cellWithText(c.getName()).click();
        wait.until(ExpectedConditions.urlToBe(base() + "/customers/" + id));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-code"), code));
        shot("03-detail");

        // Edit the phone and save.
        driver.findElement(By.id("customer-edit")).click();
        WebElement phone =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-phone input")));
        phone.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        phone.sendKeys("139 1234 5678");
        shot("04-form");
        phone.sendKeys(Keys.chord(Keys.CONTROL, "s"));
        wait.until(ExpectedConditions.urlToBe(base() + "/customers/" + id));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-details"), "139 1234 5678"));
        assertThat(SystemActor.call(() -> customers.get(id)).getPhone()).isEqualTo("139 1234 5678");
        assertThat(SystemActor.call(() -> customers.get(id)).getUpdatedBy()).isEqualTo(username);

        // A wrong value is refused on the field and nothing is saved.
        driver.findElement(By.id("customer-edit")).click();
        phone = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-phone input")));
        phone.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        phone.sendKeys("not a phone", Keys.TAB);
        js("const b = document.getElementById('customer-save'); b.scrollIntoView(); b.click();");
        wait.until(d -> "true"
                .equals(String.valueOf(((JavascriptExecutor) d)
                        .executeScript("return document.getElementById('customer-phone').invalid"))));
        shot("05-invalid");
        assertThat(SystemActor.call(() -> customers.get(id)).getPhone()).isEqualTo("139 1234 5678");

        // Sign out through the user menu.
        js("document.querySelector('#user-menu vaadin-menu-bar-button').click()");
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return !!document.querySelector('vaadin-menu-bar-item#logout')")));
        js("document.querySelector('vaadin-menu-bar-item#logout').click()");
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        assertThat(driver.getCurrentUrl()).contains("/login");
        shot("06-signed-out");

        // Signed out means the portal asks again.
        driver.get(base() + "/customers/" + id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        assertThat(driver.getCurrentUrl()).contains("/login");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String textOfGrid() {
        Object text = ((JavascriptExecutor) driver)
                .executeScript("return Array.from(document.querySelectorAll('#customer-grid vaadin-grid-cell-content'))"
                        + ".map(e => e.textContent).join('|')");
        return String.valueOf(text);
    }

    private WebElement cellWithText(String text) {
        return wait.until(d -> d.findElements(By.cssSelector("#customer-grid vaadin-grid-cell-content")).stream()
                .filter(e -> text.equals(e.getText()))
                .findFirst()
                .orElse(null));
    }

    private void js(String script) {
        ((JavascriptExecutor) driver).executeScript(script);
    }

    private void shot(String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve(name + ".png"), png);
    }
}
