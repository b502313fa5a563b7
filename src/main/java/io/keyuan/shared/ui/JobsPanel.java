package io.keyuan.shared.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
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
import com.vaadin.flow.data.provider.ListDataProvider;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobSubscription;
import io.keyuan.shared.jobs.JobView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "My jobs": the signed-in user's recent jobs (an admin may show everyone's) with what each is, where it is, when
 * it started and ended (business time), and what can be done with it: download the result, cancel, retry. Rows of
 * running jobs move as the jobs report; a job that starts or ends elsewhere (another tab, another node) shows up
 * within a couple of seconds. Every subscription ends when the panel detaches.
 */
public class JobsPanel extends VerticalLayout {
    static final int LIMIT = 50;

    final Grid<JobView> grid = new Grid<>();
    final Checkbox everyone = new Checkbox();
    private final JobService jobs;
    private final boolean admin;
    private final List<JobView> items = new ArrayList<>();
    // rows are told apart by job id: a newer state of a job replaces its row
    private final ListDataProvider<JobView> data = new ListDataProvider<>(items) {
        @Override
        public Object getId(JobView item) {
            return item.id();
        }
    };
    private final Map<JobId, JobWatch> watches = new HashMap<>();
    private final String me;
    private JobSubscription mine;

    public JobsPanel(JobService jobs, String me, boolean admin) {
        this.jobs = jobs;
        this.me = me;
        this.admin = admin;
        setPadding(false);
        setSizeFull();
        everyone.setLabel(getTranslation("jobs.everyone"));
        everyone.setId("jobs-everyone");
        everyone.setVisible(admin);
        everyone.addValueChangeListener(e -> reload());

        grid.setId("jobs-grid");
        // a waiting job's reason and a long file name wrap instead of being cut off in a fixed-width column
        grid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addClassName("keyuan-jobs-grid");
        grid.setEmptyStateText(getTranslation("jobs.empty"));
        grid.addColumn(j -> JobTexts.kind(this, j))
                .setHeader(getTranslation("jobs.col.kind"))
                .setKey("kind")
                .setWidth("11rem")
                .setFlexGrow(0);
        grid.addColumn(j -> JobTexts.subject(this, j))
                .setHeader(getTranslation("jobs.col.subject"))
                .setKey("subject")
                .setFlexGrow(1)
                .setTooltipGenerator(j -> JobTexts.subject(this, j));
        grid.addColumn(JobView::owner)
                .setHeader(getTranslation("jobs.col.owner"))
                .setKey("owner")
                .setWidth("9rem")
                .setFlexGrow(0)
                .setVisible(false);
        grid.addComponentColumn(this::statusCell)
                .setHeader(getTranslation("jobs.col.status"))
                .setKey("status")
                .setWidth("14rem")
                .setFlexGrow(0);
        grid.addColumn(j -> Formats.dateTime(j.startedAt() == null ? j.queuedAt() : j.startedAt()))
                .setHeader(getTranslation("jobs.col.started"))
                .setKey("started")
                .setWidth("9.5rem")
                .setFlexGrow(0);
        grid.addColumn(j -> Formats.dateTime(j.finishedAt()))
                .setHeader(getTranslation("jobs.col.finished"))
                .setKey("finished")
                .setWidth("9.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions)
                .setHeader(getTranslation("jobs.col.actions"))
                .setKey("actions")
                .setWidth("9rem")
                .setFlexGrow(0);
        data.setSortOrder(j -> -j.id().value(), com.vaadin.flow.data.provider.SortDirection.ASCENDING);
        grid.setItems(data);
        grid.setSizeFull();
        add(everyone, grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        reload();
        // a job submitted or ended anywhere changes the count: read the list again
        com.vaadin.flow.server.Command again = JobWatch.asCaller(this::reload);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        mine = jobs.watchMine(n -> {
            if (!first.getAndSet(false)) {
                event.getUI().access(again);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (mine != null) {
            mine.remove();
            mine = null;
        }
        stopWatching();
        super.onDetach(event);
    }

    /** Reads the list again and follows the jobs in it that are still going. */
    void reload() {
        List<JobView> latest = everyone.getValue() ? jobs.everyone(LIMIT) : jobs.mine(LIMIT);
        grid.getColumnByKey("owner").setVisible(everyone.getValue());
        items.clear();
        items.addAll(latest);
        data.refreshAll();
        stopWatching();
        if (isAttached()) {
            for (JobView j : latest) {
                if (j.active()) {
                    watches.put(j.id(), JobWatch.follow(this, jobs, j.id(), this::replace));
                }
            }
        }
    }

    private void stopWatching() {
        watches.values().forEach(JobWatch::remove);
        watches.clear();
    }

    /** A newer state of a listed job. */
    void replace(JobView job) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(job.id())) {
                boolean ended = items.get(i).active() && !job.active();
                items.set(i, job);
                data.refreshItem(job);
                if (ended) {
                    JobWatch w = watches.remove(job.id());
                    if (w != null) {
                        w.remove();
                    }
                    data.refreshAll();
                }
                return;
            }
        }
    }

    List<JobView> items() {
        return List.copyOf(items);
    }

    /** How many subscriptions the panel holds (jobs followed, and the user's count). */
    int watching() {
        return watches.size() + (mine == null ? 0 : 1);
    }

    private Component statusCell(JobView j) {
        Span label = new Span(JobTexts.status(this, j));
        label.getElement().getThemeList().add("badge small pill " + badge(j.status()));
        label.setId("job-status-" + j.id());
        Div cell = new Div(label);
        cell.addClassName("keyuan-job-status");
        if (j.active()) {
            ProgressBar bar = new ProgressBar();
            double f = j.fraction();
            bar.setIndeterminate(f < 0 || j.status() == JobStatus.QUEUED);
            if (f >= 0) {
                bar.setValue(f);
            }
            bar.setId("job-progress-" + j.id());
            Span line = new Span(j.cancelRequested() ? getTranslation("jobs.cancelling") : JobTexts.progress(this, j));
            line.addClassName("keyuan-audit");
            cell.add(bar, line);
        } else if (j.status() == JobStatus.FAILED) {
            Span why = new Span(JobTexts.error(this, j));
            why.addClassName("keyuan-audit");
            why.setId("job-error-" + j.id());
            cell.add(new Div(why));
        } else if (j.status() == JobStatus.SUCCEEDED && j.resultName() != null && !j.resultAvailable()) {
            Span gone = new Span(getTranslation("jobs.expired"));
            gone.addClassName("keyuan-audit");
            cell.add(new Div(gone));
        }
        return cell;
    }

    private static String badge(JobStatus s) {
        return switch (s) {
            case SUCCEEDED -> "success";
            case FAILED -> "error";
            case CANCELLED -> "contrast";
            default -> "";
        };
    }

    private Component actions(JobView j) {
        HorizontalLayout bar = new HorizontalLayout();
        bar.setSpacing(false);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (j.resultAvailable() && (admin || j.owner().equals(me))) {
            Anchor link = JobDownloads.anchor(this, jobs, j.id());
            link.setId("job-download-" + j.id());
            Button b = new Button(getTranslation("jobs.download"), VaadinIcon.DOWNLOAD_ALT.create());
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            b.setTooltipText(j.resultName());
            link.add(b);
            bar.add(link);
        }
        if (j.active() && !j.cancelRequested()) {
            Button cancel = new Button(getTranslation("jobs.cancel"), e -> {
                Notifications.attempt(this, () -> jobs.cancel(j.id()));
                reload();
            });
            cancel.setId("job-cancel-" + j.id());
            cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            bar.add(cancel);
        }
        if ((j.status() == JobStatus.FAILED || j.status() == JobStatus.CANCELLED) && j.retryable()) {
            Button retry = new Button(getTranslation("jobs.retry"), VaadinIcon.REFRESH.create(), e -> {
                if (Notifications.attempt(this, () -> jobs.retry(j.id()))) {
                    Notifications.success(this, "jobs.retried");
                }
                reload();
            });
            retry.setId("job-retry-" + j.id());
            retry.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            bar.add(retry);
        }
        return bar;
    }
}
