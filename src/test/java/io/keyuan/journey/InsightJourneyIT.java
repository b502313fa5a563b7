package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelDraft;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.customer.domain.Customer;
import io.keyuan.insight.ChannelPerformanceService;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer analysis in a real headless Chromium: a manager opens it, the lifecycle chart is drawn by ECharts
 * (an SVG appears in the chart element), the period in the address is what the page shows, and a click on an RFM
 * cell lists its customers. Screens in Simplified Chinese and English land in target/screenshots.
 */
class InsightJourneyIT extends ChromiumJourney {
    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    JobService jobs;

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerSnapshots snapshots;

    @Autowired
    ChannelPerformanceService channelReports;

    @Autowired
    io.keyuan.pipeline.PipelineService pipelines;

    @Autowired
    io.keyuan.pipeline.DealService deals;

    @Autowired
    io.keyuan.survey.FeedbackService feedback;

    @Test
    void a_manager_reads_the_customer_analysis_with_its_charts_and_opens_an_rfm_cell() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        Random random = new Random(7);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        List<Long> channelIds = SystemActor.call(() -> List.of(
                channels.create(new ChannelDraft(
                                "旅程展会" + u, ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, true, null))
                        .id(),
                channels.create(new ChannelDraft(
                                "旅程口碑" + u, ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true, null))
                        .id(),
                channels.create(new ChannelDraft(
                                "旅程搜索" + u, ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true, null))
                        .id()));
        SystemActor.run(() -> {
            for (int m = 0; m < 12; m++) {
                for (int k = 0; k < channelIds.size(); k++) {
                    channels.setCost(
                            channelIds.get(k),
                            month.minusMonths(m),
                            BigDecimal.valueOf(300L * (k + 1) + 20L * m),
                            null);
                }
            }
            for (int i = 0; i < 40; i++) {
                Customer c = new Customer();
                c.setName("洞察旅程客" + u + i);
                c.setSourceChannelId(channelIds.get(i % channelIds.size()));
                long id = customers.save(c).getId();
                int n = random.nextInt(5);
                for (int p = 0; p < n; p++) {
                    customers.recordPurchase(new NewPurchase(
                            id,
                            today.minusDays(random.nextInt(700)),
                            "旅程商品",
                            1,
                            BigDecimal.valueOf(50 + random.nextInt(2000)),
                            SalesChannel.STORE));
                }
            }
            jobs.await(metrics.startRefreshAll(), Duration.ofMinutes(2));
        });

        // A staff member with deals of their own (open, one won) and complaints due, for the home dashboard.
        String staff = "journey.home." + u.toLowerCase();
        long staffId = SystemActor.call(() -> users.create(staff, "首页员工", "STAFF", PASSWORD))
                .id();
        SystemActor.run(() -> {
            var p = pipelines.copy(1, "首页旅程流程" + u);
            Customer c = new Customer();
            c.setName("首页商机客户" + u);
            long cid = customers.save(c).getId();
            for (int i = 0; i < 5; i++) {
                io.keyuan.pipeline.domain.Deal d = new io.keyuan.pipeline.domain.Deal();
                d.setPipelineId(p.pipeline().id());
                d.setCustomerId(cid);
                d.setTitle("首页商机" + i);
                d.setValue(BigDecimal.valueOf(1200L * (i + 1)));
                d.setOwnerId(staffId);
                var saved = deals.save(d);
                if (i == 0) {
                    deals.win(
                            saved.getId(), saved.getVersion(), p.stages().get(6).id(), null);
                } else if (i == 1) {
                    deals.markLost(
                            saved.getId(), saved.getVersion(), p.stages().get(7).id(), "预算不足");
                }
            }
            for (int i = 0; i < 2; i++) {
                feedback.create(new io.keyuan.survey.NewFeedback(
                        io.keyuan.survey.FeedbackKind.COMPLAINT,
                        io.keyuan.survey.FeedbackCategory.SERVICE,
                        io.keyuan.survey.FeedbackSeverity.MEDIUM,
                        "首页投诉" + i,
                        "首页旅程的投诉",
                        cid,
                        staffId,
                        today.plusDays(i),
                        null,
                        null));
            }
        });

