package io.keyuan.pricing.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.pricing.HealthIssue;
import io.keyuan.pricing.HealthReport;
import io.keyuan.pricing.PriceBookHealthService;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobTexts;
import io.keyuan.shared.ui.JobWatch;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Optional;

/**
 * The price book health check (managers): how many problems of each kind, each problem explained with a link to
 * the rule or tier to fix, and "no conflicts" when the book is clean. The page opens on the latest stored report
 * (when and by whom it was checked); "check now" runs the check as a job (seconds over a large book) and shows its
 * progress, and the grid shows the new report when the job ends. A check going on (started here, in another tab, by
 * another manager) is followed instead of starting another; it goes on when the page is left.
 */
@Route("pricing-health")
@Menu(title = "pricing.nav.health", order = 54, icon = "vaadin:stethoscope")
@RolesAllowed(Roles.MANAGER)
public class PriceBookHealthView extends VerticalLayout implements HasDynamicTitle {
    private final PriceBookHealthService health;
    private final JobService jobs;
    final Grid<HealthIssue> grid = new Grid<>();
    final HorizontalLayout counts = new HorizontalLayout();
    final Div clean = new Div();
    final Span checkedAt = new Span();
    final Button refresh = new Button();
    final ProgressBar busy = new ProgressBar();
    final Span status = new Span();
    final Div never = new Div();
    HealthReport report;
    private JobWatch watch;
    private JobId watched;

    public PriceBookHealthView(PriceBookHealthService health, JobService jobs) {
        this.health = health;
        this.jobs = jobs;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        refresh.setText(getTranslation("pricing.health.refresh"));
        refresh.setIcon(VaadinIcon.REFRESH.create());
        refresh.setId("health-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.setDisableOnClick(true);
        refresh.addClickListener(e -> start());
        busy.setId("health-progress");
        busy.setWidth("12rem");
        busy.setVisible(false);
        status.setId("health-status");
        checkedAt.setId("health-checked-at");
        checkedAt.addClassName("keyuan-audit");
        HorizontalLayout toolbar = new HorizontalLayout(refresh, busy, status, checkedAt);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        counts.setId("health-counts");
        counts.setWrap(true);

        clean.setId("health-clean");
        clean.setText(getTranslation("pricing.health.clean"));
        clean.setVisible(false);
        never.setId("health-never");
        never.setText(getTranslation("pricing.health.never"));
        never.setVisible(false);

        grid.setId("health-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(i -> {
                    Span s = new Span(
                            getTranslation("pricing.health.kind." + i.kind().name()));
                    s.getElement()
                            .getThemeList()
                            .add(i.severity() == HealthIssue.Severity.ERROR ? "badge error" : "badge contrast");
                    return s;
                })
                .setHeader(getTranslation("pricing.health.column.kind"))
                .setAutoWidth(true);
        grid.addColumn(i -> i.code() + " · " + i.name())
                .setHeader(getTranslation("pricing.health.column.subject"))
                .setAutoWidth(true);
        grid.addColumn(this::explain)
                .setHeader(getTranslation("pricing.health.column.explanation"))
                .setFlexGrow(1);
        grid.addComponentColumn(i -> {
                    Anchor fix = new Anchor(i.fixRoute(), getTranslation("pricing.health.fix"));
                    fix.addClassName("health-fix");
                    return fix;
                })
                .setHeader(getTranslation("pricing.health.column.fix"))
                .setKey("fix")
                .setAutoWidth(true);
        add(toolbar, counts, never, clean, grid);
        showLatest();
    }

    /** The explanation of an issue in the user's language. */
    String explain(HealthIssue i) {
        return getTranslation(
                "pricing.health.explain." + i.kind().name(),
                i.code(),
                i.otherCode() == null ? getTranslation("pricing.health.several-rules") : i.otherCode(),
                i.detail() == null ? "" : i.detail());
    }

    /** The latest stored report, or "not checked yet" before the first check. */
    private void showLatest() {
        Optional<HealthReport> latest = health.latest();
        latest.ifPresent(this::show);
        never.setVisible(latest.isEmpty());
        if (latest.isEmpty()) {
            counts.removeAll();
            clean.setVisible(false);
            grid.setVisible(false);
            checkedAt.setText("");
        }
    }

    /** "Check now": follows the check going on, if there is one, else starts one. */
    void start() {
        Optional<JobView> running = health.currentCheck();
        if (running.isPresent()) {
            follow(running.get().id());
            return;
        }
        try {
            follow(health.startCheck());
        } catch (KeyuanException e) {
            // another manager started one a moment ago
            running = health.currentCheck();
            if (running.isPresent()) {
                follow(running.get().id());
            } else {
                Notifications.error(this, Notifications.describe(this, e));
                refresh.setEnabled(true);
            }
        }
    }

    private void follow(JobId job) {
        stopFollowing();
        watched = job;
        refresh.setEnabled(false);
        busy.setVisible(true);
        busy.setIndeterminate(true);
        status.setText(getTranslation("pricing.health.running"));
        watch = JobWatch.follow(this, jobs, job, this::show);
    }

    /** The check as it moves; at its end the new report shows and "check now" is usable again. */
    void show(JobView job) {
        if (!job.id().equals(watched)) {
            return;
        }
        if (job.active()) {
            double f = job.fraction();
            busy.setIndeterminate(f < 0);
            if (f >= 0) {
                busy.setValue(f);
            }
            status.setText(
                    job.progressKey() == null
                            ? getTranslation("pricing.health.running")
                            : JobTexts.progress(this, job));
            return;
        }
        stopFollowing();
        watched = null;
        busy.setVisible(false);
        refresh.setEnabled(true);
        if (job.status() == JobStatus.SUCCEEDED) {
            status.setText("");
            showLatest();
            Notifications.success(this, "pricing.health.done", issues().size());
        } else if (job.status() == JobStatus.CANCELLED) {
            status.setText(getTranslation("pricing.health.cancelled"));
        } else {
            status.setText("");
            Notifications.error(this, getTranslation("pricing.health.failed", JobTexts.error(this, job)));
        }
    }

    /** Whether a check is being followed now. */
    boolean checking() {
        return watched != null;
    }

    JobId checkingJob() {
        return watched;
    }

    private void stopFollowing() {
        if (watch != null) {
            watch.remove();
            watch = null;
        }
    }

    /** A check started earlier (here, in another tab, by another manager) shows its progress when the page opens. */
    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (watched == null) {
            health.currentCheck().ifPresent(job -> follow(job.id()));
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
        watched = null;
        super.onDetach(detachEvent);
    }

    private void show(HealthReport r) {
        this.report = r;
        counts.removeAll();
        for (HealthIssue.Kind k : HealthIssue.Kind.values()) {
            Span c = new Span(getTranslation("pricing.health.kind." + k.name()) + ": "
                    + r.counts().get(k));
            c.setId("health-count-" + k.name());
            c.getElement().getThemeList().add(r.counts().get(k) == 0 ? "badge success" : "badge error");
            counts.add(c);
        }
        never.setVisible(false);
        clean.setVisible(r.clean());
        grid.setVisible(!r.clean());
        grid.setItems(r.issues());
        checkedAt.setText(getTranslation(
                "pricing.health.checked-at",
                Formats.dateTime(r.checkedAt()),
                r.checkedBy() == null ? "" : r.checkedBy()));
    }

    List<HealthIssue> issues() {
        return report == null ? List.of() : report.issues();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.nav.health");
    }
}
