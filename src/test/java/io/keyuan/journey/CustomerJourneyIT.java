package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The main journey in a real headless Chromium against the running portal: sign in, search a customer, open and
 * edit it, see the change, sign out. Screenshots of each step land in target/screenshots.
 */
class CustomerJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

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

        // Sign-in lands on the home dashboard, with the staff member's own work; the customer list is in the menu.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-work")));
        assertThat(driver.findElements(By.id("home-business"))).isEmpty();
        click(By.cssSelector("#main-nav vaadin-side-nav-item[path='customers']"));
        wait.until(ExpectedConditions.urlToBe(base() + "/customers"));

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
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-details"), "13912345678"));
        assertThat(SystemActor.call(() -> customers.get(id)).getPhone())
                .as("stored in the canonical form")
                .isEqualTo("13912345678");
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
        assertThat(SystemActor.call(() -> customers.get(id)).getPhone()).isEqualTo("13912345678");

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

    /** The screen as the journey left it: what a failing run was looking at. */
    @org.junit.jupiter.api.AfterEach
    void lastScreen() throws Exception {
        if (driver != null) {
            shot("customer-last");
        }
    }
}
