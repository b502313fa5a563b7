package io.keyuan.customer.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.LifecycleThresholds;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobTexts;
import io.keyuan.shared.ui.JobWatch;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/**
 * The thresholds that turn purchases into lifecycle (potential / new / active / inactive / churned) and value
 * (high / low). Saving recomputes every customer as a job, with progress: it goes on when the page is left, shows
 * in "my jobs", and this page shows it again (from any node) when it is opened while the job runs.
 */
@Route("settings/lifecycle")
@Menu(title = "nav.lifecycle", order = 80, icon = "vaadin:sliders")
@RolesAllowed(Roles.MANAGER)
public class LifecycleSettingsView extends VerticalLayout implements HasDynamicTitle {
    private final CustomerMetricsService metrics;
    private final JobService jobs;
    final IntegerField newDays = days("lifecycle.field.new-days", "newDays");
    final IntegerField activeDays = days("lifecycle.field.active-days", "activeDays");
    final IntegerField churnDays = days("lifecycle.field.churn-days", "churnDays");
    final IntegerField valueWindowDays = days("lifecycle.field.value-window-days", "valueWindowDays");
    final BigDecimalField highValueSpend = new BigDecimalField();
    final Button save = new Button();
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    private final Span audit = new Span();
    private LifecycleThresholds current;
    private JobWatch watch;
    private JobId watched;

    public LifecycleSettingsView(CustomerMetricsService metrics, JobService jobs) {
        this.metrics = metrics;
        this.jobs = jobs;
        addClassName("keyuan-view");
        setMaxWidth("900px");

        highValueSpend.setLabel(getTranslation("lifecycle.field.high-value-spend"));
        highValueSpend.setId("lifecycle-highValueSpend");
        highValueSpend.setPrefixComponent(new Span("¥"));
        Paragraph explain = new Paragraph(getTranslation("lifecycle.explain"));
        explain.addClassName("keyuan-audit");
        FormLayout form = new FormLayout(newDays, activeDays, churnDays, valueWindowDays, highValueSpend);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30em", 2));

        save.setText(getTranslation("lifecycle.save"));
        save.setId("lifecycle-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL)
                .resetFocusOnActiveElement()
                .setBrowserDefaultAllowed(false);
        progress.setVisible(false);
        progress.setWidth("20rem");
        progress.setId("lifecycle-progress");
        status.setId("lifecycle-status");
        audit.addClassName("keyuan-audit");
        add(explain, form, new HorizontalLayout(save, progress, status), audit);
        load();
    }

    private IntegerField days(String key, String id) {
        IntegerField f = new IntegerField(getTranslation(key));
        f.setId("lifecycle-" + id);
        f.setMin(1);
        f.setMax(LifecycleThresholds.MAX_DAYS);
        f.setSuffixComponent(new Span(getTranslation("lifecycle.days")));
        f.setRequiredIndicatorVisible(true);
        return f;
    }

    private void load() {
        current = metrics.thresholds();
        newDays.setValue(current.newDays());
        activeDays.setValue(current.activeDays());
        churnDays.setValue(current.churnDays());
        valueWindowDays.setValue(current.valueWindowDays());
        highValueSpend.setValue(current.highValueSpend());
        audit.setText(
                getTranslation("lifecycle.last-change", current.updatedBy(), Formats.dateTime(current.updatedAt())));
    }

    void save() {
        for (IntegerField f : new IntegerField[] {newDays, activeDays, churnDays, valueWindowDays}) {
            f.setInvalid(false);
            if (f.getValue() == null) {
                f.setErrorMessage(getTranslation("validation.required"));
                f.setInvalid(true);
                return;
            }
        }
        highValueSpend.setInvalid(false);
        if (highValueSpend.getValue() == null) {
            highValueSpend.setErrorMessage(getTranslation("validation.required"));
            highValueSpend.setInvalid(true);
            return;
        }
        LifecycleThresholds edited = new LifecycleThresholds(
                current.version(),
                newDays.getValue(),
                activeDays.getValue(),
                churnDays.getValue(),
                highValueSpend.getValue(),
                valueWindowDays.getValue(),
                null,
                null);
        try {
            current = metrics.updateThresholds(edited);
        } catch (StaleEditException e) {
            Notifications.error(this, Notifications.describe(this, e));
            load();
            return;
        } catch (KeyuanException e) {
            Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of(
                    "newDays",
                    newDays,
                    "activeDays",
                    activeDays,
                    "churnDays",
                    churnDays,
                    "valueWindowDays",
                    valueWindowDays,
                    "highValueSpend",
                    highValueSpend);
            Notifications.showOnField(this, fields, e);
            return;
        }
        load();
        refreshInBackground();
    }

    private void refreshInBackground() {
        try {
            follow(metrics.startRefreshAll());
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }

    private void follow(JobId job) {
        stopFollowing();
        watched = job;
        save.setEnabled(false);
        progress.setVisible(true);
        progress.setValue(0);
        status.setText(getTranslation("lifecycle.refreshing"));
        watch = JobWatch.follow(this, jobs, job, this::show);
    }

    /** The recompute as it moves; at its end the form is usable again. */
    void show(JobView job) {
        if (!job.id().equals(watched)) {
            return;
        }
        if (job.active()) {
            double f = job.fraction();
            progress.setIndeterminate(f < 0);
            if (f >= 0) {
                progress.setValue(f);
            }
            status.setText(
                    job.progressKey() == null ? getTranslation("lifecycle.refreshing") : JobTexts.progress(this, job));
            return;
        }
        stopFollowing();
        watched = null;
        progress.setVisible(false);
        save.setEnabled(true);
        if (job.status() == JobStatus.SUCCEEDED) {
            status.setText(getTranslation("lifecycle.refreshed"));
            Notifications.success(this, "lifecycle.refreshed");
        } else if (job.status() == JobStatus.CANCELLED) {
            status.setText(getTranslation("lifecycle.refresh-cancelled"));
        } else {
            status.setText("");
            Notifications.error(this, getTranslation("lifecycle.refresh-failed"));
        }
    }

    private void stopFollowing() {
        if (watch != null) {
            watch.remove();
            watch = null;
        }
    }

    /** A recompute started earlier (from this page, another tab, another manager, the night) shows here. */
    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (watched == null) {
            metrics.currentRefresh().ifPresent(job -> follow(job.id()));
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
        watched = null;
        super.onDetach(detachEvent);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.lifecycle");
    }
}
