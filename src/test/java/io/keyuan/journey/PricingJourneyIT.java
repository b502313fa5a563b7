package io.keyuan.journey;

import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.TestPricing;
import io.keyuan.pricing.TierRow;
import io.keyuan.pricing.TierService;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshWait;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pricing in a real headless Chromium: a manager binds a new tier to a segment and adds a promotion for it in the
 * rule dialog; a staff member quotes the segment's customer and sees the promotion win over the tier's regular
 * price, then moves the quote date past the promotion's end and sees the regular price win, the promotion beaten
 * as expired on its last day. Screens for the docs land in target/screenshots, in Simplified Chinese and English.
 */
class PricingJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    TierService tiers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void a_promotion_a_manager_adds_wins_the_quote_until_it_expires_and_then_shows_as_beaten() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String city = "定价旅程市" + u;
        Customer customer = TestCustomers.inCity(customers, "PJ" + u, "定价旅程客" + u, city, "80000");
        String setName = "定价旅程" + u;
        String segmentName = "旅程本地" + u;
        SystemActor.run(() -> {
            RuleSetSummary set = segments.createRuleSet(setName, RuleSetMode.OVERLAPPING);
            SegmentSummary local =
                    segments.createSegment(set.id(), segmentName, when(SegmentField.CITY, Operator.EQ, city), null);
            assertThat(RefreshWait.ended(membership, membership.startRefresh()).running())
                    .isFalse();
            assertThat(membership.memberCount(local.id())).isEqualTo(1);
        });
        TestPricing book = new TestPricing(jdbc, events);
        long category = book.category("PJC");
        String productName = "旅程茶具" + u;
        long product = book.product(category, "PJP", productName, "200.00", "80.00");
        String productLabel = book.code("PJP") + " · " + productName;
        book.forget();
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        LocalDate lastDay = today.plusDays(5);

        // The manager: a tier bound to the segment, through the tier dialog.
        WebDriver manager = driver;
        signIn("MANAGER");
        driver.get(base() + "/tiers");
        click(By.id("tier-new"));
        String tierCode = "PJT" + u;
        String tierName = "旅程贵宾" + u;
        type("tier-code", tierCode);
        type("tier-name", tierName);
        pick(driver.findElement(By.id("tier-segments")), segmentName, setName + " › " + segmentName);
        shot("pricing-tier-dialog-zh-CN");
        click(By.id("tier-save"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("tier-dialog")));
        TierRow tier = wait.until(d -> SystemActor.call(() -> tiers.tiers()).stream()
                .filter(t -> t.code().equals(tierCode))
                .findFirst()
                .orElse(null));
        assertThat(tier.segmentIds()).hasSize(1);
        assertThat(tier.customers()).isEqualTo(1);
        wait.until(d -> gridRows("tier-grid").stream().anyMatch(r -> r.contains(tierCode) && r.contains("1")));
        shot("pricing-tiers-zh-CN");

        // The tier's regular price, as the rules sheet would have brought it.
        String regularCode = book.code("PJR");
        book.productRule("PJR", product, RuleKind.FIXED_PRICE, "180.00", 1, tier.id(), null, null, false);
        book.forget();

        // A promotion for the tier: 20 % off the list price, for six days.
        driver.get(base() + "/rules");
        click(By.id("rule-new"));
        String promoCode = "PJPROMO" + u;
        String promoName = "旅程促销" + u;
        type("rule-code", promoCode);
        type("rule-name", promoName);
        pick(driver.findElement(By.id("rule-tier")), tierCode, tierCode + " · " + tierName);
        select(driver.findElement(By.id("rule-scope")), "产品");
        pick(driver.findElement(By.id("rule-product")), book.code("PJP"), productLabel);
        select(driver.findElement(By.id("rule-kind")), "按标价打折");
        type("rule-value", "20");
        date("rule-valid-from", today.toString());
        date("rule-valid-to", lastDay.toString());
        click(By.cssSelector("#rule-promotion label"));
        wait.until(d -> d.findElement(By.id("rule-promotion")).getDomAttribute("checked") != null);
        shot("pricing-rule-dialog-zh-CN");
        click(By.id("rule-save"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rule-dialog")));
        type("rule-filter-text", u);
        wait.until(d -> gridRows("rule-grid").stream().anyMatch(r -> r.contains(promoCode)));
        wait.until(d -> gridRows("rule-grid").size() == 2);
        shot("pricing-rules-zh-CN");

        // Staff, in a browser of their own: the customer's quote, the promotion winning.
        driver = newBrowser();
        wait = waitFor(driver);
        signIn("STAFF");
        driver.get(base() + "/quote");
        quote(customer, tierName, productLabel);
        assertThat(driver.findElement(By.id("quote-priced-for")).getText())
                .isEqualTo("价格等级：" + tierName + "（细分「" + segmentName + "」） · 地区：全国");
        wait.until(d -> firstResult().contains(promoCode + " · " + promoName));
        assertThat(firstResult()).contains("160.00");
        wait.until(d -> beatenReasons().contains(List.of(regularCode, "优先级较低（促销规则优先于常规规则）")));
        shot("pricing-quote-winner-zh-CN");

        // A day after the promotion's last: the tier's regular price wins, the promotion lost as expired.
        date("quote-date", lastDay.plusDays(1).toString());
        wait.until(d -> firstResult().contains(regularCode));
        assertThat(firstResult()).contains("180.00");
        wait.until(d -> beatenReasons().contains(List.of(promoCode, "已于 " + lastDay + " 过期")));
        shot("pricing-quote-expired-zh-CN");

        // The same quote in English.
        switchLanguage("en");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("quote-customer")));
        quote(customer, tierName, productLabel);
        wait.until(d -> firstResult().contains(promoCode));
        wait.until(d -> beatenReasons().stream().anyMatch(r -> r.getFirst().equals(regularCode)));
        shot("pricing-quote-winner-en");

        // The manager's health check over the whole book.
        driver = manager;
        wait = waitFor(driver);
        driver.get(base() + "/pricing-health");
        click(By.id("health-refresh"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("health-checked-at"), String.valueOf(today.getYear())));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("health-progress")));
        shot("pricing-health-zh-CN");

        // The manager's screens in English.
        switchLanguage("en");
        wait.until(ExpectedConditions.textToBe(By.id("health-refresh"), "Check now"));
        shot("pricing-health-en");
        driver.get(base() + "/rules");
        type("rule-filter-text", u);
        wait.until(d -> gridRows("rule-grid").size() == 2);
        assertThat(driver.findElement(By.id("rule-precedence")).getText()).contains("Precedence");
        shot("pricing-rules-en");
    }

    /** The screen as the journey left it: what a failing run was looking at. */
    @AfterEach
    void lastScreen() throws Exception {
        if (driver != null) {
            shot("pricing-last");
        }
    }

    /** Picks the customer, sees their tier, and adds one line of the product, quantity 1. */
    private void quote(Customer customer, String tierName, String productLabel) {
        pick(
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("quote-customer"))),
                customer.getName(),
                customer.getName() + " (" + customer.getCode() + ")");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("quote-priced-for"), tierName));
        pick(
                driver.findElement(By.id("quote-product")),
                productLabel.substring(0, productLabel.indexOf(' ')),
                productLabel);
        click(By.id("quote-add-line"));
        wait.until(d -> gridRows("quote-results").size() == 1);
    }

    private String firstResult() {
        List<List<String>> rows = gridRows("quote-results");
        return rows.isEmpty() ? "" : String.join(" | ", rows.getFirst());
    }

    /** Each beaten rule as its code and reason. */
    private List<List<String>> beatenReasons() {
        return gridRows("quote-beaten").stream()
                .map(r -> List.of(r.get(2).substring(0, r.get(2).indexOf(" · ")), r.get(3)))
                .toList();
    }

    @Override
    String windowSize() {
        return "1440,1100";
    }
}
