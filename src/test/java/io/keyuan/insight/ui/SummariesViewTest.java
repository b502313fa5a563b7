package io.keyuan.insight.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.insight.SummaryTab;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SummariesViewTest extends KeyuanViewTest {
    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Autowired
    CustomerService customers;

    @Autowired
    JobService jobs;

    YearMonth now;
    long pipelineId;

    /** A pipeline with one deal moved from the first stage to the second this month. */
    @BeforeEach
    void pipelineWithADeal() {
        now = YearMonth.now(BusinessTime.ZONE);
        PipelineDetail p = SystemActor.call(() -> pipelines.copy(1, "汇总视图" + TestData.unique()));
        pipelineId = p.pipeline().id();
        Customer c = new Customer();
        c.setName("汇总视图客户" + TestData.unique());
        long cid = SystemActor.call(() -> customers.save(c)).getId();
        Deal d = new Deal();
        d.setPipelineId(pipelineId);
        d.setCustomerId(cid);
        d.setTitle("汇总商机");
        d.setValue(new BigDecimal("10.00"));
        Deal saved = SystemActor.call(() -> deals.save(d));
        SystemActor.run(() ->
                deals.move(saved.getId(), saved.getVersion(), p.stages().get(1).id()));
    }

    private SummariesView openSummaries(String query) {
        UI.getCurrent().navigate("insight/summaries", com.vaadin.flow.router.QueryParameters.fromString(query));
        return $(SummariesView.class).single();
    }

    @Test
    @AsManager
    void the_address_chooses_the_tab_period_and_pipeline_and_the_funnel_shows_its_stages() {
        SummariesView view = openSummaries("tab=funnel&from=" + now + "&to=" + now + "&pipeline=" + pipelineId);

        assertThat(view.tab()).isEqualTo(SummaryTab.FUNNEL);
        assertThat(view.from.getValue()).isEqualTo(now);
        assertThat(view.pipeline.getValue()).isEqualTo(pipelineId);
        assertThat(view.pipeline.isVisible()).isTrue();
        assertThat(view.segment.isVisible()).as("the funnel reads no segment").isFalse();
        assertThat(view.empty.isVisible()).isFalse();
        assertThat(view.chart.isVisible()).isTrue();
        assertThat(view.chart.optionJson()).contains("\"type\":\"funnel\"", "所有目标对象");
        var stages = test(view.grids.get(0));
        assertThat(stages.getCellText(0, 0)).isEqualTo("所有目标对象");
        assertThat(stages.getCellText(0, 2)).isEqualTo("1");
        assertThat(stages.getCellText(0, 4)).isEqualTo("100.0 %");
        assertThat(stages.getCellText(1, 4)).as("nobody went on from stage 2").isEqualTo("0.0 %");
        assertThat(stages.getCellText(2, 4))
                .as("nobody reached stage 3: no 0 ÷ 0")
                .isEqualTo("—");
        assertThat(view.note.getText())
                .as("nothing closed: the overall win rate is —")
                .isEqualTo(t("insight.summary.funnel.headline", "—", 0, 0, 1));
        var byChannel = test(view.grids.get(1));
        assertThat(byChannel.getCellText(0, 5)).as("nothing closed yet").isEqualTo("—");

        String bookmark = view.bookmark();
        assertThat(bookmark.substring(bookmark.indexOf('?') + 1).split("&"))
                .containsExactlyInAnyOrder("tab=funnel", "from=" + now, "to=" + now, "pipeline=" + pipelineId);
    }

    @Test
    @AsManager
    void an_empty_period_and_a_reversed_one_explain_themselves() {
        YearMonth old = now.minusYears(4);
        SummariesView view = openSummaries("tab=funnel&from=" + old + "&to=" + old + "&pipeline=" + pipelineId);
        assertThat(view.empty.isVisible()).isTrue();
        assertThat(view.empty.getText())
                .startsWith(t("insight.summary.funnel.empty", "x", old, old).substring(0, 3));
        assertThat(view.empty.getText()).contains(old.toString());
        assertThat(view.chart.isVisible()).as("no blank chart").isFalse();
        assertThat(view.grids).isEmpty();

        view = openSummaries("tab=nonsense&from=" + now + "&to=" + now.minusMonths(2) + "&pipeline=x");
        assertThat(view.tab()).isEqualTo(SummaryTab.FUNNEL);
        assertThat(view.empty.getText()).isEqualTo(t("insight.error.period-order"));
    }

    @Test
    @AsManager
    void the_satisfaction_tab_reads_segment_and_channel_from_the_address_and_says_when_nobody_answered() {
        YearMonth old = now.minusYears(7);
        SummariesView view = openSummaries("tab=satisfaction&from=" + old + "&to=" + old + "&channel=0");
        assertThat(view.tab()).isEqualTo(SummaryTab.SATISFACTION);
        assertThat(view.channel.getValue()).isZero();
        assertThat(view.segment.isVisible()).isTrue();
        assertThat(view.pipeline.isVisible())
                .as("satisfaction reads no pipeline")
                .isFalse();
        assertThat(view.empty.getText())
                .isEqualTo(t("insight.summary.satisfaction.empty", old.toString(), old.toString()));
        assertThat(view.chart.isVisible()).isFalse();
        assertThat(view.bookmark()).contains("tab=satisfaction", "channel=0");

        answerThisMonth(9);
        view = openSummaries("tab=satisfaction&from=" + now + "&to=" + now);
        assertThat(view.empty.isVisible()).isFalse();
        assertThat(view.chart.spec().kind()).isEqualTo(io.keyuan.shared.ui.ChartSpec.Kind.LINE);
        assertThat(view.chart.spec().series())
                .extracting(io.keyuan.shared.ui.ChartSpec.Series::name)
                .startsWith(t("insight.summary.col.nps"), t("insight.summary.col.csat"));
    }

    @Test
    @AsManager
    void the_tier_tab_says_what_its_margin_covers_and_explains_a_period_without_purchases() {
        YearMonth old = now.minusYears(8);
        SummariesView view = openSummaries("tab=tiers&from=" + old + "&to=" + old);
        assertThat(view.tab()).isEqualTo(SummaryTab.TIERS);
        assertThat(view.channel.isVisible()).isFalse();
        assertThat(view.segment.isVisible()).isFalse();
        assertThat(view.note.getText()).isEqualTo(t("insight.summary.tiers.note"));
        assertThat(view.empty.getText()).isEqualTo(t("insight.summary.tiers.empty", old.toString(), old.toString()));
        assertThat(view.chart.isVisible()).isFalse();
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    io.keyuan.survey.PublicAnswerService answers;

    /** One answer this month, through a campaign sent to a segment of one customer. */
    private void answerThisMonth(int nps) {
        io.keyuan.survey.TestSurveys.forgetRateLimits(context);
        var fixtures = io.keyuan.survey.TestSurveys.from(context);
        var survey = fixtures.activeSurvey();
        var form = SystemActor.call(() -> fixtures.surveys.form(survey.id()));
        var world = fixtures.segmentOf(1);
        var sent = fixtures.send(fixtures.draft(
                survey.id(),
                io.keyuan.survey.CampaignChannel.ONLINE,
                world.segment().id(),
                null));
        answers.submit(
                sent.tokens().getFirst(),
                "198.51.100.77",
                java.util.List.of(io.keyuan.survey.AnswerInput.score(
                        form.questions().getFirst().id(), nps)));
    }

    @Test
    @AsManager
    void the_segment_tab_draws_a_line_per_segment_and_keeps_the_segment_of_the_address() {
        var world = io.keyuan.survey.TestSurveys.from(context).segmentOf(2);
        long segment = world.segment().id();
        SummariesView view =
                openSummaries("tab=segments&from=" + now.minusMonths(1) + "&to=" + now + "&segment=" + segment);
        assertThat(view.tab()).isEqualTo(SummaryTab.SEGMENTS);
        assertThat(view.segment.getValue()).isEqualTo(segment);
        assertThat(view.empty.isVisible()).isFalse();
        assertThat(view.chart.spec().series()).singleElement().satisfies(line -> {
            assertThat(line.name()).endsWith(world.segment().name());
            assertThat(new java.util.ArrayList<Object>(line.values())).containsExactly(null, 2L);
        });
        var grid = test(view.grids.getFirst());
        assertThat(grid.size()).isEqualTo(2);
        assertThat(grid.getCellText(0, 2)).as("not refreshed before this month").isEqualTo("—");
        assertThat(grid.getCellText(1, 2)).isEqualTo("2");
        assertThat(view.bookmark()).contains("tab=segments", "segment=" + segment);

        YearMonth old = now.minusYears(9);
        view = openSummaries("tab=segments&from=" + old + "&to=" + old + "&segment=" + segment);
        assertThat(view.empty.getText()).isEqualTo(t("insight.summary.segments.empty", old.toString()));
        assertThat(view.chart.isVisible()).isFalse();
    }

    @Test
    @AsManager
    void the_export_runs_as_a_job_that_writes_the_tables() {
        openSummaries("tab=funnel&from=" + now + "&to=" + now + "&pipeline=" + pipelineId);
        test($(Button.class).id("summary-export")).click();
        ExportDialog dialog = $(ExportDialog.class).single();
        var done = jobs.await(dialog.job(), Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.resultName()).isEqualTo("summary-funnel-" + now + "-" + now + ".xlsx");
    }

    @Test
    @AsManager
    void managers_find_the_summaries_in_the_menu_after_the_other_insight_entries() {
        open("customers");
        var labels = $(SideNav.class).id("main-nav").getItems().stream()
                .map(SideNavItem::getLabel)
                .toList();
        assertThat(labels).contains("汇总分析");
        assertThat(labels.indexOf("汇总分析")).isGreaterThan(labels.indexOf("渠道效果"));
        setLocale(Locale.ENGLISH);
        SummariesView view = openSummaries("tab=funnel");
        assertThat(view.tabOf.get(SummaryTab.FUNNEL).getLabel()).isEqualTo("Funnel");
        assertThat(view.export.getText()).isEqualTo("Export to Excel");
    }

    @Test
    @AsStaff
    void staff_cannot_open_the_summaries() {
        assertThat(open("insight/summaries")).isInstanceOf(AccessDeniedView.class);
    }
}
