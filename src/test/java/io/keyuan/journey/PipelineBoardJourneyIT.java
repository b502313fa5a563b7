package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.io.File;
import java.math.BigDecimal;
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
import org.openqa.selenium.TakesScreenshot;
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
 * The board in a real headless Chromium: a card dragged to the next column moves the deal (HTML5 drag and drop
 * events, as a mouse drag fires them), and a card dropped on the lost column asks for the reason first.
 * Screenshots land in target/screenshots.
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
class PipelineBoardJourneyIT {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String PASSWORD = "journey-pass-1";
    /** Fires the drag events a mouse drag fires, from a card to a column (Selenium's drag does not). */
    private static final String DRAG = """
            const card = document.getElementById(arguments[0]);
            const column = document.getElementById(arguments[1]);
            const data = new DataTransfer();
            const fire = (el, type) => el.dispatchEvent(
                new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
            fire(card, 'dragstart'); fire(column, 'dragenter'); fire(column, 'dragover');
            fire(column, 'drop'); fire(card, 'dragend');
            """;

    @LocalServerPort
    int port;

    @Autowired
    UserAdminService users;

    @Autowired
    CustomerService customers;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

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
                "--window-size=1600,900",
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
    void staff_drags_a_deal_to_the_next_stage_and_drops_another_on_lost_with_a_reason() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "board." + suffix;
        SystemActor.run(() -> users.create(username, "看板测试员", "STAFF", PASSWORD));
        PipelineDetail p = SystemActor.call(() -> pipelines.copy(1, "旅程看板" + suffix));
        Customer c = new Customer();
        // An explicit code: the customer journey, sharing this database, expects no generated C0000… codes.
        c.setCode("PB" + suffix.toUpperCase());
        c.setName("看板客户" + suffix);
        long customerId = SystemActor.call(() -> customers.save(c)).getId();
        Deal moving = deal(p, customerId, "拖动商机" + suffix);
        Deal losing = deal(p, customerId, "流失商机" + suffix);
        long second = p.stages().get(1).id();
        long lost = p.stages().get(7).id();

        driver.get(base() + "/login");
        WebElement user = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                .sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("customer-new")));

        driver.get(base() + "/pipelines?pipeline=" + p.pipeline().id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deal-card-" + moving.getId())));
        shot("pipeline-01-board");

        js(DRAG, "deal-card-" + moving.getId(), "stage-" + second);
        wait.until(d -> !d.findElement(By.id("stage-" + second))
                .findElements(By.id("deal-card-" + moving.getId()))
                .isEmpty());
        assertThat(SystemActor.call(() -> deals.card(moving.getId())).stageId()).isEqualTo(second);
        assertThat(SystemActor.call(() -> deals.history(moving.getId()))
                        .getLast()
                        .changedBy())
                .isEqualTo(username);
        shot("pipeline-02-moved");

        js(DRAG, "deal-card-" + losing.getId(), "stage-" + lost);
        WebElement reason =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#deal-lost-reason textarea")));
        assertThat(SystemActor.call(() -> deals.card(losing.getId())).stageId())
                .isEqualTo(p.stages().getFirst().id());
        // Tab leaves the field, as a user does, so that the value reaches the server before the click.
        reason.sendKeys("预算取消", Keys.TAB);
        shot("pipeline-03-lost-reason");
        driver.findElement(By.id("deal-lost-confirm")).click();
        wait.until(d -> SystemActor.call(() -> deals.card(losing.getId())).stageId() == lost);
        assertThat(SystemActor.call(() -> deals.get(losing.getId())).getLostReason())
                .isEqualTo("预算取消");
    }

    private Deal deal(PipelineDetail p, long customerId, String title) {
        Deal d = new Deal();
        d.setPipelineId(p.pipeline().id());
        d.setCustomerId(customerId);
        d.setTitle(title);
        d.setValue(new BigDecimal("1000.00"));
        return SystemActor.call(() -> deals.save(d));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private void js(String script, Object... args) {
        ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void shot(String name) throws Exception {
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), shots.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
