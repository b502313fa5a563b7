package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.LifecycleThresholds;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsManager
class LifecycleSettingsViewTest extends KeyuanViewTest {
    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    JobService jobs;

    @Autowired
    DataSource dataSource;

    private LifecycleThresholds original;

    @BeforeEach
    void rememberThresholds() {
        original = SystemActor.call(() -> metrics.thresholds());
    }

    @AfterEach
    void restoreThresholds() {
        SystemActor.run(() -> {
            LifecycleThresholds now = metrics.thresholds();
            metrics.updateThresholds(new LifecycleThresholds(
                    now.version(),
                    original.newDays(),
                    original.activeDays(),
                    original.churnDays(),
                    original.highValueSpend(),
                    original.valueWindowDays(),
                    null,
                    null));
        });
    }

    private IntegerField days(String id) {
        return $(IntegerField.class).id("lifecycle-" + id);
    }

    @Test
    void the_form_shows_the_current_thresholds() {
        navigate(LifecycleSettingsView.class);

        assertThat(days("newDays").getValue()).isEqualTo(original.newDays());
        assertThat(days("activeDays").getValue()).isEqualTo(original.activeDays());
        assertThat(days("churnDays").getValue()).isEqualTo(original.churnDays());
        assertThat(days("valueWindowDays").getValue()).isEqualTo(original.valueWindowDays());
        assertThat($(BigDecimalField.class).id("lifecycle-highValueSpend").getValue())
                .isEqualByComparingTo(original.highValueSpend());
    }

    @Test
    void manager_saves_new_thresholds_and_everyone_is_recomputed_in_the_background() throws Exception {
        navigate(LifecycleSettingsView.class);

        test(days("newDays")).setValue(30);
        test(days("activeDays")).setValue(120);
        test(days("churnDays")).setValue(400);
        test(days("valueWindowDays")).setValue(200);
        test($(BigDecimalField.class).id("lifecycle-highValueSpend")).setValue(new BigDecimal("8000"));
        test($(Button.class).id("lifecycle-save")).click();

        LifecycleThresholds saved = SystemActor.call(() -> metrics.thresholds());
        assertThat(saved.newDays()).isEqualTo(30);
        assertThat(saved.activeDays()).isEqualTo(120);
        assertThat(saved.churnDays()).isEqualTo(400);
        assertThat(saved.valueWindowDays()).isEqualTo(200);
        assertThat(saved.highValueSpend()).isEqualByComparingTo("8000");
        assertThat(saved.updatedBy()).isEqualTo(MANAGER_USER);
        assertThat(saved.version()).isGreaterThan(original.version());

        // The recompute runs on another thread and reports back through UI.access; those tasks wait in the
        // session's queue until the test lets the "client" round-trip. On a small database the recompute may
        // already be done by the time the click returns, so only the end state is certain.
        LifecycleSettingsView view = $(LifecycleSettingsView.class).single();
        assertThat(view.status.getText()).isIn(t("lifecycle.refreshing"), t("lifecycle.refreshed"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!t("lifecycle.refreshed").equals(view.status.getText()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            runPendingUiTasks();
        }
        assertThat(view.status.getText()).isEqualTo(t("lifecycle.refreshed"));
        assertThat(view.save.isEnabled()).isTrue();
        assertThat(view.progress.isVisible()).isFalse();
        JobView job = jobs.mine(1).getFirst();
        assertThat(job.kind()).as("the recompute is a job in my jobs").isEqualTo("lifecycle-refresh");
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.owner()).isEqualTo(MANAGER_USER);
    }

    @Test
    void a_recompute_going_on_shows_when_the_page_opens_and_goes_on_after_the_page_is_left() throws Exception {
        JobView job;
        // another node's refresh holds the lock: this one waits, visibly, until it is free
        try (Connection otherNode = dataSource.getConnection();
                Statement st = otherNode.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT GET_LOCK('keyuan.metrics.refresh', 10)")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            JobId id = metrics.startRefreshAll();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (jobs.get(id).progressKey() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            navigate(LifecycleSettingsView.class);
            LifecycleSettingsView view = $(LifecycleSettingsView.class).single();
            assertThat(view.save.isEnabled()).as("one recompute at a time").isFalse();
            assertThat(view.progress.isVisible()).isTrue();
            assertThat(view.status.getText()).isEqualTo(t("lifecycle.job.waiting"));

            navigate(CustomerListView.class);
            st.executeQuery("SELECT RELEASE_LOCK('keyuan.metrics.refresh')").close();
            job = jobs.await(id, Duration.ofSeconds(60));
        }
        assertThat(job.status()).as("leaving the page did not stop it").isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void churn_not_after_active_is_refused_on_the_churn_field_and_nothing_is_saved() {
        navigate(LifecycleSettingsView.class);

        test(days("activeDays")).setValue(180);
        test(days("churnDays")).setValue(180);
        test($(Button.class).id("lifecycle-save")).click();

        assertThat(days("churnDays").isInvalid()).isTrue();
        assertThat(days("churnDays").getErrorMessage()).isEqualTo(t("lifecycle.error.churn-after-active"));
        LifecycleThresholds after = SystemActor.call(() -> metrics.thresholds());
        assertThat(after.version()).isEqualTo(original.version());
        assertThat(after.churnDays()).isEqualTo(original.churnDays());
    }

    @Test
    void an_empty_field_is_required() {
        navigate(LifecycleSettingsView.class);

        days("newDays").clear(); // the number field tester takes no empty value; a user erases the digits
        test($(Button.class).id("lifecycle-save")).click();

        assertThat(days("newDays").isInvalid()).isTrue();
        assertThat(days("newDays").getErrorMessage()).isEqualTo(t("validation.required"));
        assertThat(SystemActor.call(() -> metrics.thresholds().version())).isEqualTo(original.version());
    }
}
