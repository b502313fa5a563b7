package io.keyuan.pricing.ui;

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
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * The price book health check (managers): how many problems of each kind, each problem explained with a link to
 * the rule or tier to fix, and "no conflicts" when the book is clean.
 */
@Route("pricing-health")
@Menu(title = "pricing.nav.health", order = 54, icon = "vaadin:stethoscope")
@RolesAllowed(Roles.MANAGER)
public class PriceBookHealthView extends VerticalLayout implements HasDynamicTitle {
    private final PriceBookHealthService health;
    final Grid<HealthIssue> grid = new Grid<>();
    final HorizontalLayout counts = new HorizontalLayout();
    final Div clean = new Div();
    final Span checkedAt = new Span();
    final Button refresh = new Button();
    final ProgressBar busy = new ProgressBar();
    HealthReport report;

    public PriceBookHealthView(PriceBookHealthService health) {
        this.health = health;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        refresh.setText(getTranslation("pricing.health.refresh"));
        refresh.setIcon(VaadinIcon.REFRESH.create());
        refresh.setId("health-refresh");
        refresh.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refresh.setDisableOnClick(true);
        refresh.addClickListener(e -> run());
        busy.setIndeterminate(true);
        busy.setWidth("8rem");
        busy.setVisible(false);
        checkedAt.setId("health-checked-at");
        HorizontalLayout toolbar = new HorizontalLayout(refresh, busy, checkedAt);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        counts.setId("health-counts");
        counts.setWrap(true);

        clean.setId("health-clean");
        clean.setText(getTranslation("pricing.health.clean"));
        clean.setVisible(false);

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
                .setAutoWidth(true);
        add(toolbar, counts, clean, grid);
        run();
    }

    /** The explanation of an issue in the user's language. */
    String explain(HealthIssue i) {
        return getTranslation(
                "pricing.health.explain." + i.kind().name(),
                i.code(),
                i.otherCode() == null ? getTranslation("pricing.health.several-rules") : i.otherCode(),
                i.detail() == null ? "" : i.detail());
    }

    void run() {
        busy.setVisible(true);
        try {
            show(health.check());
        } catch (RuntimeException e) {
            Notifications.error(this, Notifications.describe(this, e));
        } finally {
            busy.setVisible(false);
            refresh.setEnabled(true);
        }
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
        clean.setVisible(r.clean());
        grid.setVisible(!r.clean());
        grid.setItems(r.issues());
        checkedAt.setText(getTranslation("pricing.health.checked-at", Formats.dateTime(r.checkedAt())));
    }

    List<HealthIssue> issues() {
        return report == null ? List.of() : report.issues();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.nav.health");
    }
}
