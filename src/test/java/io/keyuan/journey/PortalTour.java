package io.keyuan.journey;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's ordinary session: sign in, every view of the menu in turn, a customer opened and its form left
 * unsaved, the jobs dialog (and for an administrator the new-user dialog) opened and closed, a mistyped address,
 * sign out. Used by {@link CleanSessionJourneyIT}, and on its own against a running portal:
 *
 * <pre>java -cp target/test-classes:$(cat cp.txt) io.keyuan.journey.PortalTour http://localhost:8091 PASSWORD 5 admin li.qiang wang.fang</pre>
 *
 * (base address, password, minutes, users), which tours the users in turn, each in a fresh browser, until the
 * minutes are up.
 */
public final class PortalTour {
    private final WebDriver browser;
    private final WebDriverWait wait;
    private final String base;

    PortalTour(WebDriver browser, WebDriverWait wait, String base) {
        this.browser = browser;
        this.wait = wait;
        this.base = base;
    }

    /** The whole tour; returns the menu paths it visited. */
    List<String> run(String username, String password, boolean admin) {
        browser.get(base + "/login");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("vaadin-login-form input[name=username]")))
                .sendKeys(username);
        browser.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                .sendKeys(password);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]"))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
        settled();

        List<String> paths = new ArrayList<>();
        for (Object p : (List<?>) js("return Array.from(document.querySelectorAll('#main-nav vaadin-side-nav-item'))"
                + ".map(e => e.getAttribute('path'))")) {
            paths.add(String.valueOf(p));
        }
        for (String path : paths) {
            wait.until(ExpectedConditions.elementToBeClickable(
                            By.cssSelector("#main-nav vaadin-side-nav-item[path='" + path + "']")))
                    .click();
            wait.until(d -> ("/" + path).equals(js("return location.pathname")));
            settled();
        }

        // a customer, its form, back without saving
        wait.until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#main-nav vaadin-side-nav-item[path='customers']")))
                .click();
        WebElement cell =
                wait.until(d -> d.findElements(By.cssSelector("#customer-grid vaadin-grid-cell-content")).stream()
                        .filter(e -> !e.getText().isBlank() && e.isDisplayed())
                        .skip(12) // past the header row
                        .findFirst()
                        .orElse(null));
        cell.click();
        wait.until(d -> String.valueOf(js("return location.pathname")).matches("/customers/\\d+"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("customer-edit")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("customer-cancel")))
                .click();
        wait.until(d -> String.valueOf(js("return location.pathname")).matches("/customers/\\d+"));
        settled();

        // my jobs
        wait.until(ExpectedConditions.elementToBeClickable(By.id("jobs-button")))
                .click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("jobs-dialog-close")))
                .click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobs-dialog")));

        if (admin) {
            browser.get(base + "/admin/users");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("user-new")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-create-dialog")));
            js("document.querySelector('#user-create-dialog') && document.activeElement.dispatchEvent("
                    + "new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}))");
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("user-create-dialog")));
        }

        // a mistyped address, and home from there (-Dtour.mistyped=false for a portal from before the not-found page)
        if (Boolean.parseBoolean(System.getProperty("tour.mistyped", "true"))) {
            browser.get(base + "/customers/abc");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("error-home")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-nav")));
            settled();
        }

        js("document.querySelector('#user-menu vaadin-menu-bar-button').click()");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("logout"))).click();
        wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        return paths;
    }

    /** No server round trip under way (as Vaadin's own test tools ask the page). */
    private void settled() {
        wait.until(d -> Boolean.TRUE.equals(js("const f = window.Vaadin && window.Vaadin.Flow;"
                + " return !!(f && f.clients) && Object.values(f.clients)"
                + ".every(c => !c.isActive || !c.isActive());")));
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    static WebDriver chromium() throws Exception {
        return chromium("1400,900");
    }

    /** Debian's headless Chromium with a fresh profile of its own; the window is "width,height". */
    static WebDriver chromium(String windowSize) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumJourney.CHROMIUM);
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
                "--window-size=" + windowSize,
                "--lang=zh-CN",
                "--user-data-dir=" + Files.createTempDirectory("keyuan-chromium"));
        // headless Chromium asks for en-US whatever --lang says; pages that follow the browser (the public answer
        // page) should meet a Chinese customer's browser
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
        // the console, so that a journey can tell whether the Content-Security-Policy refused anything
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(ChromiumJourney.CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        long end =
                System.nanoTime() + Duration.ofMinutes(Long.parseLong(args[2])).toNanos();
        int tours = 0;
        while (System.nanoTime() < end) {
            String user = args[3 + tours % (args.length - 3)];
            WebDriver browser = chromium();
            try {
                WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(60));
                w.ignoring(StaleElementReferenceException.class);
                long start = System.nanoTime();
                List<String> paths = new PortalTour(browser, w, base).run(user, password, user.equals("admin"));
                System.out.printf(
                        "tour %d as %s: %d views %s in %d ms%n",
                        ++tours, user, paths.size(), paths, (System.nanoTime() - start) / 1_000_000);
            } finally {
                browser.quit();
            }
        }
    }
}
