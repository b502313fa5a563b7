package io.keyuan.pricing.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.pricing.SegmentChoice;
import io.keyuan.pricing.TierRow;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.domain.PriceTier;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Price tiers in priority order (the first whose segment holds a customer is theirs), the segments each follows and
 * how many customers each has. Managers add, edit and reorder; staff read. A change re-derives every customer's tier
 * as a job: the list follows it (also one another manager started) and shows the new counts at its end.
 */
@Route("tiers")
@Menu(title = "pricing.tier.nav", order = 51, icon = "vaadin:medal")
@RolesAllowed(Roles.STAFF)
public class TierListView extends VerticalLayout
        implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {
    private final TierService tiers;
    private final JobService jobs;
    private final boolean manager;
    final Grid<TierRow> grid = new Grid<>();
    final Button create = new Button();
    final Button derive = new Button();
    final Span deriving = new Span();
    private final ProgressBar busy = new ProgressBar();
    private Map<Long, String> segmentNames = new HashMap<>();
    private JobWatch watch;
    private JobId watched;

    public TierListView(TierService tiers, JobService jobs, AuthenticationContext auth) {
        this.tiers = tiers;
        this.jobs = jobs;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("pricing.tier.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("tier-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickListener(e -> edit(new PriceTier()));
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        derive.setText(getTranslation("pricing.tier.derive"));
        derive.setIcon(VaadinIcon.REFRESH.create());
        derive.setId("tier-derive");
        derive.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        derive.setVisible(manager);
        derive.addClickListener(e -> {
            JobId[] job = {null};
            if (Notifications.attempt(this, () -> job[0] = tiers.startRederive("manual"))) {
                follow(job[0]);
            }
        });
        deriving.setId("tier-deriving");
        deriving.addClassName("keyuan-audit");
        busy.setId("tier-derive-progress");
        busy.setWidth("8em");
        busy.setIndeterminate(true);
        busy.setVisible(false);
        Span hint = new Span(getTranslation("pricing.tier.hint"));
        hint.addClassName("keyuan-audit");
        HorizontalLayout toolbar = new HorizontalLayout(create, derive, busy, deriving, hint);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(Alignment.BASELINE);

        grid.setId("tier-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation(manager ? "pricing.tier.empty.manager" : "pricing.tier.empty"));
        grid.addColumn(TierRow::priority)
                .setHeader(getTranslation("pricing.tier.field.priority"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(TierRow::code)
                .setHeader(getTranslation("pricing.tier.field.code"))
                .setAutoWidth(true);
        grid.addColumn(TierRow::name)
                .setHeader(getTranslation("pricing.tier.field.name"))
                .setAutoWidth(true);
        grid.addColumn(this::segmentsOf)
                .setHeader(getTranslation("pricing.tier.field.segments"))
                .setFlexGrow(1);
        grid.addColumn(t -> Formats.number(t.customers(), getLocale()))
                .setHeader(getTranslation("pricing.tier.customers"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        if (manager) {
            grid.addComponentColumn(this::moveButtons)
                    .setHeader(getTranslation("pricing.tier.order"))
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.addItemClickListener(e -> edit(tiers.get(e.getItem().id())));
        add(toolbar, grid);
        load();
    }

    private HorizontalLayout moveButtons(TierRow t) {
        Button up = new Button(VaadinIcon.ARROW_UP.create(), e -> move(() -> tiers.moveUp(t.id())));
        up.setId("tier-up-" + t.id());
        up.setAriaLabel(getTranslation("pricing.tier.up"));
        up.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        Button down = new Button(VaadinIcon.ARROW_DOWN.create(), e -> move(() -> tiers.moveDown(t.id())));
        down.setId("tier-down-" + t.id());
        down.setAriaLabel(getTranslation("pricing.tier.down"));
        down.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        return new HorizontalLayout(up, down);
    }

    private void move(Runnable action) {
        if (Notifications.attempt(this, action)) {
            changed();
        }
    }

    String segmentsOf(TierRow t) {
        if (t.segmentIds().isEmpty()) {
            return getTranslation("pricing.tier.no-segments");
        }
        return t.segmentIds().stream()
                .map(id -> segmentNames.getOrDefault(id, getTranslation("pricing.tier.deleted-segment", id)))
                .collect(Collectors.joining("、"));
    }

    void load() {
        Map<Long, String> names = new HashMap<>();
        for (SegmentChoice c : tiers.segmentChoices()) {
            names.put(c.id(), c.label());
        }
        segmentNames = names;
        List<TierRow> rows = tiers.tiers();
        grid.setItems(rows);
    }

    /** {@code tiers?tier=<id>} (the price book health check's fix link) opens that tier. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("tier")
                .flatMap(TierListView::id)
                .ifPresent(id -> {
                    try {
                        edit(tiers.get(id));
                    } catch (io.keyuan.shared.NotFoundException e) {
                        io.keyuan.shared.ui.Notifications.error(this, getTranslation("pricing.tier.gone"));
                    }
                });
    }

    private static java.util.Optional<Long> id(String text) {
        try {
            return java.util.Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    void edit(PriceTier tier) {
        new TierDialog(tiers, tier, manager, this::changed).open();
    }

    /** After a save, a delete or a move: the list now, and the derivation the change started. */
    private void changed() {
        load();
        followCurrent();
    }

    private void followCurrent() {
        if (manager && watched == null) {
            tiers.currentDerivation().ifPresent(job -> follow(job.id()));
        }
    }

    private void follow(JobId job) {
        stopFollowing();
        watched = job;
        derive.setEnabled(false);
        busy.setVisible(true);
        deriving.setText(getTranslation("pricing.tier.deriving"));
        watch = JobWatch.follow(this, jobs, job, this::show);
    }

    /** The derivation as it moves; at its end the counts it changed. */
    void show(JobView job) {
        if (!job.id().equals(watched)) {
            return;
        }
        if (job.active()) {
            deriving.setText(
                    job.progressKey() == null ? getTranslation("pricing.tier.deriving") : JobTexts.progress(this, job));
            return;
        }
        stopFollowing();
        watched = null;
        busy.setVisible(false);
        derive.setEnabled(true);
        deriving.setText("");
        load();
        if (job.status() == JobStatus.SUCCEEDED) {
            Object customers = job.summary().getOrDefault("customers", 0);
            Notifications.success(
                    this, "pricing.tier.derived", Formats.number(((Number) customers).longValue(), getLocale()));
        } else if (job.status() == JobStatus.FAILED) {
            Notifications.error(this, getTranslation("pricing.tier.derive-failed", JobTexts.error(this, job)));
        }
        // another change may have queued a derivation behind this one
        followCurrent();
    }

    /** Whether a derivation is being followed now. */
    boolean derivingNow() {
        return watched != null;
    }

    private void stopFollowing() {
        if (watch != null) {
            watch.remove();
            watch = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        followCurrent();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
        watched = null;
        super.onDetach(detachEvent);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.tier.nav");
    }
}