        // Another test may have built the snapshot before these purchases: build it again, as "Rebuild" does.
        SystemActor.run(() -> jobs.await(snapshots.startRebuild(), Duration.ofMinutes(2)));
        String manager = signIn("MANAGER");
        driver.get(base() + "/insight/customers?months=24");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#insight-lifecycle-chart svg")));
        wait.until(d -> gridRows("insight-months").size() >= 24);
        assertThat(driver.findElement(By.id("insight-period")).getText()).contains("24");
        js("document.getElementById('insight-lifecycle-chart').scrollIntoView()");
        shot("insight-customers-zh-CN");
        js("document.getElementById('insight-rfm').scrollIntoView()");
        shot("insight-rfm-zh-CN");

        List<org.openqa.selenium.WebElement> cells =
                driver.findElements(By.cssSelector(".keyuan-rfm-cell:not([disabled])"));
        assertThat(cells).isNotEmpty();
        click(By.id(cells.getFirst().getAttribute("id")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rfm-cell-customers")));
        wait.until(d -> !gridRows("rfm-cell-customers").isEmpty());
        shot("insight-rfm-cell-zh-CN");
        click(By.id("rfm-cell-close"));

        // The channel report for the last 12 months, by channel, once its figures are built.
        String channelReport =
                base() + "/insight/channels?from=" + month.minusMonths(11) + "&to=" + month + "&by=CHANNEL";
        SystemActor.run(() -> jobs.await(channelReports.startRebuild(), Duration.ofMinutes(2)));
        driver.get(channelReport);
        wait.until(d -> gridRows("channel-report-grid").stream()
                .anyMatch(r -> String.join(" ", r).contains("旅程展会" + u)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channel-report-chart svg")));
        shot("insight-channels-zh-CN");

        // The home dashboard: the business this month against last, each tile with its trend and link.
        driver.get(base() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-tile-nps")));
        assertThat(driver.findElement(By.id("home-business-title")).getText()).startsWith("本月经营");
        assertThat(driver.findElement(By.id("home-value-revenue")).getText()).startsWith("¥");
        assertThat(driver.findElement(By.id("home-as-of")).getText()).doesNotContain("尚未");
        shot("insight-dashboard-zh-CN");
        click(By.id("home-link-new-customers"));
        wait.until(d -> gridRows("channel-report-grid").stream()
                .anyMatch(r -> String.join(" ", r).contains("旅程展会" + u)));
        assertThat(driver.getCurrentUrl()).contains("/insight/channels?from=" + month + "&to=" + month);

        switchLanguage("en");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channel-report-chart svg")));
        shot("insight-channels-en");
        driver.get(base() + "/insight/customers?months=24");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#insight-lifecycle-chart svg")));
        wait.until(d -> gridRows("insight-months").size() >= 24);
        shot("insight-customers-en");
        js("document.getElementById('insight-rfm').scrollIntoView()");
        shot("insight-rfm-en");
        driver.get(base() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-tile-nps")));
        assertThat(driver.findElement(By.id("home-business-title")).getText()).startsWith("This month");
        shot("insight-dashboard-en");

        // The same page on a phone, 390 px wide: one column of tiles.
        org.openqa.selenium.WebDriver phone = newBrowser("390,844");
        // a desktop window cannot be narrower than 500 px: emulate the phone's screen instead
        ((org.openqa.selenium.chrome.ChromeDriver) phone)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        var phoneWait = waitFor(phone);
        signIn(phone, phoneWait, manager);
        phoneWait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-tile-nps")));
        assertThat(((Number) ((org.openqa.selenium.JavascriptExecutor) phone)
                                .executeScript("return document.documentElement.scrollWidth"))
                        .intValue())
                .as("nothing wider than the phone's screen")
                .isLessThanOrEqualTo(390);
        // the manager chose English above, and the choice is kept with the user
        shot(phone, "insight-dashboard-390-en");

        // A staff member: their own work and today's, no business figures.
        org.openqa.selenium.WebDriver staffBrowser = newBrowser("1440,1000");
        var staffWait = waitFor(staffBrowser);
        signIn(staffBrowser, staffWait, staff);
        staffWait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-tile-feedback-due")));
        assertThat(staffBrowser.findElements(By.id("home-business"))).isEmpty();
        assertThat(staffBrowser.findElement(By.id("home-value-my-open-deals")).getText())
                .isEqualTo("3");
        assertThat(staffBrowser.findElement(By.id("home-value-my-won-deals")).getText())
                .isEqualTo("1");
        assertThat(staffBrowser
                        .findElement(By.id("home-value-my-open-feedback"))
                        .getText())
                .isEqualTo("2");
        assertThat(staffBrowser.findElement(By.id("home-value-feedback-due")).getText())
                .isEqualTo("1");
        shot(staffBrowser, "insight-dashboard-staff-zh-CN");
    }

    private void shot(org.openqa.selenium.WebDriver browser, String name) throws Exception {
        byte[] png =
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        java.nio.file.Files.write(shots.resolve(name + ".png"), png);
    }

    // ---- insight-referrals: the channel mix and the referral report (kept apart from the other steps) ----

    @Test
    void a_manager_reads_the_channel_mix_switches_it_to_revenue_and_reads_the_referral_report() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        Random random = new Random(12);
        long fair = SystemActor.call(() -> channels.create(new ChannelDraft(
                        "构成展会" + u, ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, true, null))
                .id());
        long word = SystemActor.call(() -> channels.create(
                        new ChannelDraft("构成口碑" + u, ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true, null))
                .id());
        long search = SystemActor.call(() -> channels.create(
                        new ChannelDraft("构成搜索" + u, ChannelCategory.ONLINE, AcquisitionMethod.RESEARCH, true, null))
                .id());
        String[] surnames = {"张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴"};
        String[] given = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "涛", "明"};
        SystemActor.run(() -> {
            // Customers of the promotion and online channels, each acquired by a first purchase in the last year.
            for (int i = 0; i < 36; i++) {
                buyer(i % 2 == 0 ? fair : search, null, surnames[i % 10] + given[i % 12] + u + i, today, random);
            }
            // Four promoters and the customers they brought, some of whom brought others in turn.
            List<Long> promoters = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                promoters.add(buyer(word, null, "推荐人" + surnames[i] + given[i + 3] + u, today, random));
            }
            List<Long> brought = new java.util.ArrayList<>();
            for (int i = 0; i < 14; i++) {
                long referrer = promoters.get(i % 5 == 4 ? 3 : i % 3);
                brought.add(
                        buyer(word, referrer, surnames[(i + 3) % 10] + given[(i + 5) % 12] + u + "介", today, random));
            }
            for (int i = 0; i < 4; i++) {
                long second = buyer(word, brought.get(i), surnames[(i + 6) % 10] + given[i] + u + "二", today, random);
                if (i == 0) {
                    buyer(word, second, surnames[9] + given[11] + u + "三", today, random);
                }
            }
        });
        SystemActor.run(() -> jobs.await(channelReports.startRebuild(), Duration.ofMinutes(2)));
        signIn("MANAGER");

        // The mix by channel category over the last 12 months: a stacked bar per month with its table.
        driver.get(base() + "/insight/channels?from=" + month.minusMonths(11) + "&to=" + month
                + "&by=CATEGORY&mix=customers");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channel-mix-chart svg")));
        wait.until(d -> gridRows("channel-mix-grid").size() == 12);
        js("document.getElementById('channel-mix-title').scrollIntoView()");
        shot("insight-mix-zh-CN");
        select(driver.findElement(By.id("channel-mix-measure")), "收入");
        wait.until(d -> String.valueOf(js("return location.search")).contains("mix=revenue"));
        wait.until(d -> gridRows("channel-mix-grid").stream()
                .anyMatch(r -> String.join(" ", r).contains("¥")));

        // The referral report of the word-of-mouth channel: the comparison, the promoters (linked), the chains.
        String referrals =
                base() + "/insight/referrals?from=" + month.minusMonths(11) + "&to=" + month + "&channel=" + word;
        driver.get(referrals);
        wait.until(d -> gridRows("referral-promoters").size() == 9);
        assertThat(driver.findElement(By.id("referral-summary")).getText()).contains("19");
        assertThat(gridRows("referral-depths")).hasSize(3);
        shot("insight-referrals-zh-CN");

        switchLanguage("en");
        wait.until(d -> gridRows("referral-promoters").size() == 9);
        assertThat(driver.findElement(By.id("referral-summary")).getText()).contains("referred");
        shot("insight-referrals-en");
        driver.get(base() + "/insight/channels?from=" + month.minusMonths(11) + "&to=" + month
                + "&by=CATEGORY&mix=revenue");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channel-mix-chart svg")));
        wait.until(d -> gridRows("channel-mix-grid").size() == 12);
        js("document.getElementById('channel-mix-title').scrollIntoView()");
        shot("insight-mix-en");

        // A promoter's link opens their customer page.
        driver.get(referrals);
        wait.until(d -> gridRows("referral-promoters").size() == 9);
        click(By.cssSelector("#referral-promoters a[href^='customers/']"));
        wait.until(d -> d.getCurrentUrl().matches(".*/customers/\\d+$"));
    }

    /** A customer of the channel (referred by {@code referrer}) who first bought on a day of the last 11 months. */
    private long buyer(long channel, Long referrer, String name, LocalDate today, Random random) {
        Customer c = new Customer();
        c.setName(name);
        c.setSourceChannelId(channel);
        c.setReferredById(referrer);
        long id = customers.save(c).getId();
        int n = 1 + random.nextInt(3);
        int first = random.nextInt(330);
        for (int p = 0; p < n; p++) {
            customers.recordPurchase(new NewPurchase(
                    id,
                    today.minusDays(Math.max(0, first - 20L * p)),
                    "旅程商品",
                    1,
                    BigDecimal.valueOf(80 + random.nextInt(1500)),
                    SalesChannel.STORE));
        }
        return id;
    }

    @AfterEach
    void lastScreen() throws Exception {
        if (driver != null) {
            shot("insight-last");
        }
    }

    @Override
    String windowSize() {
        return "1440,1000";
    }

    // ---- insight-summaries: the summaries view (funnel, satisfaction, price tiers, segment sizes) ----

    @Autowired
    org.springframework.context.ApplicationContext summaryContext;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate summaryJdbc;

    @Autowired
    io.keyuan.pipeline.PipelineService summaryPipelines;

    @Autowired
    io.keyuan.pipeline.DealService summaryDeals;

    @Autowired
    io.keyuan.survey.PublicAnswerService summaryAnswers;

    @Autowired
    org.springframework.context.ApplicationEventPublisher summaryEvents;

    @Autowired
    io.keyuan.insight.TierRevenueRollup summaryTierRollup;

    /**
     * A manager reads each summary tab in Chromium, in Simplified Chinese and English: the funnel of a pipeline with
     * twelve deals, NPS and CSAT over four months, revenue and margin by price tier over six, and a segment's size
     * over the months of its refreshes; ECharts draws each chart (an SVG in the chart element).
     */
    @Test
    void a_manager_reads_the_four_summaries_with_their_charts_in_chinese_and_english() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        YearMonth month = YearMonth.now(BusinessTime.ZONE);
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        Random random = new Random(11);
        // the funnel: 12 deals of two channels walked along the acquisition template's stages
        long pipelineId = SystemActor.call(() -> {
            io.keyuan.pipeline.PipelineDetail p = summaryPipelines.copy(1, "汇总旅程流程" + u);
            long a = channels.create(new ChannelDraft(
                            "汇总展会" + u, ChannelCategory.PROMOTION, AcquisitionMethod.TRADE_FAIR, true, null))
                    .id();
            long b = channels.create(new ChannelDraft(
                            "汇总口碑" + u, ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL, true, null))
                    .id();
            Customer c = new Customer();
            c.setName("汇总旅程客" + u);
            long cid = customers.save(c).getId();
            int[] reach = {1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 6, 6};
            for (int i = 0; i < reach.length; i++) {
                io.keyuan.pipeline.domain.Deal d = new io.keyuan.pipeline.domain.Deal();
                d.setPipelineId(p.pipeline().id());
                d.setCustomerId(cid);
                d.setTitle("汇总商机" + i);
                d.setValue(BigDecimal.valueOf(1000 + 100L * i));
                d.setChannelId(i % 2 == 0 ? a : b);
                io.keyuan.pipeline.domain.Deal saved = summaryDeals.save(d);
                long version = saved.getVersion();
                for (int s = 2; s <= reach[i]; s++) {
                    version = summaryDeals
                            .move(saved.getId(), version, p.stages().get(s - 1).id())
                            .version();
                }
                if (reach[i] == 6) {
                    version = summaryDeals
                            .move(saved.getId(), version, p.stages().get(6).id())
                            .version();
                } else if (i % 3 == 1) {
                    summaryDeals.markLost(
                            saved.getId(), version, p.stages().get(7).id(), "价格");
                }
            }
            return p.pipeline().id();
        });
        // satisfaction: eight customers of one segment answer, their answers spread over four months
        io.keyuan.survey.TestSurveys.forgetRateLimits(summaryContext);
        var fixtures = io.keyuan.survey.TestSurveys.from(summaryContext);
        var survey = fixtures.activeSurvey();
        var form = SystemActor.call(() -> fixtures.surveys.form(survey.id()));
        var world = fixtures.segmentOf(8);
        var sent = fixtures.send(fixtures.draft(
                survey.id(),
                io.keyuan.survey.CampaignChannel.ONLINE,
                world.segment().id(),
                null));
        for (int i = 0; i < 8; i++) {
            summaryAnswers.submit(
                    sent.tokens().get(i),
                    "198.51.100." + (100 + i),
                    List.of(
                            io.keyuan.survey.AnswerInput.score(
                                    form.questions().get(0).id(), 5 + random.nextInt(6)),
                            io.keyuan.survey.AnswerInput.score(
                                    form.questions().get(1).id(), 2 + random.nextInt(4))));
            summaryJdbc.update(
                    "UPDATE survey_response SET answered_at = ? WHERE campaign_id = ? AND customer_id = ?",
                    java.sql.Timestamp.from(month.minusMonths(i % 4)
                            .atDay(5)
                            .atTime(12, 0)
                            .atZone(BusinessTime.ZONE)
                            .toInstant()),
                    sent.campaign().id(),
                    world.members().get(i).getId());
        }
        // the segment's first refresh three months ago, the second now
        summaryJdbc.update(
                "UPDATE segment_refresh_run SET started_at = ? WHERE id IN"
                        + " (SELECT run_id FROM segment_refresh_count WHERE segment_id = ?)",
                java.sql.Timestamp.from(month.minusMonths(3)
                        .atDay(2)
                        .atStartOfDay(BusinessTime.ZONE)
                        .toInstant()),
                world.segment().id());
        SystemActor.run(() -> {
            for (int i = 0; i < 4; i++) {
                Customer c = new Customer();
                c.setName("汇总迁入" + u + i);
                c.setCity(world.city());
                customers.save(c);
            }
        });
        fixtures.refresh(world.ruleSetId());
        // price tiers: two tiers, a product with a cost, purchases over six months
        io.keyuan.pricing.TestPricing pricing = new io.keyuan.pricing.TestPricing(summaryJdbc, summaryEvents);
        long category = pricing.category("SJ");
        pricing.product(category, "SJP", "汇总产品", "200.00", "120.00");
        String code = pricing.code("SJP");
        long gold = pricing.tier("SJG", "金卡");
        long silver = pricing.tier("SJS", "银卡");
        SystemActor.run(() -> {
            for (int i = 0; i < 6; i++) {
                Customer c = new Customer();
                c.setName("汇总等级客" + u + i);
                long id = customers.save(c).getId();
                pricing.customerTier(id, i % 2 == 0 ? gold : silver);
                for (int m = 0; m < 6; m++) {
                    customers.recordPurchase(new NewPurchase(
                            id,
                            m == 0 ? today : month.minusMonths(m).atDay(10),
                            m % 2 == 0 ? code + " · 汇总产品" : "手写产品",
                            1 + random.nextInt(3),
                            BigDecimal.valueOf(200 + random.nextInt(400)),
                            SalesChannel.STORE));
                }
            }
        });

        // the tier figures come from a rollup: build it with these purchases, as "Rebuild" does
        SystemActor.run(() -> jobs.await(summaryTierRollup.startRebuild(), Duration.ofMinutes(2)));
        signIn("MANAGER");
        String period = "&from=" + month.minusMonths(5) + "&to=" + month;
        String[][] tabs = {
            {"funnel", "&pipeline=" + pipelineId},
            {"satisfaction", "&segment=" + world.segment().id()},
            {"tiers", ""},
            {"segments", "&segment=" + world.segment().id()}
        };
        for (String lang : List.of("zh-CN", "en")) {
            if (lang.equals("en")) {
                switchLanguage("en");
            }
            for (String[] tab : tabs) {
                driver.get(base() + "/insight/summaries?tab=" + tab[0] + period + tab[1]);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#summary-chart svg")));
                wait.until(d -> !gridRows("summary-table-0").isEmpty());
                shot("insight-" + tab[0] + "-" + lang);
            }
        }
        assertThat(driver.findElement(By.id("summary-tab-segments")).getText()).isEqualTo("Segment sizes");
    }
}
