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

        // Another test may have built the snapshot before these purchases: build it again, as "Rebuild" does.
        SystemActor.run(() -> jobs.await(snapshots.startRebuild(), Duration.ofMinutes(2)));
        signIn("MANAGER");
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

        switchLanguage("en");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#channel-report-chart svg")));
        shot("insight-channels-en");
        driver.get(base() + "/insight/customers?months=24");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#insight-lifecycle-chart svg")));
        wait.until(d -> gridRows("insight-months").size() >= 24);
        shot("insight-customers-en");
        js("document.getElementById('insight-rfm').scrollIntoView()");
        shot("insight-rfm-en");
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
