package io.keyuan.journey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.keyuan.RunningPortalTest;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real headless Chromium against the running portal (random port, the test database): what every browser
 * journey shares — the browser, signing in, screenshots into target/screenshots.
 */
@RunningPortalTest
abstract class ChromiumJourney {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String PASSWORD = "journey-pass-1";

    /** Rows of a vaadin-grid as they are rendered, each the texts of its cells. */
    private static final String GRID_ROWS = """
            const grid = document.getElementById(arguments[0]);
            if (!grid || !grid.shadowRoot) return [];
            return Array.from(grid.shadowRoot.querySelectorAll('tbody#items tr'))
                .filter(tr => !tr.hidden && tr.index !== undefined && tr.index < grid.size)
                .map(tr => Array.from(tr.querySelectorAll('td')).map(td => {
                    const slot = td.querySelector('slot');
                    const content = slot ? slot.assignedElements()[0] : null;
                    return content ? content.textContent.trim() : '';
                }));
            """;

    @LocalServerPort
    int port;

    @Autowired
    UserAdminService users;

    WebDriver driver;
    WebDriverWait wait;
    final Path shots = Path.of("target", "screenshots");

    private final java.util.List<WebDriver> browsers = new java.util.ArrayList<>();

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Debian's chromium and chromium-driver are needed for the browser journey (apt-get install chromium chromium-driver)");
        Files.createDirectories(shots);
        driver = newBrowser();
        wait = waitFor(driver);
    }

    /** Another browser of its own (own profile, own cookies), closed after the test like the first. */
    WebDriver newBrowser() throws Exception {
        return newBrowser(windowSize());
    }

    /** Another browser with a window of its own size (width,height), a phone's say. */
    WebDriver newBrowser(String size) throws Exception {
        WebDriver browser = PortalTour.chromium(size);
        browsers.add(browser);
        return browser;
    }

    /**
     * Vaadin re-renders parts of the page under a waiting condition (a board column, a grid's cells): an element
     * found a moment ago may be gone, which only means "not yet" and is asked again.
     */
    static WebDriverWait waitFor(WebDriver browser) {
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(60));
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    @AfterEach
    void stopBrowser() {
        List<String> refused = new java.util.ArrayList<>();
        try {
            for (WebDriver browser : browsers) {
                browser.manage()
                        .logs()
                        .get(org.openqa.selenium.logging.LogType.BROWSER)
                        .forEach(entry -> {
                            if (entry.getMessage().contains("Content Security Policy")) {
                                refused.add(entry.getMessage());
                            }
                        });
            }
        } finally {
            browsers.forEach(WebDriver::quit);
            browsers.clear();
        }
        // The portal's policy must allow all that its pages do: a refusal is a broken feature somewhere.
        org.assertj.core.api.Assertions.assertThat(refused)
                .as("the browser refused something under the Content-Security-Policy")
                .isEmpty();
    }

    /** The browser window, width,height. */
    String windowSize() {
        return "1400,900";
    }

    /** Creates a user with the role and signs in as them; returns the user name. */
    String signIn(String role) {
        String username = "journey." + UUID.randomUUID().toString().substring(0, 8);
        SystemActor.run(() -> users.create(username, "旅程测试员", role, PASSWORD));
        signIn(driver, wait, username);
        return username;
    }

    /** Signs an existing user in, in the given browser. */
    void signIn(WebDriver browser, WebDriverWait w, String username) {
        browser.get(base() + "/login");
        WebElement user = w.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        user.sendKeys(username);
        browser.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                .sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]"))
                .click();
        w.until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
    }

    String base() {
        return "http://localhost:" + port;
    }

    String textOfGrid() {
        Object text = ((JavascriptExecutor) driver)
                .executeScript("const g = document.getElementById('customer-grid'); if (!g) return '';"
                        // The grid keeps the cells of rows it no longer shows, with their old texts: read only
                        // the cells whose row is shown.
                        + "return Array.from(g.querySelectorAll('vaadin-grid-cell-content')).filter(e => {"
                        + " const slot = g.shadowRoot.querySelector('slot[name=\"' + e.getAttribute('slot') + '\"]');"
                        + " const row = slot && slot.closest('tr');"
                        + " return row && !row.hidden && row.offsetParent !== null; })"
                        + ".map(e => e.textContent).join('|')");
        return String.valueOf(text);
    }

    WebElement cellWithText(String text) {
        return wait.until(d -> d.findElements(By.cssSelector("#customer-grid vaadin-grid-cell-content")).stream()
                .filter(e -> text.equals(e.getText()))
                .findFirst()
                .orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void shot(String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve(name + ".png"), png);
    }

    /** The user menu's language switch; the page reloads in the chosen language. */
    void switchLanguage(String tag) {
        // The menu's button renders a moment after the page; clicked by script, as a notification may lie over it.
        WebElement button = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#user-menu vaadin-menu-bar-button")));
        js("arguments[0].click()", button);
        WebElement language = wait.until(d -> d.findElements(By.cssSelector("vaadin-menu-bar-item")).stream()
                .filter(e -> e.isDisplayed() && e.getText().matches("(?s).*(语言|語言|Language).*"))
                .findFirst()
                .orElse(null));
        language.click();
        WebElement item = wait.until(ExpectedConditions.elementToBeClickable(By.id("lang-" + tag)));
        // The page reloads: a mark on the old window is gone in the new one (asking the driver whether the
        // clicked element is stale can fail outright while the old document is being torn down).
        js("window.keyuanBeforeLanguageSwitch = true");
        item.click();
        wait.until(d -> Boolean.TRUE.equals(js("return !window.keyuanBeforeLanguageSwitch"
                + " && document.readyState === 'complete' && !!document.getElementById('main-nav')")));
    }

    /** Scrolls the element to the middle of the view and clicks it, as a user would. */
    void click(By by) {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(by));
        js("arguments[0].scrollIntoView({block: 'center'})", e);
        wait.until(ExpectedConditions.elementToBeClickable(e)).click();
    }

    /** Opens a vaadin-select with a click and clicks the item with the text. */
    void select(WebElement select, String item) {
        select.click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-select-list-box vaadin-select-item")).stream()
                        .filter(e -> e.isDisplayed() && e.getText().equals(item))
                        .findFirst()
                        .orElse(null))
                .click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-select-list-box vaadin-select-item")).stream()
                .noneMatch(WebElement::isDisplayed));
    }

    /** Types into a (single-value) combo box, replacing what it held, and clicks the item. */
    void pick(WebElement combo, String item) {
        pick(combo, item, item);
    }

    /**
     * Types {@code typed} into a combo box (single or multi-select), replacing what it held, and clicks the item
     * whose text is {@code item}; a single-value box then shows it.
     */
    void pick(WebElement combo, String typed, String item) {
        WebElement input = combo.findElement(By.tagName("input"));
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), typed);
        wait.until(
                        d -> d
                                .findElements(
                                        By.cssSelector("vaadin-combo-box-item, vaadin-multi-select-combo-box-item"))
                                .stream()
                                .filter(e ->
                                        e.isDisplayed() && e.getText().strip().equals(item))
                                .findFirst()
                                .orElse(null))
                .click();
        if ("vaadin-combo-box".equals(combo.getTagName())) {
            wait.until(d -> item.equals(combo.findElement(By.tagName("input")).getDomProperty("value")));
        }
    }

    /** Replaces the text of the input inside the element with the id, then leaves the field (Tab). */
    void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    /** Types a date (yyyy-MM-dd) into the date picker with the id and commits it with Enter, closing its overlay. */
    void date(String id, String isoDate) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), isoDate, Keys.ENTER);
        wait.until(d -> d.findElement(By.id(id)).getDomAttribute("opened") == null);
        wait.until(d -> isoDate.equals(d.findElement(By.id(id)).getDomProperty("value")));
    }

    @SuppressWarnings("unchecked")
    List<List<String>> gridRows(String gridId) {
        return (List<List<String>>) js(GRID_ROWS, gridId);
    }
}
