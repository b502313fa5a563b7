package io.keyuan.segmentation.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.segmentation.RefreshRun;
import io.keyuan.segmentation.SegmentExportJobs;
import io.keyuan.segmentation.SegmentHistoryRow;
import io.keyuan.segmentation.SegmentMember;
import io.keyuan.segmentation.SegmentMemberExport;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentOverviewRow;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobTexts;
import io.keyuan.shared.ui.JobWatch;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Segment membership: every rule set's segments with their member counts, the last refresh (when, by whom, how it
 * ended, which segments it skipped), a manager's "refresh now" with progress and stop, and a chosen segment's
 * refresh history and members, which staff can export. The refresh is a job of the job runner: this page follows
 * it (progress pushed from whichever node runs it) while it is open, and leaving the page does not stop it.
 */
@Route("segments/membership")
@Menu(title = "segment.membership.nav", order = 41, icon = "vaadin:group")
@RolesAllowed(Roles.STAFF)
public class SegmentMembershipView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    static final int RECENT_RUNS = 20;
    private static final int PAGE = 100;

    private final SegmentMembershipService membership;
    private final JobService jobs;
    private final boolean manager;

    final Span lastRun = new Span();
    final Span nextRun = new Span();
    final UnorderedList skipped = new UnorderedList();
    final Select<Long> scope = new Select<>();
    final Button refresh = new Button();
    final Button cancel = new Button();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    final Grid<SegmentOverviewRow> segments = new Grid<>();
    final Span noSegments = new Span();
    final Span pick = new Span();
    final H3 selectedTitle = new H3();
    final Grid<SegmentHistoryRow> history = new Grid<>();
    final Span noHistory = new Span();
    final Grid<SegmentMember> members = new Grid<>();
    final Details recentRuns = new Details();
    final Grid<RefreshRun> runs = new Grid<>();
    final Span noMembers = new Span();
    final Button exportButton = new Button();
    private final VerticalLayout detail = new VerticalLayout();
    private final Map<Integer, Long> lastIdBefore = new HashMap<>();
    private final Map<Long, String> ruleSetNames = new LinkedHashMap<>();
    private final Set<Long> firstOfSet = new HashSet<>();
    private JobId watchedJob;
    private JobWatch watch;
    private SegmentOverviewRow selected;
    private long selectedCount;

    SegmentMembershipView(SegmentMembershipService membership, JobService jobs, AuthenticationContext auth) {
        this.membership = membership;
        this.jobs = jobs;
        this.manager = auth.hasRole(Roles.MANAGER);
        // the page grows with its grids and scrolls: a full-height layout squeezed the overview to one row
        setWidthFull();

        lastRun.setId("membership-last-run");
        nextRun.setId("membership-next-run");
        nextRun.addClassName("keyuan-audit");
        nextRun.setText(membership
                .nextScheduledRefresh()
                .map(at -> getTranslation("segment.membership.next", Formats.dateTime(at)))
                .orElseGet(() -> getTranslation("segment.membership.next.off")));
        skipped.setId("membership-skipped");
        refresh.setText(getTranslation("segment.membership.refresh"));
        refresh.setIcon(VaadinIcon.REFRESH.create());
        refresh.setId("membership-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.setVisible(manager);
        refresh.addClickListener(e -> startRefresh());
        cancel.setText(getTranslation("segment.membership.cancel"));
        cancel.setId("membership-cancel");
        cancel.setVisible(false);
        cancel.addClickListener(e -> cancelRefresh());
        progress.setId("membership-progress");
        progress.setWidth("16em");
        progress.setVisible(false);
        progressText.setId("membership-progress-text");
        // what "refresh now" covers: every rule set, or the one a manager has just changed
        scope.setId("membership-scope");
        scope.setAriaLabel(getTranslation("segment.membership.scope"));
        scope.setEmptySelectionAllowed(true);
        scope.setEmptySelectionCaption(getTranslation("segment.membership.scope.all"));
        scope.setItemLabelGenerator(
                id -> id == null ? getTranslation("segment.membership.scope.all") : ruleSetNames.get(id));
        scope.setVisible(manager);
        HorizontalLayout bar = new HorizontalLayout(scope, refresh, progress, progressText, cancel);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        segments.setId("membership-segments");
        // a rule set's name and mode on its first segment only, so that the sets read as groups
        segments.addColumn(r -> firstOfSet.contains(r.segmentId()) ? r.ruleSetName() : "")
                .setHeader(getTranslation("segment.membership.col.rule-set"))
                .setAutoWidth(true);
        segments.addColumn(r -> firstOfSet.contains(r.segmentId())
                        ? getTranslation("segment.mode." + r.mode().name())
                        : "")
                .setHeader(getTranslation("segment.membership.col.mode"))
                .setAutoWidth(true);
        segments.addColumn(SegmentOverviewRow::segmentName)
                .setHeader(getTranslation("segment.membership.col.segment"))
                .setAutoWidth(true);
        segments.addComponentColumn(this::membersCell)
                .setHeader(getTranslation("segment.membership.col.members"))
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        segments.addColumn(r -> r.countedAt() == null ? "" : Formats.dateTime(r.countedAt()))
                .setHeader(getTranslation("segment.membership.col.counted"))
                // a fixed width: the automatic one, measured before the rows arrive, cut the time off
                .setWidth("11em")
                .setFlexGrow(0);
        segments.setHeight("16em");
        segments.asSingleSelect().addValueChangeListener(e -> select(e.getValue()));
        noSegments.setId("membership-no-segments");
        noSegments.setText(getTranslation("segment.membership.no-segments"));
        pick.setId("membership-pick");
        pick.setText(getTranslation("segment.membership.pick"));

        history.setId("membership-history");
        history.addColumn(r -> Formats.dateTime(r.refreshedAt()))
                .setHeader(getTranslation("segment.membership.col.run-at"))
                .setAutoWidth(true);
        history.addColumn(r -> Formats.number(r.members(), getLocale()))
                .setHeader(getTranslation("segment.membership.col.members"));
        history.addColumn(r -> Formats.number(r.entered(), getLocale()))
                .setHeader(getTranslation("segment.membership.col.entered"));
        history.addColumn(r -> Formats.number(r.exited(), getLocale()))
                .setHeader(getTranslation("segment.membership.col.exited"));
        history.setHeight("14em");
        noHistory.setId("membership-no-history");
        noHistory.setText(getTranslation("segment.membership.no-history"));

        members.setId("membership-members");
        members.setPageSize(PAGE);
        members.addColumn(SegmentMember::code).setHeader(getTranslation("segment.membership.col.code"));
        // the name opens the customer's page, where "why" explains the membership
        members.addComponentColumn(m -> new Anchor("customers/" + m.customerId(), m.name()))
                .setHeader(getTranslation("segment.membership.col.name"));
        members.addColumn(SegmentMember::city).setHeader(getTranslation("segment.membership.col.city"));
        members.addColumn(m -> Formats.dateTime(m.enteredAt()))
                .setHeader(getTranslation("segment.membership.col.entered-at"));
        members.setHeight("24em");
        noMembers.setId("membership-no-members");
        noMembers.setText(getTranslation("segment.membership.no-members"));
        exportButton.setText(getTranslation("segment.membership.export"));
        exportButton.setIcon(VaadinIcon.DOWNLOAD.create());
        exportButton.setId("membership-export");
        exportButton.addClickListener(e -> exportMembers());

        selectedTitle.setId("membership-selected");
        HorizontalLayout membersHeader = new HorizontalLayout(selectedTitle, exportButton);
        membersHeader.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        detail.setPadding(false);
        // the members right under their heading, the refresh history after them under its own
        detail.add(
                membersHeader,
                members,
                noMembers,
                new H3(getTranslation("segment.membership.history")),
                history,
                noHistory);
        detail.setVisible(false);

        runs.setId("membership-runs");
        runs.addThemeVariants(GridVariant.LUMO_COMPACT);
        runs.addColumn(r -> Formats.dateTime(r.startedAt()))
                .setHeader(getTranslation("segment.membership.col.run-at"))
                .setWidth("10em")
                .setFlexGrow(0);
        runs.addColumn(r -> EnumLabels.label(this, r.trigger()))
                .setHeader(getTranslation("segment.membership.col.trigger"))
                .setAutoWidth(true);
        runs.addColumn(r -> r.ruleSetName() == null ? getTranslation("segment.membership.scope.all") : r.ruleSetName())
                .setHeader(getTranslation("segment.membership.col.scope"))
                .setAutoWidth(true);
        runs.addColumn(RefreshRun::startedBy)
                .setHeader(getTranslation("segment.membership.col.by"))
                .setAutoWidth(true);
        runs.addColumn(r -> EnumLabels.label(this, r.status())
                        + (r.skipped().isEmpty()
                                ? ""
                                : " · "
                                        + getTranslation(
                                                "segment.membership.skipped-count",
                                                r.skipped().size())))
                .setHeader(getTranslation("segment.membership.col.status"))
                .setAutoWidth(true);
        runs.addColumn(r -> Formats.number(r.entered(), getLocale()))
                .setHeader(getTranslation("segment.membership.col.entered"))
                .setTextAlign(ColumnTextAlign.END);
        runs.addColumn(r -> Formats.number(r.exited(), getLocale()))
                .setHeader(getTranslation("segment.membership.col.exited"))
                .setTextAlign(ColumnTextAlign.END);
        runs.addColumn(this::took)
                .setHeader(getTranslation("segment.membership.col.took"))
                .setTextAlign(ColumnTextAlign.END);
        runs.setAllRowsVisible(true);
        recentRuns.setId("membership-recent-runs");
        recentRuns.setSummaryText(getTranslation("segment.membership.recent-runs"));
        recentRuns.add(runs);
        recentRuns.setWidthFull();

        VerticalLayout runLines = new VerticalLayout(lastRun, nextRun);
        runLines.setPadding(false);
        runLines.setSpacing(false);
        add(runLines, skipped, bar, segments, noSegments, pick, detail, recentRuns);
        reload();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("segment.membership.title");
    }

    /** {@code ?segment=ID} opens with that segment chosen (links from a customer's page). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("segment")
                .flatMap(SegmentMembershipView::id)
                .flatMap(id -> segments.getGenericDataView()
                        .getItems()
                        .filter(r -> r.segmentId() == id)
                        .findFirst())
                .ifPresent(segments::select);
    }

    /** The link's segment id, or nothing for a hand-typed value that is not one. */
    static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where a segment's members are shown, as a link's address. */
    public static String link(long segmentId) {
        return "segments/membership?segment=" + segmentId;
    }

    /** The same for navigating there from the server. */
    static QueryParameters query(long segmentId) {
        return QueryParameters.of("segment", String.valueOf(segmentId));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        membership.currentRefresh().ifPresent(j -> watch(j.id()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopWatching();
        super.onDetach(event);
    }

    /** A grid of up to {@code whole} rows shows them all; a longer one scrolls in {@code height}. */
    private static void fit(Grid<?> grid, long rows, int whole, String height) {
        boolean few = rows <= whole;
        grid.setAllRowsVisible(few);
        grid.setHeight(few ? null : height);
    }

    /** Reads the overview and the last run again, keeping the chosen segment when it still exists. */
    void reload() {
        List<SegmentOverviewRow> rows = membership.overview();
        firstOfSet.clear();
        for (int i = 0; i < rows.size(); i++) {
            if (i == 0 || rows.get(i - 1).ruleSetId() != rows.get(i).ruleSetId()) {
                firstOfSet.add(rows.get(i).segmentId());
            }
        }
        segments.setItems(rows);
        fit(segments, rows.size(), 20, "24em");
        segments.setVisible(!rows.isEmpty());
        Long chosenSet = scope.getValue();
        ruleSetNames.clear();
        rows.forEach(r -> ruleSetNames.putIfAbsent(r.ruleSetId(), r.ruleSetName()));
        scope.setItems(List.copyOf(ruleSetNames.keySet()));
        scope.setValue(chosenSet != null && ruleSetNames.containsKey(chosenSet) ? chosenSet : null);
        scope.setEnabled(!ruleSetNames.isEmpty() && refresh.isEnabled());
        noSegments.setVisible(rows.isEmpty());
        List<RefreshRun> runs = membership.runs(RECENT_RUNS);
        this.runs.setItems(runs);
        recentRuns.setVisible(!runs.isEmpty());
        skipped.removeAll();
        skipped.setVisible(false); // an empty list still takes its margins
        if (runs.isEmpty()) {
            lastRun.setText(getTranslation("segment.membership.never"));
        } else {
            RefreshRun run = runs.getFirst();
            lastRun.setText(getTranslation(
                    run.ruleSetId() == null ? "segment.membership.last" : "segment.membership.last.one",
                    Formats.dateTime(run.startedAt()),
                    run.startedBy(),
                    EnumLabels.label(this, run.status()),
                    Formats.number(run.entered(), getLocale()),
                    Formats.number(run.exited(), getLocale()),
                    run.ruleSetName()));
            for (RefreshRun.SkippedSegment s : run.skipped()) {
                skipped.add(new ListItem(getTranslation(
                        "segment.membership.skipped",
                        s.segmentName(),
                        s.problemArg() == null
                                ? getTranslation(s.problemKey())
                                : getTranslation(s.problemKey(), s.problemArg()))));
            }
            skipped.setVisible(!run.skipped().isEmpty());
        }
        Long keep = selected == null ? null : selected.segmentId();
        SegmentOverviewRow again = keep == null
                ? null
                : rows.stream().filter(r -> r.segmentId() == keep).findFirst().orElse(null);
        if (again != null) {
            segments.select(again);
        } else {
            select(null);
        }
    }

    void select(SegmentOverviewRow row) {
        selected = row;
        lastIdBefore.clear();
        pick.setVisible(row == null && segments.isVisible());
        detail.setVisible(row != null);
        if (row == null) {
            return;
        }
        selectedTitle.setText(getTranslation("segment.membership.members", row.segmentName()));
        List<SegmentHistoryRow> rows = membership.segmentHistory(row.segmentId());
        history.setItems(rows);
        fit(history, rows.size(), 8, "14em");
        history.setVisible(!rows.isEmpty());
        noHistory.setVisible(rows.isEmpty());
        selectedCount = membership.memberCount(row.segmentId());
        long segmentId = row.segmentId();
        members.setItems(q -> fetch(segmentId, q.getOffset(), q.getLimit()).stream(), q ->
                (int) Math.min(Integer.MAX_VALUE, selectedCount));
        fit(members, selectedCount, 8, "24em");
        members.setVisible(selectedCount > 0);
        noMembers.setVisible(selectedCount == 0);
        exportButton.setEnabled(selectedCount > 0);
    }

    /** Keyset paging while the grid scrolls on; a jump falls back to reading by position. */
    private List<SegmentMember> fetch(long segmentId, int offset, int limit) {
        Long after = offset == 0 ? Long.valueOf(0) : lastIdBefore.get(offset);
        List<SegmentMember> page = after != null
                ? membership.members(segmentId, after, limit)
                : membership.membersAt(segmentId, offset, limit);
        if (!page.isEmpty()) {
            lastIdBefore.put(offset + page.size(), page.getLast().customerId());
        }
        return page;
    }

    void startRefresh() {
        try {
            Long only = scope.getValue();
            watch(only == null ? membership.startRefresh() : membership.startRefresh(only));
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }

    void cancelRefresh() {
        if (watchedJob != null && Notifications.attempt(this, () -> membership.cancel(watchedJob))) {
            progressText.setText(getTranslation("segment.membership.cancelling"));
            cancel.setEnabled(false);
        }
    }

    private void watch(JobId job) {
        stopWatching();
        watchedJob = job;
        refresh.setEnabled(false);
        scope.setEnabled(false);
        progress.setVisible(true);
        progress.setValue(0);
        cancel.setVisible(manager);
        cancel.setEnabled(true);
        watch = JobWatch.follow(this, jobs, job, this::show);
    }

    /** The watched refresh as it moves; when it has ended, the page shows its outcome. */
    void show(JobView job) {
        if (watchedJob == null || !watchedJob.equals(job.id())) {
            return;
        }
        if (job.active()) {
            double f = job.fraction();
            progress.setIndeterminate(f < 0);
            if (f >= 0) {
                progress.setValue(f);
            }
            if (job.cancelRequested()) {
                progressText.setText(getTranslation("segment.membership.cancelling"));
                cancel.setEnabled(false);
            } else {
                progressText.setText(JobTexts.progress(this, job));
            }
            return;
        }
        stopWatching();
        watchedJob = null;
        progress.setVisible(false);
        progressText.setText("");
        cancel.setVisible(false);
        refresh.setEnabled(true);
        scope.setEnabled(true);
        if (job.status() == JobStatus.FAILED) {
            Notifications.error(this, JobTexts.error(this, job));
        }
        reload();
    }

    private void stopWatching() {
        if (watch != null) {
            watch.remove();
            watch = null;
        }
    }

    /** The member count, marked when it was taken under a rule, mode or priority that has changed since. */
    private Component membersCell(SegmentOverviewRow r) {
        Span count = new Span(r.members() == null ? "" : Formats.number(r.members(), getLocale()));
        if (!r.stale()) {
            return count;
        }
        Span mark = new Span(getTranslation("segment.membership.stale"));
        mark.getElement().getThemeList().add("badge contrast small");
        mark.getElement().setAttribute("title", getTranslation("segment.membership.stale.tip"));
        mark.setId("membership-stale-" + r.segmentId());
        HorizontalLayout cell = new HorizontalLayout(mark, count);
        cell.setSpacing(true);
        cell.setJustifyContentMode(FlexComponent.JustifyContentMode.END);
        cell.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return cell;
    }

    /** How long a run took, "12.3 s" or "2 min 5 s"; empty while it runs. */
    private String took(RefreshRun r) {
        if (r.finishedAt() == null) {
            return "";
        }
        long ms = java.time.Duration.between(r.startedAt(), r.finishedAt()).toMillis();
        if (ms < 60_000) {
            return getTranslation("segment.membership.took.seconds", String.format(getLocale(), "%.1f", ms / 1000.0));
        }
        return getTranslation("segment.membership.took.minutes", ms / 60_000, (ms % 60_000) / 1000);
    }

    boolean watching() {
        return watchedJob != null;
    }

    private void exportMembers() {
        if (selected == null) {
            return;
        }
        long segmentId = selected.segmentId();
        ExportDialog.start(
                this,
                jobs,
                ExportJob.request(
                        SegmentExportJobs.MEMBERS,
                        new SegmentExportJobs.MemberParameters(
                                segmentId,
                                getLocale().toLanguageTag(),
                                SegmentMemberExport.fileName(segmentId, LocalDate.now(Formats.ZONE))),
                        selected.segmentName()));
    }
}
