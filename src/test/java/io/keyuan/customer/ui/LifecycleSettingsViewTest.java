package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.LifecycleThresholds;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsManager
class LifecycleSettingsViewTest extends KeyuanViewTest {
    @Autowired
    CustomerMetricsService metrics;

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
