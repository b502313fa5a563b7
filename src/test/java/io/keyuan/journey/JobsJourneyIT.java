package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An export outlives its dialog: a manager exports the customers of a filter, closes the dialog, goes elsewhere, and
 * fetches the workbook later from "my jobs" in the navbar, where a recompute waiting for its turn shows its progress
 * and ends while the list is open — in Simplified Chinese, then in English.
 */
class JobsJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    JobService jobs;

    @Autowired
    DataSource dataSource;

    /** Runs service calls as the signed-in journey user (a manager), as the portal would. */
    private static <T> T as(String user, java.util.function.Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_MANAGER"), new SimpleGrantedAuthority("ROLE_STAFF"))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Test
    void staff_export_customers_close_the_dialog_and_fetch_the_file_later_from_my_jobs() throws Exception {
        String city = "任务城" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            Customer c = new Customer();
            c.setCode("JJ" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            c.setName("任务客户" + i);
            c.setCity(city);
            SystemActor.call(() -> customers.save(c));
        }
        String user = signIn("MANAGER");
        // Sign-in lands on the home dashboard; the customer list is a menu entry away.
        driver.get(base() + "/customers");

        // The list filtered to the city, exported.
        WebElement filter =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#filter-city input")));
        filter.sendKeys(city);
        wait.until(ExpectedConditions.textToBe(By.id("customer-total"), "共 3 位客户"));
        driver.findElement(By.id("customer-export")).click();
        wait.until(ExpectedConditions.textToBe(By.id("export-status"), "已导出 3 行。"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("export-download")));
        shot("jobs-01-export-done-zh");

        // Closed before downloading, and the user goes on to another page.
        driver.findElement(By.id("export-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("export-dialog")));
        driver.get(base() + "/channels");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("channel-grid")));

        // A recompute of the manager's waits for one another node runs (its lock is held here): it shows running.
        try (Connection otherNode = dataSource.getConnection();
                Statement st = otherNode.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT GET_LOCK('keyuan.metrics.refresh', 10)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            JobId recompute = as(user, () -> metrics.startRefreshAll());
            wait.until(ExpectedConditions.textToBe(By.id("jobs-badge"), "1"));

            // Later, from the navbar: my jobs holds the export, and the file downloads.
            WebElement link = openMyJobs();
            wait.until(d -> jobsDialogText().contains("等待正在进行的另一次重新计算结束"));
            assertThat(jobsDialogText()).contains("导出客户", "城市 " + city, "已完成", "重新计算客户类型", "进行中", "取消");
            shot("jobs-02-my-jobs-zh");
            assertThat(fetch(link)).containsExactly(200L, 80L, 75L); // HTTP 200, a zip ("PK")
            driver.findElement(By.id("jobs-dialog-close")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobs-dialog")));

            // The same in English.
            switchLanguage("en");
            openMyJobs();
            assertThat(jobsDialogText()).contains("Customer export", "Done", "Download", "Lifecycle recompute");
            shot("jobs-03-my-jobs-en");

            // The other refresh ends; the waiting one runs, and the page hears it end.
            st.executeQuery("SELECT RELEASE_LOCK('keyuan.metrics.refresh')").close();
            wait.until(d -> !jobsDialogText().contains("Running"));
            assertThat(as(user, () -> jobs.get(recompute)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        driver.findElement(By.id("jobs-dialog-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("jobs-dialog")));
        driver.get(base() + "/customers");
        filter = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#filter-city input")));
        filter.sendKeys(city);
        wait.until(ExpectedConditions.textToBe(By.id("customer-total"), "3 customers"));
        driver.findElement(By.id("customer-export")).click();
        wait.until(ExpectedConditions.textToBe(By.id("export-status"), "3 rows exported."));
        shot("jobs-04-export-done-en");
    }

    /** Opens "my jobs" and returns the download link of the newest job once it shows. */
    private WebElement openMyJobs() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("jobs-button")))
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("jobs-dialog")));
        return wait.until(d -> d.findElements(By.cssSelector("#jobs-grid [id^=job-download-]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
    }

    private String jobsDialogText() {
        return String.valueOf(js("return Array.from(document.querySelectorAll('#jobs-grid vaadin-grid-cell-content'))"
                + ".map(e => e.textContent).join('|')"));
    }

    /** Downloads what the link points to, as the browser's session: the status and the first two bytes. */
    @SuppressWarnings("unchecked")
    private List<Long> fetch(WebElement link) {
        return (List<Long>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0].href).then(r => r.arrayBuffer().then(b => {"
                                + " const x = new Uint8Array(b); done([r.status, x[0], x[1]]); }))"
                                + ".catch(e => done([0, 0, 0]));",
                        link);
    }
}
