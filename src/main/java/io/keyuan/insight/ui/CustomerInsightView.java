package io.keyuan.insight.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.customer.CustomerInsights;
import io.keyuan.customer.CustomerInsights.RfmCell;
import io.keyuan.customer.CustomerInsights.RfmCustomer;
import io.keyuan.insight.CustomerMonth;
import io.keyuan.insight.CustomerSnapshots;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.Chart;
import io.keyuan.shared.ui.ChartSpec;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobWatch;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The customer base over time (客户分析): customers per lifecycle at the end of each month with churn, from the
 * monthly snapshot, and the RFM grid — recency × frequency, customers and spend per cell, a click lists a cell's
 * customers. The period lives in the URL ({@code ?months=12}) so a view can be shared and bookmarked.
 */
@Route("insight/customers")
@Menu(title = "insight.nav.customers", order = 15, icon = "vaadin:chart-grid")
@RolesAllowed(Roles.MANAGER)
public class CustomerInsightView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    static final List<Integer> PERIODS = List.of(6, 12, 24, 36);

    private final CustomerSnapshots snapshots;
    private final CustomerInsights customers;
    private final JobService jobs;
    final Select<Integer> period = new Select<>();
    final Span asOf = new Span();
    final Button rebuild = new Button();
    final Div figures = new Div();
    final Chart lifecycleChart = new Chart();
    final Chart churnChart = new Chart();
    final Grid<CustomerMonth> months = new Grid<>();
    final Div rfm = new Div();
    final Paragraph empty = new Paragraph();
    final Anchor export = new Anchor();
    final Map<String, Button> rfmCells = new HashMap<>();
    Dialog cellDialog;
    Grid<RfmCustomer> cellCustomers;
    private boolean navigating;

    public CustomerInsightView(CustomerSnapshots snapshots, CustomerInsights customers, JobService jobs) {
        this.snapshots = snapshots;
        this.customers = customers;
        this.jobs = jobs;
        addClassName("keyuan-view");
        setWidthFull();
        setPadding(false);

        period.setId("insight-period");
        period.setLabel(getTranslation("insight.period"));
        period.setItems(PERIODS);
        period.setItemLabelGenerator(n -> getTranslation("insight.period.months", n));
        period.setValue(12);
        period.addValueChangeListener(e -> {
            if (!navigating && e.isFromClient()) {
                getUI().ifPresent(ui -> ui.navigate(
                        CustomerInsightView.class, QueryParameters.of("months", String.valueOf(e.getValue()))));
            }
            load();
        });
        asOf.setId("insight-as-of");
        asOf.addClassName("keyuan-audit");
        rebuild.setId("insight-rebuild");
        rebuild.setText(getTranslation("insight.rebuild"));
        rebuild.setIcon(VaadinIcon.REFRESH.create());
        rebuild.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rebuild.addClickListener(e -> follow(snapshots.startRebuild()));
        export.setId("insight-export");
        export.setHref((DownloadHandler) event -> {
            YearMonth[] range = new YearMonth[2];
            Locale[] locale = new Locale[1];
            event.getUI().accessSynchronously(() -> {
                range[0] = from();
                range[1] = YearMonth.now(io.keyuan.shared.BusinessTime.ZONE);
                locale[0] = getLocale();
            });
            event.setFileName("customers-by-month-" + range[0] + "-" + range[1] + ".xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            snapshots.export(range[0], range[1], locale[0], event.getOutputStream());
        });
        Button exportButton = new Button(getTranslation("insight.export"), VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);
        HorizontalLayout toolbar = new HorizontalLayout(period, export, rebuild, asOf);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        figures.addClassName("keyuan-figures");
        figures.setId("insight-figures");
        empty.setId("insight-empty");
        empty.addClassName("keyuan-empty");
        lifecycleChart.setId("insight-lifecycle-chart");
        churnChart.setId("insight-churn-chart");
        churnChart.setHeight("12rem");
        configureMonths();
        rfm.setId("insight-rfm");
        rfm.addClassName("keyuan-rfm");

        Paragraph rfmHelp = new Paragraph(getTranslation("insight.rfm.help"));
        rfmHelp.addClassName("keyuan-audit");
        add(
                toolbar,
                figures,
                empty,
                new H3(getTranslation("insight.customers.by-month")),
                lifecycleChart,
                churnChart,
                months,
                new H3(getTranslation("insight.rfm.title")),
                rfmHelp,
                rfm);
        buildRfm();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Integer n = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("months")
                .flatMap(CustomerInsightView::parse)
                .filter(PERIODS::contains)
                .orElse(12);
        navigating = true;
        try {
            if (n.equals(period.getValue())) {
                load();
            } else {
                period.setValue(n);
            }
        } finally {
            navigating = false;
        }
        if (snapshots.asOf().isEmpty()) {
            // Never built on this database: build it now (a manager opened the report), and follow the job.
            follow(snapshots.startRebuild());
        } else {
            snapshots.running().ifPresent(this::follow);
        }
    }

    private static Optional<Integer> parse(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private YearMonth from() {
        return YearMonth.now(io.keyuan.shared.BusinessTime.ZONE).minusMonths(period.getValue() - 1L);
    }

    private void follow(JobId id) {
        rebuild.setEnabled(false);
        asOf.setText(getTranslation("insight.rebuilding"));
        JobWatch.follow(this, jobs, id, view -> {
            if (!view.status().active()) {
                rebuild.setEnabled(true);
                load();
            }
        });
    }

    void load() {
        YearMonth to = YearMonth.now(io.keyuan.shared.BusinessTime.ZONE);
        List<CustomerMonth> rows = snapshots.months(from(), to);
        asOf.setText(snapshots
                .asOf()
                .map(i -> getTranslation("insight.as-of-time", Formats.dateTime(i)))
                .orElse(getTranslation("insight.never-built")));
        months.setItems(rows);
        boolean none = rows.isEmpty();
        empty.setVisible(none);
        empty.setText(none ? getTranslation("insight.customers.empty") : "");
        showFigures(rows);
        List<String> labels = rows.stream().map(m -> m.month().toString()).toList();
        lifecycleChart.show(
                new ChartSpec(
                        ChartSpec.Kind.STACKED_BAR,
                        labels,
                        List.of(
                                series("enum.Lifecycle.NEW", rows, CustomerMonth::fresh),
                                series("enum.Lifecycle.ACTIVE", rows, CustomerMonth::active),
                                series("enum.Lifecycle.INACTIVE", rows, CustomerMonth::inactive),
                                series("enum.Lifecycle.CHURNED", rows, CustomerMonth::churned),
                                series("enum.Lifecycle.POTENTIAL", rows, CustomerMonth::potential)),
                        getTranslation("insight.unit.customers")),
                getTranslation("insight.customers.empty"));
        churnChart.show(
                new ChartSpec(
                        ChartSpec.Kind.LINE,
                        labels,
                        List.of(new ChartSpec.Series(
                                getTranslation("insight.customers.col.churn-rate"),
                                rows.stream().map(CustomerMonth::churnRate).toList())),
                        "%"),
                getTranslation("insight.customers.no-churn"));
        fillRfm();
    }

    private ChartSpec.Series series(String key, List<CustomerMonth> rows, ToLongFunction<CustomerMonth> f) {
        return new ChartSpec.Series(
                getTranslation(key),
                rows.stream().map(m -> (Number) f.applyAsLong(m)).toList());
    }

    private void showFigures(List<CustomerMonth> rows) {
        figures.removeAll();
        if (rows.isEmpty()) {
            return;
        }
        CustomerMonth now = rows.getLast();
        figure("insight-figure-total", "insight.customers.col.total", Formats.number(now.total(), getLocale()));
        figure("insight-figure-active", "enum.Lifecycle.ACTIVE", Formats.number(now.active(), getLocale()));
        figure("insight-figure-churned", "enum.Lifecycle.CHURNED", Formats.number(now.churned(), getLocale()));
        CustomerMonth last = rows.size() > 1 ? rows.get(rows.size() - 2) : null;
        figure(
                "insight-figure-churn-rate",
                "insight.customers.last-churn-rate",
                last == null || last.churnRate() == null ? "—" : last.churnRate() + " %");
        figure("insight-figure-revenue", "insight.customers.month-revenue", Formats.money(now.revenue(), getLocale()));
    }

    private void figure(String id, String labelKey, String value) {
        Div box = new Div();
        box.setId(id);
        box.addClassName("keyuan-figure");
        Span label = new Span(getTranslation(labelKey));
        label.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        box.add(label, v);
        figures.add(box);
    }

    private void configureMonths() {
        months.setId("insight-months");
        months.setAllRowsVisible(true);
        months.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        months.addColumn(m -> m.month().toString())
                .setHeader(getTranslation("insight.customers.col.month"))
                .setAutoWidth(true);
        count("enum.Lifecycle.POTENTIAL", CustomerMonth::potential);
        count("enum.Lifecycle.NEW", CustomerMonth::fresh);
        count("enum.Lifecycle.ACTIVE", CustomerMonth::active);
        count("enum.Lifecycle.INACTIVE", CustomerMonth::inactive);
        count("enum.Lifecycle.CHURNED", CustomerMonth::churned);
        count("insight.customers.col.total", CustomerMonth::total);
        count("insight.customers.col.high-value", CustomerMonth::highValue);
        count("insight.customers.col.became-churned", CustomerMonth::becameChurned);
        months.addColumn(m -> m.churnRate() == null ? "—" : m.churnRate() + " %")
                .setHeader(getTranslation("insight.customers.col.churn-rate"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        months.addColumn(m -> Formats.money(m.revenue(), getLocale()))
                .setHeader(getTranslation("insight.customers.col.revenue"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    private void count(String key, ToLongFunction<CustomerMonth> f) {
        months.addColumn(m -> Formats.number(f.applyAsLong(m), getLocale()))
                .setHeader(getTranslation(key))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    /** Rows R 5 (bought most recently) to 1, columns F 1 to 5 (bought most often), with their axis labels. */
    private void buildRfm() {
        rfm.add(axisLabel(getTranslation("insight.rfm.corner")));
        for (int f = 1; f <= 5; f++) {
            rfm.add(axisLabel(getTranslation("insight.rfm.f", f)));
        }
        for (int r = 5; r >= 1; r--) {
            rfm.add(axisLabel(getTranslation("insight.rfm.r", r)));
            for (int f = 1; f <= 5; f++) {
                int rr = r;
                int ff = f;
                Button cell = new Button();
                cell.setId("rfm-r" + r + "-f" + f);
                cell.addClassName("keyuan-rfm-cell");
                cell.addClickListener(e -> openCell(rr, ff));
                rfmCells.put(r + "-" + f, cell);
                rfm.add(cell);
            }
        }
    }

    private static Span axisLabel(String text) {
        Span s = new Span(text);
        s.addClassName("keyuan-rfm-axis");
        return s;
    }

    private void fillRfm() {
        Map<String, RfmCell> cells = new HashMap<>();
        long max = 1;
        for (RfmCell c : customers.rfmGrid()) {
            cells.put(c.recency() + "-" + c.frequency(), c);
            max = Math.max(max, c.customers());
        }
        for (var e : rfmCells.entrySet()) {
            RfmCell c = cells.get(e.getKey());
            Button b = e.getValue();
            long n = c == null ? 0 : c.customers();
            BigDecimal revenue = c == null ? BigDecimal.ZERO : c.revenue();
            b.setText(Formats.number(n, getLocale()) + " · " + Formats.money(revenue, getLocale()));
            b.setEnabled(n > 0);
            // Shade by share of the fullest cell, so where customers sit shows at a glance.
            b.getStyle().set("--keyuan-rfm-weight", String.valueOf(Math.round(100.0 * n / max)));
            b.getElement()
                    .setAttribute(
                            "aria-label",
                            getTranslation(
                                    "insight.rfm.cell-label",
                                    e.getKey().charAt(0),
                                    e.getKey().charAt(2),
                                    n));
        }
    }

    void openCell(int r, int f) {
        cellDialog = new Dialog();
        cellDialog.setHeaderTitle(getTranslation("insight.rfm.cell", r, f));
        cellCustomers = new Grid<>();
        cellCustomers.setId("rfm-cell-customers");
        cellCustomers.addThemeVariants(GridVariant.LUMO_COMPACT);
        cellCustomers
                .addComponentColumn(c -> new Anchor("customers/" + c.id(), c.name() + " (" + c.code() + ")"))
                .setHeader(getTranslation("insight.rfm.col.customer"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        cellCustomers
                .addColumn(c -> Formats.money(c.spend(), getLocale()))
                .setHeader(getTranslation("insight.rfm.col.spend"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        cellCustomers
                .addColumn(c -> "M" + c.monetaryScore())
                .setHeader(getTranslation("insight.rfm.col.m"))
                .setAutoWidth(true);
        cellCustomers
                .addColumn(c -> Formats.date(c.lastPurchase()))
                .setHeader(getTranslation("insight.rfm.col.last"))
                .setAutoWidth(true);
        List<RfmCustomer> list = customers.rfmCell(r, f, 100);
        cellCustomers.setItems(list);
        cellCustomers.setWidth("48rem");
        // A short list takes its own height; a long one scrolls inside the dialog.
        if (list.size() <= 12) {
            cellCustomers.setAllRowsVisible(true);
        } else {
            cellCustomers.setHeight("26rem");
        }
        Paragraph note = new Paragraph(getTranslation("insight.rfm.top", list.size()));
        note.addClassName("keyuan-audit");
        Button close = new Button(getTranslation("action.close"), e -> cellDialog.close());
        close.setId("rfm-cell-close");
        cellDialog.add(note, cellCustomers);
        cellDialog.getFooter().add(close);
        cellDialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insight.customers.title");
    }
}
