package io.keyuan.journey;

import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshWait;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignDraft;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.SurveyStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The satisfaction loop in a real headless Chromium: a manager sends a campaign to a segment from the campaign
 * dialog and copies a recipient's link; the customer answers on a phone-size page (390×844) with a detractor's
 * score; the complaint that opens lands with the customer's owner, who works it to resolved; the manager's results
 * show the new NPS. The designer and the phone entry form are captured on the way. Screenshots land in
 * target/screenshots.
 */
class SurveyJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    SurveyService surveys;

    @Autowired
    CampaignService campaigns;

    @Autowired
    JobService jobs;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_detractor_answer_on_a_phone_opens_a_complaint_the_owner_resolves_and_the_nps_shows_it() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String owner = "journey.owner." + u.toLowerCase();
        long ownerId = SystemActor.call(() -> users.create(owner, "回访专员", "STAFF", PASSWORD))
                .id();
        String city = "满意城" + u;
        Customer customer = TestCustomers.create(customers, "SJ" + u, "满意旅程客" + u, c -> {
            c.setCity(city);
            c.setOwnerId(ownerId);
        });
        String setName = "满意旅程" + u;
        String segmentName = "城中客" + u;
        SegmentSummary segment = SystemActor.call(() -> {
            RuleSetSummary set = segments.createRuleSet(setName, RuleSetMode.OVERLAPPING);
            SegmentSummary s =
                    segments.createSegment(set.id(), segmentName, when(SegmentField.CITY, Operator.EQ, city), null);
            assertThat(RefreshWait.ended(membership, membership.startRefresh(set.id()))
                            .running())
                    .isFalse();
            return s;
        });
        String surveyName = "服务回访" + u;
        SurveyDetail survey = SystemActor.call(() -> surveys.save(new SurveyDraft(
                null,
                0,
                "SJ-" + u,
                surveyName,
                SurveyStatus.ACTIVE,
                List.of(
                        new QuestionDraft(
                                QuestionKind.NPS,
                                true,
                                new LocalizedText(
                                        "您向朋友推荐我们的可能性有多大？",
                                        "您向朋友推薦我們的可能性有多大？",
                                        "How likely are you to recommend us to a friend?"),
                                List.of()),
                        new QuestionDraft(
                                QuestionKind.CSAT,
                                false,
                                new LocalizedText("您对这次服务满意吗？", "您對這次服務滿意嗎？", "How satisfied were you?"),
                                List.of()),
                        new QuestionDraft(
                                QuestionKind.FREE_TEXT,
                                false,
                                new LocalizedText("还有什么想告诉我们的？", "還有什麼想告訴我們的？", "Anything else?"),
                                List.of())))));
        SurveyForm form = SystemActor.call(() -> surveys.form(survey.id()));

        // The manager: the designer, then a campaign to the segment from the campaign dialog.
        WebDriver manager = driver;
        signIn("MANAGER");
        driver.get(base() + "/surveys/" + survey.id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("survey-questions")));
        wait.until(d -> d.findElements(By.cssSelector(
                                "#survey-questions vaadin-text-field, #survey-questions vaadin-text-area"))
                        .size()
                >= 3);
        shot("survey-designer-zh-CN");

        driver.get(base() + "/campaigns");
        click(By.id("campaign-new"));
        String campaignName = "回访活动" + u;
        type("campaign-name", campaignName);
        pick(driver.findElement(By.id("campaign-survey")), "SJ-" + u, "SJ-" + u + " · " + surveyName);
        pick(driver.findElement(By.id("campaign-segment")), segmentName, setName + " / " + segmentName + " (1)");
        shot("survey-campaign-dialog-zh-CN");
        click(By.id("campaign-save"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("campaign-send")));
        long campaignId = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/campaigns/(\\d+).*", "$1"));
        click(By.id("campaign-send"));
        WebElement linkButton =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[id^='link-']")));
        assertThat(gridRows("recipient-grid")).singleElement().asList().contains("满意旅程客" + u, "未答");
        shot("survey-campaign-sent-zh-CN");
        js("arguments[0].scrollIntoView({block: 'center'})", linkButton);
        linkButton.click();
        click(By.cssSelector("#link-confirm [slot='confirm-button']"));
        WebElement linkField =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#link-value input")));
        String link = wait.until(d -> {
            String v = linkField.getDomProperty("value");
            return v != null && v.contains("/a/") ? v : null;
        });
        String path = link.substring(link.indexOf("/a/"));

        // The customer, on a phone: the greeting, the survey, a detractor's 3 and a remark with markup.
        WebDriver phone = newBrowser("390,844");
        // a desktop window cannot be narrower than 500 px: emulate the phone's screen instead
        ((org.openqa.selenium.chrome.ChromeDriver) phone)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        WebDriverWait phoneWait = waitFor(phone);
        phone.get(base() + path);
        phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.id("public-greeting")));
        assertThat(phone.findElement(By.id("public-greeting")).getText()).isEqualTo("您好！");
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) phone)
                                .executeScript("return document.documentElement.scrollWidth"))
                        .intValue())
                .as("nothing wider than the phone's screen")
                .isLessThanOrEqualTo(390);
        WebDriver staffBrowser = driver;
        driver = phone;
        shot("survey-public-390-zh-CN");
        long npsQuestion = form.questions().get(0).id();
        long textQuestion = form.questions().get(2).id();
        WebElement three = phoneWait.until(
                d -> d.findElements(By.cssSelector("#answer-" + npsQuestion + " vaadin-radio-button")).stream()
                        .filter(r -> r.getText().strip().equals("3"))
                        .findFirst()
                        .orElse(null));
        js("arguments[0].scrollIntoView({block: 'center'})", three);
        three.click();
        WebElement remark = phone.findElement(By.cssSelector("#answer-" + textQuestion + " textarea"));
        js("arguments[0].scrollIntoView({block: 'center'})", remark);
        remark.sendKeys("等了太久 <b>很失望</b>");
        shot("survey-public-390-answered-zh-CN");
        WebElement submit = phone.findElement(By.id("answer-submit"));
        js("arguments[0].scrollIntoView({block: 'center'})", submit);
        submit.click();
        phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.id("public-thanks")));
        shot("survey-public-390-thanks-zh-CN");
        driver = staffBrowser;

        // The detractor's complaint, opened after the answer committed, is the owner's.
        Long feedbackId = wait.until(d -> jdbc
                .queryForList(
                        "SELECT id FROM feedback WHERE customer_id = ? AND kind = 'COMPLAINT'",
                        Long.class,
                        customer.getId())
                .stream()
                .findFirst()
                .orElse(null));
        assertThat(jdbc.queryForObject("SELECT owner_id FROM feedback WHERE id = ?", Long.class, feedbackId))
                .isEqualTo(ownerId);

        // The owner signs in, finds it among theirs and works it to resolved.
        driver = newBrowser();
        wait = waitFor(driver);
        signIn(driver, wait, owner);
        driver.get(base() + "/feedback");
        click(By.cssSelector("#feedback-filter-mine label"));
        wait.until(d -> gridRows("feedback-grid").size() == 1);
        shot("survey-feedback-mine-zh-CN");
        driver.get(base() + "/feedback/" + feedbackId);
        wait.until(ExpectedConditions.textToBe(By.id("feedback-status"), "未处理"));
        click(By.id("feedback-move-IN_PROGRESS"));
        wait.until(ExpectedConditions.textToBe(By.id("feedback-status"), "处理中"));
        driver.findElement(By.cssSelector("#feedback-comment textarea, #feedback-comment input"))
                .sendKeys("已致电客户并道歉，安排补发");
        click(By.id("feedback-comment-add"));
        click(By.id("feedback-move-RESOLVED"));
        wait.until(ExpectedConditions.textToBe(By.id("feedback-status"), "已解决"));
        assertThat(driver.findElement(By.id("feedback-timeline")).getText()).contains("已致电客户并道歉，安排补发");
        shot("survey-feedback-resolved-zh-CN");
        assertThat(jdbc.queryForObject("SELECT status FROM feedback WHERE id = ?", String.class, feedbackId))
                .isEqualTo("RESOLVED");

        // The manager's results: one response, a detractor, NPS −100.
        driver = manager;
        wait = waitFor(driver);
        driver.get(base() + "/survey-results?survey=" + survey.id() + "&by=SEGMENT");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#results-responses span:nth-child(2)"), "1"));
        assertThat(driver.findElement(By.cssSelector("#results-nps span:nth-child(2)"))
                        .getText())
                .isEqualTo("-100.0");
        assertThat(driver.findElement(By.id("results-questions")).getText()).contains("等了太久 <b>很失望</b>");
        shot("survey-results-zh-CN");

        // The phone entry form, on a phone campaign to the same segment.
        CampaignDetail phoneCampaign = SystemActor.call(() -> {
            Instant now = Instant.now();
            CampaignDetail c = campaigns.save(new CampaignDraft(
                    null,
                    0,
                    "电话回访" + u,
                    survey.id(),
                    CampaignChannel.PHONE,
                    segment.id(),
                    null,
                    now.minus(1, ChronoUnit.HOURS),
                    now.plus(7, ChronoUnit.DAYS)));
            jobs.await(campaigns.send(c.id(), c.version()), Duration.ofMinutes(1));
            return campaigns.get(c.id());
        });
        driver.get(base() + "/campaigns/" + phoneCampaign.id() + "/phone");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phone-name"), "满意旅程客" + u));
        shot("survey-phone-entry-zh-CN");
        assertThat(campaignId).isPositive();

        // The same screens in the other two languages, as the manager switches in the user menu.
        for (String language : List.of("en", "zh-TW")) {
            switchLanguage(language);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("phone-name")));
            shot("survey-phone-entry-" + language);
            driver.get(base() + "/survey-results?survey=" + survey.id() + "&by=SOURCE_CHANNEL");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#results-nps span:nth-child(2)"), "-100.0"));
            shot("survey-results-" + language);
            driver.get(base() + "/surveys/" + survey.id());
            wait.until(d -> d.findElements(By.cssSelector(
                                    "#survey-questions vaadin-text-field, #survey-questions vaadin-text-area"))
                            .size()
                    >= 3);
            shot("survey-designer-" + language);
            driver.get(base() + "/campaigns/" + phoneCampaign.id() + "/phone");
        }
    }

    /** The screen as the journey left it: what a failing run was looking at. */
    @AfterEach
    void lastScreen() throws Exception {
        if (driver != null) {
            shot("survey-last");
        }
    }

    @Override
    String windowSize() {
        return "1440,1000";
    }
}
