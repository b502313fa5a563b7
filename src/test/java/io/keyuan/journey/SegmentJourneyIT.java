package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.Gender;
import io.keyuan.customer.domain.Customer;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Segmentation in a real headless Chromium: a manager creates an exclusive rule set in the editor's dialog, builds
 * a two-condition rule (city and gender), sees the live count and sample, saves it, changes it and saves again, sees
 * the change in the version history, refreshes membership and sees the member, and finds the segment with its
 * conditions ticked on the member's customer page. The same screens are captured in English too; screenshots for
 * the docs land in target/screenshots.
 */
class SegmentJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Test
    void manager_builds_saves_and_changes_a_rule_then_refreshes_and_sees_the_member_on_the_customer_page()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String city = "旅程市" + suffix;
        long female = customer("SJF" + suffix, "细分女客" + suffix, city, Gender.FEMALE);
        long male = customer("SJM" + suffix, "细分男客" + suffix, city, Gender.MALE);
        String setName = "旅程规则集" + suffix;
        String segmentName = "旅程细分" + suffix;
        String username = signIn("MANAGER");

        // The editor, in Simplified Chinese by default.
        driver.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).stream()
                .filter(i -> i.getText().strip().equals("客户细分"))
                .findFirst()
                .orElseThrow()
                .click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-new-rule-set")));
        assertThat(driver.findElement(By.id("segment-new-rule-set")).getText()).isEqualTo("新建规则集");

        // A new exclusive rule set through the dialog.
        click(By.id("segment-new-rule-set"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rule-set-name input")))
                .sendKeys(setName);
        radio("rule-set-mode", "互斥（按优先级，首个匹配）");
        shot("segments-01-new-rule-set");
        click(By.id("rule-set-save"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rule-set-name")));
        RuleSetSummary set = SystemActor.call(() -> segments.ruleSets()).stream()
                .filter(s -> s.name().equals(setName))
                .findFirst()
                .orElseThrow();
        assertThat(set.mode()).isEqualTo(RuleSetMode.EXCLUSIVE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("segment-rule-set"), setName));

        // A new segment: a name and a rule of two conditions.
        WebElement name =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#segment-new-name input")));
        name.sendKeys(segmentName, Keys.TAB);
        addCondition();
        WebElement first = condition(0);
        select(first.findElements(By.tagName("vaadin-select")).get(0), "城市");
        select(condition(0).findElements(By.tagName("vaadin-select")).get(1), "等于");
        wait.until(d -> !condition(0)
                .findElements(By.cssSelector("vaadin-text-field input"))
                .isEmpty());
        condition(0).findElement(By.cssSelector("vaadin-text-field input")).sendKeys(city, Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("segment-count"), "当前匹配 2 位客户"));
        wait.until(d -> sampleNames().containsAll(List.of("细分女客" + suffix, "细分男客" + suffix)));
        assertThat(sampleNames()).hasSize(2);

        addCondition();
        select(condition(1).findElements(By.tagName("vaadin-select")).get(0), "性别");
        select(condition(1).findElements(By.tagName("vaadin-select")).get(1), "等于");
        pick(condition(1).findElement(By.tagName("vaadin-combo-box")), "女");
        wait.until(ExpectedConditions.textToBe(By.id("segment-count"), "当前匹配 1 位客户"));
        wait.until(d -> sampleNames().equals(List.of("细分女客" + suffix)));
        shot("segments-02-rule");

        // Saved as version 1 with a note.
        driver.findElement(By.cssSelector("#segment-note input")).sendKeys("只看这座城市的女客户", Keys.TAB);
        click(By.id("segment-save"));
        SegmentSummary v1 = wait.until(d -> segmentOf(set.id(), segmentName, 1));
        assertThat(v1.ruleVersion()).isEqualTo(1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("segment-segment"), segmentName));
        wait.until(
                d -> driver.findElements(By.cssSelector(".segment-condition")).size() == 2);

        // Changed to the male customer, saved as version 2.
        pick(condition(1).findElement(By.tagName("vaadin-combo-box")), "男");
        wait.until(d -> sampleNames().equals(List.of("细分男客" + suffix)));
        assertThat(driver.findElement(By.id("segment-count")).getText()).isEqualTo("当前匹配 1 位客户");
        driver.findElement(By.cssSelector("#segment-note input")).sendKeys("改为男客户", Keys.TAB);
        click(By.id("segment-save"));
        SegmentSummary v2 = wait.until(d -> segmentOf(set.id(), segmentName, 2));
        wait.until(
                d -> driver.findElements(By.cssSelector(".segment-condition")).size() == 2);
        wait.until(d -> sampleNames().equals(List.of("细分男客" + suffix)));
        wait.until(ExpectedConditions.textToBe(By.id("segment-count"), "当前匹配 1 位客户"));
        shot("segments-03-saved");

        // The editor as a returning manager finds it, for the docs.
        openEditorOn(setName, segmentName, "细分男客" + suffix);
        shot("segments-editor-zh-CN");

        // The history: both versions with their notes, and the change as a diff.
        click(By.id("segment-history"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#history-diff .diff-added")));
        List<List<String>> versions = gridRows("history-versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).startsWith("2 （当前）");
        assertThat(versions.get(0)).contains(username, "改为男客户");
        assertThat(versions.get(1)).contains("1", "只看这座城市的女客户");
        List<String> added = texts("#history-diff .diff-added");
        List<String> removed = texts("#history-diff .diff-removed");
        List<String> unchanged = texts("#history-diff .diff-unchanged");
        assertThat(added)
                .singleElement()
                .asString()
                .startsWith("+")
                .contains("性别")
                .contains("男");
        assertThat(removed)
                .singleElement()
                .asString()
                .startsWith("−")
                .contains("性别")
                .contains("女");
        assertThat(unchanged).anySatisfy(l -> assertThat(l).contains("城市").contains(city));
        shot("segments-history-zh-CN");
        click(By.id("history-close"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("history-diff")));

        // Membership: refresh now, wait for the run to end, see the member.
        driver.get(base() + "/segments/membership");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("membership-refresh")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("membership-last-run"), username));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("membership-progress")));
        assertThat(driver.findElement(By.id("membership-last-run")).getText()).contains("已完成");
        List<String> row = wait.until(d -> overviewRow(segmentName));
        assertThat(row).containsSubsequence(setName, "互斥（按优先级，首个匹配）", segmentName, "1");
        assertThat(SystemActor.call(() -> membership.memberCount(v2.id()))).isEqualTo(1);
        selectOverviewRow(segmentName);
        wait.until(ExpectedConditions.textToBe(By.id("membership-selected"), segmentName + " 的成员"));
        wait.until(d -> gridRows("membership-members").size() == 1);
        assertThat(gridRows("membership-members").getFirst())
                .startsWith(("SJM" + suffix).toUpperCase(), "细分男客" + suffix, city);
        assertThat(gridRows("membership-history").getFirst()).containsSubsequence("1", "1", "0");
        shot("segments-membership-zh-CN");

        // The member's customer page: the segment ticked, each condition with the customer's value.
        driver.get(base() + "/customers/" + male);
        WebElement why = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("why-" + v2.id())));
        assertThat(why.findElement(By.cssSelector(".keyuan-badge.why-true")).getText())
                .isEqualTo("✓ 符合");
        assertThat(why.getText()).contains(segmentName).contains("自 ").contains(" 起是成员");
        openDetails(why);
        assertThat(whyLines(why))
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("✓").contains("城市").contains(city))
                .anySatisfy(l -> assertThat(l).startsWith("✓").contains("性别").contains("（客户的值：男）"));
        shot("customer-segments-zh-CN");
        // and from there to the segment's members
        why.findElement(By.id("why-members-" + v2.id())).click();
        wait.until(ExpectedConditions.textToBe(By.id("membership-selected"), segmentName + " 的成员"));

        // The other customer: the rule does not match, and she is no member.
        driver.get(base() + "/customers/" + female);
        WebElement herWhy = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("why-" + v2.id())));
        assertThat(herWhy.findElement(By.cssSelector(".keyuan-badge.why-false")).getText())
                .isEqualTo("✗ 不符合");
        assertThat(herWhy.getText()).contains("目前不是成员");

        // The same screens in English, switched through the user menu.
        switchLanguage("en");
        openEditorOn(setName, segmentName, "细分男客" + suffix);
        assertThat(driver.findElement(By.id("segment-save")).getText()).isEqualTo("Save as new version");
        shot("segments-editor-en");

        driver.get(base() + "/segments/membership");
        wait.until(d -> overviewRow(segmentName));
        selectOverviewRow(segmentName);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("membership-selected"), segmentName));
        wait.until(d -> gridRows("membership-members").size() == 1);
        assertThat(driver.findElement(By.id("membership-refresh")).getText()).isEqualTo("Refresh now");
        shot("segments-membership-en");

        driver.get(base() + "/customers/" + male);
        why = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("why-" + v2.id())));
        assertThat(why.findElement(By.cssSelector(".keyuan-badge.why-true")).getText())
                .isEqualTo("✓ Matches");
        assertThat(why.getText()).contains("Member since");
        openDetails(why);
        assertThat(whyLines(why)).hasSize(3);
        shot("customer-segments-en");
    }

    /** The screen as the journey left it: what a failing run was looking at. */
    @AfterEach
    void lastScreen() throws Exception {
        if (driver != null) {
            shot("segments-last");
        }
    }

    /** Opens the editor afresh and picks the rule set; its only segment shows with its matches. */
    private void openEditorOn(String setName, String segmentName, String sampleName) {
        driver.get(base() + "/segments");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("segment-rule-set")));
        select(driver.findElement(By.id("segment-rule-set")), setName);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("segment-segment"), segmentName));
        wait.until(d -> sampleNames().equals(List.of(sampleName)));
        js("document.getElementById('segment-rule-set').scrollIntoView({block: 'end'})");
    }

    private long customer(String code, String name, String city, Gender gender) {
        Customer c = new Customer();
        c.setCode(code.toUpperCase());
        c.setName(name);
        c.setCity(city);
        c.setGender(gender);
        return SystemActor.call(() -> customers.save(c)).getId();
    }

    private SegmentSummary segmentOf(long ruleSetId, String name, int ruleVersion) {
        return SystemActor.call(() -> segments.segments(ruleSetId)).stream()
                .filter(s -> s.name().equals(name) && s.ruleVersion() == ruleVersion)
                .findFirst()
                .orElse(null);
    }

    private void addCondition() {
        int before = driver.findElements(By.cssSelector(".segment-condition")).size();
        driver.findElements(By.cssSelector(".segment-group vaadin-button")).stream()
                .filter(b -> b.getText().equals("添加条件"))
                .findFirst()
                .orElseThrow()
                .click();
        wait.until(d -> d.findElements(By.cssSelector(".segment-condition")).size() == before + 1);
    }

    private WebElement condition(int index) {
        return driver.findElements(By.cssSelector(".segment-condition")).get(index);
    }

    private void radio(String groupId, String label) {
        driver.findElements(By.cssSelector("#" + groupId + " vaadin-radio-button")).stream()
                .filter(r -> r.getText().equals(label))
                .findFirst()
                .orElseThrow()
                .click();
    }

    private List<String> sampleNames() {
        WebElement grid = driver.findElement(By.id("segment-sample"));
        if (!grid.isDisplayed()) {
            return List.of();
        }
        return gridRows("segment-sample").stream().map(List::getFirst).toList();
    }

    private List<String> overviewRow(String segmentName) {
        return gridRows("membership-segments").stream()
                .filter(r -> r.contains(segmentName))
                .findFirst()
                .orElse(null);
    }

    private void selectOverviewRow(String segmentName) {
        driver.findElements(By.cssSelector("#membership-segments vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().equals(segmentName))
                .findFirst()
                .orElseThrow()
                .click();
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    private void openDetails(WebElement details) {
        js("arguments[0].scrollIntoView({block: 'start'})", details);
        details.findElement(By.tagName("vaadin-details-summary")).click();
        wait.until(d -> details.getDomAttribute("opened") != null);
        wait.until(d -> details.findElements(By.cssSelector(".keyuan-why-line")).stream()
                .allMatch(WebElement::isDisplayed));
        js("arguments[0].scrollIntoView({block: 'start'})", details);
    }

    private List<String> whyLines(WebElement details) {
        return details.findElements(By.cssSelector(".keyuan-why-line")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @Override
    String windowSize() {
        return "1440,1160";
    }
}
