package io.keyuan.insight.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.insight.BusinessDashboard;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.insight.DashboardService;
import io.keyuan.insight.DashboardTile;
import io.keyuan.insight.DashboardTile.Figure;
import io.keyuan.insight.WorkDashboard;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * The landing page after sign-in (首页): managers see the business this month against last — new customers, revenue,
 * pipeline value and win rate, active and churned customers, NPS — each tile with its trend and a link to the report
 * that explains it, and how current the rollups are; everyone sees their own work: their open and won deals, their
 * open feedback and what is due today.
 */
@Route("")
@Menu(title = "home.nav", order = 0, icon = "vaadin:home")
@RolesAllowed(Roles.STAFF)
public class HomeView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    private final DashboardService dashboards;
    private final CustomerSnapshots snapshots;
    private final boolean manager;
    final H3 businessTitle = new H3();
    final Span asOf = new Span();
    final Paragraph businessEmpty = new Paragraph();
    final Div business = new Div();
    final Div work = new Div();
    final Paragraph workEmpty = new Paragraph();
    final Div today = new Div();

    public HomeView(DashboardService dashboards, CustomerSnapshots snapshots, AuthenticationContext authentication) {
        this.dashboards = dashboards;
        this.snapshots = snapshots;
        this.manager = authentication.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        addClassName("keyuan-home");
        setWidthFull();
        setPadding(false);

        business.setId("home-business");
        business.addClassName("keyuan-tiles");
        asOf.setId("home-as-of");
        asOf.addClassName("keyuan-audit");
        businessEmpty.setId("home-business-empty");
        businessEmpty.addClassName("keyuan-audit");
        work.setId("home-work");
        work.addClassName("keyuan-tiles");
        workEmpty.setId("home-work-empty");
        workEmpty.addClassName("keyuan-audit");
        today.setId("home-today");
        today.addClassName("keyuan-tiles");
        if (manager) {
            businessTitle.setId("home-business-title");
            add(businessTitle, asOf, businessEmpty, business);
        }
        H3 workTitle = new H3(getTranslation("home.work.title"));
        workTitle.setId("home-work-title");
        H3 todayTitle = new H3(getTranslation("home.today.title"));
        todayTitle.setId("home-today-title");
        add(workTitle, workEmpty, work, todayTitle, today);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        BusinessDashboard b = null;
        if (manager) {
            b = dashboards.business();
            if (b.customerSnapshotAsOf() == null) {
                // Never built on this database: build it now (the customer analysis would too); the next visit shows
                // it.
                snapshots.startRebuild();
            }
        }
        show(b, dashboards.work());
    }

    /** Shows the figures; {@code b} is null for staff, who see their own work only. */
    void show(BusinessDashboard b, WorkDashboard w) {
        if (b != null) {
            // a non-breaking hyphen: a narrow screen wraps before the month, not inside it
            businessTitle.setText(getTranslation("home.business.title", monthLabel(b.month())));
            asOf.setText(getTranslation(
                    "home.as-of",
                    b.channelFiguresAsOf() == null ? getTranslation("insight.never-built") : b.channelFiguresAsOf(),
                    b.customerSnapshotAsOf() == null
                            ? getTranslation("insight.never-built")
                            : b.customerSnapshotAsOf()));
            boolean nothing = b.tiles().stream()
                    .allMatch(t -> t.value() == null || t.value().signum() == 0);
            businessEmpty.setVisible(nothing);
            businessEmpty.setText(nothing ? getTranslation("home.business.empty") : "");
            fill(business, b.tiles(), b.month());
        }
        workEmpty.setVisible(w.idle());
        workEmpty.setText(w.idle() ? getTranslation("home.work.empty") : "");
        fill(work, w.tiles(), YearMonth.from(w.today()));
        fill(today, w.dueToday(), YearMonth.from(w.today()));
    }

    private void fill(Div into, List<DashboardTile> tiles, YearMonth month) {
        into.removeAll();
        for (DashboardTile t : tiles) {
            into.add(tile(t, month));
        }
    }

    private Div tile(DashboardTile t, YearMonth month) {
        Figure f = t.figure();
        String name = f.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Div box = new Div();
        box.setId("home-tile-" + name);
        box.addClassName("keyuan-tile");

        Span label = new Span(getTranslation("home.tile." + f.name()));
        label.addClassName("label");
        Span value = new Span(format(f.kind(), t.value(), false));
        value.addClassName("value");
        value.setId("home-value-" + name);
        box.add(label, value);

        if (f.detailKind() != null) {
            Span detail =
                    new Span(getTranslation("home.detail." + f.name(), format(f.detailKind(), t.detail(), false)));
            detail.addClassName("detail");
            detail.setId("home-detail-" + name);
            box.add(detail);
        }
        if (f.compared()) {
            Span trend = new Span(trendText(t));
            trend.setId("home-trend-" + name);
            trend.addClassName("trend");
            Boolean better = t.better();
            if (better != null) {
                trend.addClassName(better ? "better" : "worse");
            }
            box.add(trend);
        }
        Anchor link = new Anchor(link(f, month), getTranslation(linkKey(f)) + " →");
        link.setId("home-link-" + name);
        link.addClassName("link");
        box.add(link);
        return box;
    }

    private String trendText(DashboardTile t) {
        String previous = format(t.figure().kind(), t.previous(), false);
        return switch (t.trend()) {
            case NONE -> getTranslation("home.trend.none");
            case SAME -> getTranslation("home.trend.same", previous);
            case UP -> getTranslation("home.trend.up", format(t.figure().kind(), t.change(), true), previous);
            case DOWN -> getTranslation("home.trend.down", format(t.figure().kind(), t.change(), true), previous);
        };
    }

    /** A figure as the tile shows it; null is "—". Points carry their unit only as a change. */
    private String format(DashboardTile.Kind kind, BigDecimal v, boolean signed) {
        if (v == null) {
            return "—";
        }
        Locale locale = getLocale();
        String sign = signed && v.signum() > 0 ? "+" : "";
        String text = switch (kind) {
            case COUNT -> Formats.number(v.longValue(), locale);
            case MONEY -> Formats.money(v, locale);
            case PERCENT, POINTS -> {
                NumberFormat n = NumberFormat.getNumberInstance(locale);
                n.setMinimumFractionDigits(1);
                n.setMaximumFractionDigits(1);
                if (signed) {
                    yield getTranslation("home.points", n.format(v));
                }
                yield kind == DashboardTile.Kind.PERCENT ? n.format(v) + " %" : n.format(v);
            }
        };
        return sign + text;
    }

    /** The link's text: the name of the view it opens, as the menu calls it. */
    private static String linkKey(Figure f) {
        return switch (f) {
            case NEW_CUSTOMERS, REVENUE -> "insight.nav.channels";
            case PIPELINE_VALUE, MY_OPEN_DEALS -> "pipeline.nav.board";
            case WIN_RATE -> "pipeline.nav.reports";
            case ACTIVE_CUSTOMERS, CHURNED_CUSTOMERS -> "insight.nav.customers";
            case NPS -> "survey.nav.results";
            case MY_WON_DEALS -> "pipeline.nav.deals";
            case MY_OPEN_FEEDBACK, FEEDBACK_DUE -> "feedback.nav";
            case PHONE_CALLS -> "survey.nav.campaigns";
        };
    }

    static String monthLabel(YearMonth month) {
        return month.toString().replace('-', '\u2011');
    }

    /** The report or list that explains the tile, for the tile's month where it takes one. */
    static String link(Figure f, YearMonth month) {
        return switch (f) {
            case NEW_CUSTOMERS, REVENUE -> "insight/channels?from=" + month + "&to=" + month + "&by=CHANNEL";
            case PIPELINE_VALUE, MY_OPEN_DEALS -> "pipelines";
            case WIN_RATE -> "pipelines/reports";
            case ACTIVE_CUSTOMERS, CHURNED_CUSTOMERS -> "insight/customers";
            case NPS ->
                "survey-results?from=" + month.minusMonths(1).atDay(1) + "&to=" + month.atEndOfMonth() + "&by=MONTH";
            case MY_WON_DEALS -> "deals";
            case MY_OPEN_FEEDBACK -> "feedback?mine=true";
            case FEEDBACK_DUE -> "feedback?mine=true&overdue=true";
            case PHONE_CALLS -> "campaigns";
        };
    }

    @Override
    public String getPageTitle() {
        return getTranslation("home.title");
    }
}
