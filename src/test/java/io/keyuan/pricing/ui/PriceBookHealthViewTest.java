package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import io.keyuan.TestData;
import io.keyuan.pricing.HealthIssue;
import io.keyuan.pricing.PriceBookHealthService;
import io.keyuan.pricing.PriceRuleService;
import io.keyuan.pricing.PricingRows;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.RuleScope;
import io.keyuan.pricing.domain.PriceRule;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class PriceBookHealthViewTest extends KeyuanViewTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobService jobs;

    @Autowired
    PriceBookHealthService health;

    @Autowired
    PriceRuleService rules;

    private PriceBookHealthView view() {
        return $(PriceBookHealthView.class).single();
    }

    /** Lets the job's updates (queued through UI.access) reach the view until it has stopped following the job. */
    private void untilTheViewHasTheResult(PriceBookHealthView view) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        runPendingUiTasks();
        while (view.checking() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
        assertThat(view.checking()).as("the view saw the job end").isFalse();
    }

    private void noCheckRunning() {
        health.currentCheck().ifPresent(j -> jobs.await(j.id(), WAIT));
    }

    @Test
    @AsStaff
    void staff_cannot_open_the_health_check() {
        assertThat(open("pricing-health")).isInstanceOf(AccessDeniedView.class);
    }

    @Test
    @AsManager
    void manager_starts_a_check_as_a_job_and_sees_the_issues_with_their_fix_links_and_counts() throws Exception {
        noCheckRunning();
        long tier = PricingRows.tier(jdbc, "VT-" + TestData.unique());
        long product = PricingRows.product(jdbc);
        rules.save(rule(r -> r.setPromotion(true), product));
        PriceRule shadowed = rules.save(rule(r -> {}, product));
        navigate(PriceBookHealthView.class);
        PriceBookHealthView view = view();

        test(view.refresh).click();

        JobId job = view.checkingJob();
        assertThat(job).as("the click started a job and the view follows it").isNotNull();
        assertThat(view.refresh.isEnabled())
                .as("no second check while one runs")
                .isFalse();
        JobView done = jobs.await(job, WAIT);
        assertThat(done.kind()).isEqualTo("pricing-health-check");
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.owner()).isEqualTo(MANAGER_USER);
        untilTheViewHasTheResult(view);

        assertThat(view.refresh.isEnabled()).isTrue();
        assertThat(view.busy.isVisible()).isFalse();
        assertThat(view.never.isVisible()).isFalse();
        assertThat(view.clean.isVisible()).isFalse();
        assertThat(view.grid.isVisible()).isTrue();
        assertThat(view.issues()).hasSize(((Number) done.summary().get("issues")).intValue());

        HealthIssue tierIssue = view.issues().stream()
                .filter(i -> i.tierId() != null && i.tierId() == tier)
                .findFirst()
                .orElseThrow();
        assertThat(tierIssue.kind()).isEqualTo(HealthIssue.Kind.TIER_NO_SEGMENT);
        assertThat(view.explain(tierIssue))
                .isEqualTo(t(
                        "pricing.health.explain.TIER_NO_SEGMENT",
                        tierIssue.code(),
                        t("pricing.health.several-rules"),
                        ""));
        assertThat(fixLink(view, tierIssue)).isEqualTo("tiers?tier=" + tier);

        HealthIssue ruleIssue = view.issues().stream()
                .filter(i -> shadowed.getId().equals(i.ruleId()))
                .findFirst()
                .orElseThrow();
        assertThat(ruleIssue.kind()).isEqualTo(HealthIssue.Kind.SHADOWED);
        assertThat(fixLink(view, ruleIssue)).isEqualTo("rules/" + shadowed.getId());

        assertThat(view.counts.getChildren().count()).isEqualTo(HealthIssue.Kind.values().length);
        long shadowedCount = view.issues().stream()
                .filter(i -> i.kind() == HealthIssue.Kind.SHADOWED)
                .count();
        assertThat(((Span) view.counts
                                .getChildren()
                                .filter(c -> c.getId().orElse("").equals("health-count-SHADOWED"))
                                .findFirst()
                                .orElseThrow())
                        .getText())
                .isEqualTo(t("pricing.health.kind.SHADOWED") + ": " + shadowedCount);
        assertThat(view.checkedAt.getText()).contains(MANAGER_USER);
        assertThat(notificationTexts())
                .contains(t("pricing.health.done", view.issues().size()));

        // the report is kept: the page opens on it at once, with no job of its own
        navigate(RuleListView.class);
        navigate(PriceBookHealthView.class);
        PriceBookHealthView again = view();
        assertThat(again.checking()).isFalse();
        assertThat(again.issues()).contains(tierIssue, ruleIssue);
        assertThat(again.checkedAt.getText()).isEqualTo(view.checkedAt.getText());
    }

    @Test
    @AsManager
    void a_check_already_going_on_is_followed_instead_of_starting_another() throws Exception {
        noCheckRunning();
        JobId started = health.startCheck();
        navigate(PriceBookHealthView.class);
        PriceBookHealthView view = view();
        JobId followed = view.checkingJob();
        JobId[] later = {null};
        if (followed != null) {
            // still running when the page opened: the page follows that job, and a click starts no other
            assertThat(followed).isEqualTo(started);
            view.start();
            JobId after = view.checkingJob();
            if (after != null && !after.equals(started)) {
                // unless the first check ended between the two lines: then a click rightly starts a new one
                assertThat(jobs.get(started).active()).isFalse();
                later[0] = after;
                jobs.await(after, WAIT);
            }
        }
        assertThat(jobs.await(started, WAIT).status()).isEqualTo(JobStatus.SUCCEEDED);
        untilTheViewHasTheResult(view);
        assertThat(jobs.mine(5).stream()
                        .filter(j -> j.kind().equals("pricing-health-check"))
                        .filter(j -> j.id().value() > started.value())
                        .filter(j -> !j.id().equals(later[0])))
                .as("no second check was started")
                .isEmpty();
    }

    private String fixLink(PriceBookHealthView view, HealthIssue issue) {
        int row = view.issues().indexOf(issue);
        assertThat(test(view.grid).getRow(row)).isEqualTo(issue);
        Anchor fix =
                (Anchor) test(view.grid).getCellComponent(row, test(view.grid).getColumnPosition("fix"));
        assertThat(fix.getText()).isEqualTo(t("pricing.health.fix"));
        return fix.getHref();
    }

    private static PriceRule rule(Consumer<PriceRule> change, long product) {
        PriceRule r = new PriceRule();
        r.setCode("VH-" + TestData.unique());
        r.setName("体检 " + TestData.unique());
        r.setScope(RuleScope.PRODUCT);
        r.setProductId(product);
        r.setKind(RuleKind.PERCENT_OFF);
        r.setValue(new BigDecimal("10"));
        change.accept(r);
        return r;
    }
}
