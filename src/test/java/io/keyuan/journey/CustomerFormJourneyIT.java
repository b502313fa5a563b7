package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer form in a real browser, in Chinese and in English: a five-digit phone and an e-mail without a
 * domain are red and say why; a phone typed in full-width digits is accepted and stored in its canonical form.
 */
class CustomerFormJourneyIT extends ChromiumJourney {
    /** Screenshots of the form with errors, for people to look at (the folder is given, else target). */
    private final Path formShots = Path.of(System.getProperty("keyuan.form-shots", "target/screenshots"));

    @Autowired
    JdbcTemplate jdbc;

    @Override
    String windowSize() {
        return "1280,1400";
    }

    @Test
    void bad_phone_and_email_say_why_in_each_language_and_a_full_width_phone_is_stored_canonical() throws Exception {
        Files.createDirectories(formShots);
        signIn("STAFF");
        for (String lang : new String[] {"zh-CN", "en"}) {
            driver.manage().addCookie(new Cookie("keyuan-lang", lang, "/"));
            driver.get(base() + "/customers/new");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-phone input")));
            type("customer-name", "表单旅程" + lang);
            type("customer-phone", "12345");
            type("customer-email", "zhang@example");
            js("document.getElementById('customer-save').click()");
            wait.until(d -> Boolean.TRUE.equals(js("return document.getElementById('customer-phone').invalid"))
                    && !String.valueOf(js("return document.getElementById('customer-email').errorMessage"))
                            .isBlank());
            String phoneSays = String.valueOf(js("return document.getElementById('customer-phone').errorMessage"));
            String emailSays = String.valueOf(js("return document.getElementById('customer-email').errorMessage"));
            assertThat(phoneSays).contains("12345").contains("11");
            assertThat(emailSays).contains("example.com");
            if (lang.equals("en")) {
                assertThat(phoneSays).contains("mobile number");
            } else {
                assertThat(phoneSays).contains("手机号");
            }
            js("document.getElementById('customer-phone').scrollIntoView({block: 'center'})");
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(formShots.resolve("customer-form-errors-" + lang + ".png"), png);
        }

        String name = "全角旅程" + UUID.randomUUID().toString().substring(0, 6);
        driver.get(base() + "/customers/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#customer-phone input")));
        // a code of its own: a generated C0000… code would show in other journeys' unfiltered customer lists
        type("customer-code", "FJ" + name.substring(4));
        type("customer-name", name);
        type("customer-phone", "１３８ ００１３ ８０００");
        type("customer-email", "li＠Example.com");
        js("document.getElementById('customer-save').click()");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("detail-code")));
        assertThat(jdbc.queryForObject("SELECT phone FROM customer WHERE name = ?", String.class, name))
                .isEqualTo("13800138000");
        assertThat(jdbc.queryForObject("SELECT email FROM customer WHERE name = ?", String.class, name))
                .isEqualTo("li@example.com");
    }
}
