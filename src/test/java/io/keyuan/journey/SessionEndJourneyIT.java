package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.LogWatch;
import io.keyuan.shared.SystemActor;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A staff member is half-way through a new customer in one browser when an administrator disables them in another:
 * their save lands on the login page and writes nothing, and the administrator works on. Neither side's log shows an
 * error or a stack trace.
 */
class SessionEndJourneyIT extends ChromiumJourney {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_disabled_staff_members_next_action_lands_on_the_login_page_and_writes_nothing() throws Exception {
        // sorts first in the administrator's user list (digits before letters)
        String staff = "0end." + UUID.randomUUID().toString().substring(0, 8);
        String admin = "journey.admin." + UUID.randomUUID().toString().substring(0, 6);
        SystemActor.run(() -> users.create(staff, "将被停用", "STAFF", PASSWORD));
        SystemActor.run(() -> users.create(admin, "管理员", "ADMIN", PASSWORD));
        String code = "SE" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        try (LogWatch log = new LogWatch()) {
            signIn(driver, wait, staff);
            driver.get(base() + "/customers/new");
            type(wait, "customer-code", code);
            type(wait, "customer-name", "停用前的客户");
            shot("session-end-01-staff-typing");

            WebDriver adminBrowser = newBrowser();
            WebDriverWait adminWait = waitFor(adminBrowser);
            signIn(adminBrowser, adminWait, admin);
            adminBrowser.get(base() + "/admin/users");
            adminWait
                    .until(ExpectedConditions.elementToBeClickable(By.id("user-edit-" + staff)))
                    .click();
            adminWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#user-enabled input")));
            // the checkbox's own input is drawn over by its styled box: clicked as a person's click reaches it
            ((org.openqa.selenium.JavascriptExecutor) adminBrowser)
                    .executeScript("document.querySelector('#user-enabled input').click()");
            adminWait.until(d -> Boolean.FALSE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return document.querySelector('#user-enabled').checked")));
            adminWait
                    .until(ExpectedConditions.elementToBeClickable(By.id("user-edit-save")))
                    .click();
            adminWait.until(
                    d -> !jdbc.queryForObject("SELECT enabled FROM app_user WHERE username = ?", Boolean.class, staff));

            // the staff member saves: the session has ended, the browser shows the login page
            wait.until(ExpectedConditions.elementToBeClickable(By.id("customer-save")))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("vaadin-login-form input[name=username]")));
            wait.until(ExpectedConditions.urlContains("/login"));
            shot("session-end-02-staff-on-login");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE code = ?", Integer.class, code))
                    .isZero();

            // the administrator's session goes on
            adminBrowser.navigate().refresh();
            adminWait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-grid")));
            assertThat(adminBrowser.getCurrentUrl()).endsWith("/admin/users");

            assertThat(log.troubles()).isEmpty();
        }
    }

    private static void type(WebDriverWait w, String id, String text) {
        WebElement input = w.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
        input.sendKeys(text);
    }
}
