package io.keyuan.insight.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
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
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.insight.ChannelFigures;
import io.keyuan.insight.ChannelMix;
import io.keyuan.insight.ChannelPerformanceService;
import io.keyuan.insight.ChannelReport;
import io.keyuan.insight.ChannelReportGrouping;
import io.keyuan.insight.ChannelReportLabels;
import io.keyuan.insight.ChannelReportQuery;
import io.keyuan.insight.InsightExportJobs;
import io.keyuan.insight.RollupStatus;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.Chart;
import io.keyuan.shared.ui.ChartSpec;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Channel performance for a period: per channel, category, acquisition method or month, the customers acquired,
 * conversion, deals, revenue, cost, CAC, ROI and the cohorts' 12-month value, LTV:CAC and payback. The period, the
 * grouping and the channel live in the address ({@code insight/channels?from=2026-01&to=2026-12&by=CHANNEL}), so a
 * view can be bookmarked and shared; a figure that would divide by zero shows "—", an empty report says why.
 */
@Route("insight/channels")
@Menu(title = "insight.nav.channels", order = 22, icon = "vaadin:line-bar-chart")
@RolesAllowed(Roles.MANAGER)
public class ChannelReportView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    /** Months offered before and after the current one. */
    static final int MONTHS_BACK = ChannelPerformanceService.MAX_MONTHS - 1;

    static final int MONTHS_AHEAD = 12;

    private final ChannelPerformanceService reports;
    private final JobService jobs;
    private final Map<Long, ChannelSummary> channels = new LinkedHashMap<>();
    final Select<YearMonth> from = new Select<>();
    final Select<YearMonth> to = new Select<>();
    final Select<ChannelReportGrouping> by = new Select<>();
    final Select<Long> channel = new Select<>();
    final Button export = new Button();
    final Button rebuild = new Button();
    final Span status = new Span();
    final Div empty = new Div();
    final Grid<ChannelFigures> grid = new Grid<>();
    /** Revenue against cost per row; the grid below holds every figure. */
    final Chart chart = new Chart();

    final Div legend = new Div();
    /** The channel mix over time: new customers or revenue per channel and month, stacked, with its table. */
    final H3 mixTitle = new H3();

    final HorizontalLayout mixBar = new HorizontalLayout();

    final Select<ChannelMix.Measure> mixMeasure = new Select<>();
    final Div mixEmpty = new Div();
    final Chart mixChart = new Chart();
    final Grid<ChannelMix.Month> mixGrid = new Grid<>();
    ChannelReport report;
    ChannelMix mix;
    private boolean reading;

    public ChannelReportView(ChannelPerformanceService reports, JobService jobs, ChannelService channelService) {
        this.reports = reports;
        this.jobs = jobs;
        channelService.summaries().forEach(c -> channels.put(c.id(), c));
        addClassName("keyuan-view");
        setWidthFull();
        setPadding(false);

        YearMonth current = YearMonth.now(BusinessTime.ZONE);
        ReportAddress.offerMonths(from, to, current.minusMonths(MONTHS_BACK), current.plusMonths(MONTHS_AHEAD));
        from.setId("channel-report-from");
        from.setLabel(getTranslation("insight.report.from"));
        to.setId("channel-report-to");
        to.setLabel(getTranslation("insight.report.to"));
        ChannelReportQuery defaults = ChannelReportQuery.lastTwelveMonths(current);
        from.setValue(defaults.from());
        to.setValue(defaults.to());

        by.setId("channel-report-by");
        by.setLabel(getTranslation("insight.report.by"));
        by.setItems(ChannelReportGrouping.values());
        by.setItemLabelGenerator(EnumLabels.generator(this));
        by.setValue(ChannelReportGrouping.CHANNEL);

        channel.setId("channel-report-channel");
        channel.setLabel(getTranslation("insight.report.channel"));
        List<Long> ids = new ArrayList<>(channels.keySet());
        ids.add(0L);
        channel.setItems(ids);
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption(getTranslation("insight.report.all-channels"));
        channel.setItemLabelGenerator(id -> id == null
                ? getTranslation("insight.report.all-channels")
                : ChannelReportLabels.of(
                        new ChannelFigures.Group(
                                id,
                                Optional.ofNullable(channels.get(id))
                                        .map(ChannelSummary::name)
                                        .orElse(null),
                                null,
                                null,
                                null,
                                false),
                        (k, a) -> getTranslation(k, a)));

        for (var field : List.of(from, to)) {
            field.addValueChangeListener(e -> changed());
        }
        by.addValueChangeListener(e -> changed());
        channel.addValueChangeListener(e -> changed());

        export.setText(getTranslation("insight.report.export"));
        export.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        export.setId("channel-report-export");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.addClickListener(e -> startExport());
        rebuild.setText(getTranslation("insight.report.rebuild"));
        rebuild.setIcon(VaadinIcon.REFRESH.create());
        rebuild.setId("channel-report-rebuild");
        rebuild.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rebuild.addClickListener(e -> Notifications.attempt(this, () -> {
            reports.startRebuild();
            Notifications.success(this, "insight.report.rebuild-started");
        }));

        HorizontalLayout toolbar = new HorizontalLayout(from, to, by, channel, export, rebuild);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");
        status.setId("channel-report-status");
        status.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        empty.setId("channel-report-empty");
        empty.addClassName("keyuan-empty");
        legend.setId("channel-report-legend");
        legend.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        legend.setText(getTranslation("insight.report.legend"));

        grid.setId("channel-report-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        grid.addColumn(f -> ChannelReportLabels.of(f.group(), (k, a) -> getTranslation(k, a)))
                .setHeader(getTranslation("insight.report.group"))
                .setFrozen(true)
                .setAutoWidth(true)
                .setFlexGrow(1);
        figure("insight.report.new-customers", f -> Formats.number(f.newCustomers(), getLocale()));
        figure("insight.report.conversion", f -> percent(f.conversionRate()));
        figure("insight.report.deals", f -> Formats.number(f.deals(), getLocale()));
        figure("insight.report.win-rate", f -> percent(f.winRate()));
        figure("insight.report.revenue", f -> Formats.money(f.revenue(), getLocale()));
        figure("insight.report.cost", f -> Formats.money(f.cost(), getLocale()));
        figure("insight.report.cac", f -> money(f.cac()));
        figure("insight.report.roi", f -> percent(f.roi()));
        figure("insight.report.ltv", f -> f.ltv() == null ? none() : money(f.ltv()) + (f.ltvPartial() ? " *" : ""));
        figure("insight.report.ltv-cac", f -> f.ltvToCac() == null ? none() : decimal(f.ltvToCac()) + "×");
        figure(
                "insight.report.payback",
                f -> f.paybackMonths() == null
                        ? none()
                        : getTranslation("insight.report.payback-months", f.paybackMonths()));
        chart.setId("channel-report-chart");

        mixTitle.setId("channel-mix-title");
        mixTitle.setText(getTranslation("insight.mix.title"));
        mixTitle.getStyle().set("margin", "var(--lumo-space-l) 0 0 0");
        mixMeasure.setId("channel-mix-measure");
        mixMeasure.setLabel(getTranslation("insight.mix.measure"));
        mixMeasure.setItems(ChannelMix.Measure.values());
        mixMeasure.setItemLabelGenerator(
                m -> getTranslation("insight.mix.measure." + m.name().toLowerCase(java.util.Locale.ROOT)));
        mixMeasure.setValue(ChannelMix.Measure.CUSTOMERS);
        mixMeasure.addValueChangeListener(e -> {
            if (!reading) {
                writeUrl();
                showMix();
            }
        });
        mixBar.add(mixTitle, mixMeasure);
        mixBar.setAlignItems(FlexComponent.Alignment.BASELINE);
        mixBar.getStyle().set("flex-wrap", "wrap");
        mixEmpty.setId("channel-mix-empty");
        mixEmpty.addClassName("keyuan-empty");
        mixChart.setId("channel-mix-chart");
        mixChart.setHeight("22rem");
        mixGrid.setId("channel-mix-grid");
        mixGrid.setAllRowsVisible(true);
        mixGrid.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        add(toolbar, status, empty, chart, grid, legend, mixBar, mixEmpty, mixChart, mixGrid);
    }

    /** Draws the mix in the chosen measure: one stacked bar per month, a series per group, the table below it. */
    void showMix() {
        ChannelMix.Measure measure =
                mixMeasure.getValue() == null ? ChannelMix.Measure.CUSTOMERS : mixMeasure.getValue();
        mixGrid.removeAllColumns();
        // An empty or refused report says why above; the mix then shows nothing rather than the same words again.
        boolean section = report != null && report.empty() == null;
        mixBar.setVisible(section);
        if (!section || mix == null || mix.empty() != null) {
            mixChart.setVisible(false);
            mixGrid.setItems(List.of());
            mixGrid.setVisible(false);
            mixEmpty.setVisible(section);
            // Only a report with deals or costs but no customers or revenue in the period gets here with a section.
            mixEmpty.setText(section ? getTranslation("insight.mix.empty") : "");
            return;
        }
        List<String> names = mix.groups().stream()
                .map(g -> ChannelReportLabels.of(g, (k, a) -> getTranslation(k, a)))
                .toList();
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            int i = g;
            series.add(new ChartSpec.Series(
                    names.get(g),
                    mix.months().stream().map(m -> m.value(measure, i)).toList()));
        }
        mixChart.setVisible(true);
        mixChart.show(
                new ChartSpec(
                        ChartSpec.Kind.STACKED_BAR,
                        mix.months().stream().map(m -> m.month().toString()).toList(),
                        series,
                        measure == ChannelMix.Measure.REVENUE ? "¥" : getTranslation("insight.mix.unit.customers")),
                getTranslation("insight.mix.empty"));
        mixGrid.addColumn(m -> m.month().toString())
                .setHeader(getTranslation("insight.mix.month"))
                .setFrozen(true)
                .setAutoWidth(true);
        for (int g = 0; g < names.size(); g++) {
            int i = g;
            mixGrid.addColumn(m -> mixValue(measure, m.value(measure, i)) + " (" + percent(m.share(measure, i)) + ")")
                    .setHeader(names.get(g))
                    .setTextAlign(ColumnTextAlign.END)
                    .setAutoWidth(true);
        }
        mixGrid.addColumn(m -> mixValue(measure, m.total(measure)))
                .setHeader(getTranslation("insight.report.total"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        mixGrid.setItems(mix.months());
        mixGrid.setVisible(true);
        mixEmpty.setVisible(false);
    }

    private String mixValue(ChannelMix.Measure measure, BigDecimal v) {
        return measure == ChannelMix.Measure.REVENUE
                ? Formats.money(v, getLocale())
                : Formats.number(v.longValue(), getLocale());
    }

    private void figure(String header, Function<ChannelFigures, String> value) {
        grid.addColumn(value::apply)
                .setHeader(getTranslation(header))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    private void changed() {
        if (reading) {
            return;
        }
        writeUrl();
        load();
    }

    void load() {
        ChannelReportQuery q = query();
        try {
            report = reports.report(q);
            mix = reports.mix(q);
        } catch (KeyuanException e) {
            report = null;
            mix = null;
            showMix();
            Notifications.error(this, Notifications.describe(this, e));
            grid.setItems(List.of());
            grid.setVisible(false);
            chart.setVisible(false);
            legend.setVisible(false);
            empty.setText(Notifications.describe(this, e));
            empty.setVisible(true);
            return;
        }
        showStatus(report.status());
        if (report.empty() != null) {
            grid.setItems(List.of());
            grid.setVisible(false);
            chart.setVisible(false);
            legend.setVisible(false);
            empty.setText(getTranslation(
                    ChannelReportLabels.emptyKey(report.empty()),
                    report.from().toString(),
                    report.to().toString()));
            empty.setVisible(true);
            showMix();
            return;
        }
        List<ChannelFigures> rows = new ArrayList<>(report.rows());
        rows.add(report.total());
        grid.setItems(rows);
        grid.setVisible(true);
        showChart(report.rows());
        legend.setVisible(true);
        empty.setVisible(report.endsEarly());
        empty.setText(
                report.endsEarly()
                        ? getTranslation(
                                "insight.report.ends-early", report.to().toString())
                        : "");
        showMix();
    }

    private void showChart(List<ChannelFigures> rows) {
        chart.setVisible(true);
        chart.show(
                new ChartSpec(
                        ChartSpec.Kind.BAR,
                        rows.stream()
                                .map(f -> ChannelReportLabels.of(f.group(), (k, a) -> getTranslation(k, a)))
                                .toList(),
                        List.of(
                                new ChartSpec.Series(
                                        getTranslation("insight.report.revenue"),
                                        rows.stream()
                                                .map(ChannelFigures::revenue)
                                                .toList()),
                                new ChartSpec.Series(
                                        getTranslation("insight.report.cost"),
                                        rows.stream().map(ChannelFigures::cost).toList())),
                        "¥"),
                getTranslation("insight.report.chart-empty"));
    }

    private void showStatus(RollupStatus s) {
        String text = s.asOf() == null
                ? getTranslation("insight.report.never-built")
                : getTranslation("insight.report.as-of", s.asOf());
        if (s.rebuilding()) {
            text += " · " + getTranslation("insight.report.rebuilding");
        } else if (s.pending() && s.asOf() != null) {
            text += " · " + getTranslation("insight.report.pending", s.requestedAt());
        }
        status.setText(text);
    }

    ChannelReportQuery query() {
        return new ChannelReportQuery(from.getValue(), to.getValue(), by.getValue(), channel.getValue());
    }

    private void startExport() {
        ChannelReportQuery q = query();
        if (q.from() == null || q.to() == null) {
            return;
        }
        String name = "channel-report-" + q.from() + "-" + q.to() + ".xlsx";
        ExportDialog.start(
                this,
                jobs,
                ExportJob.request(
                        InsightExportJobs.CHANNEL_REPORT,
                        new InsightExportJobs.ChannelReportParameters(
                                q, getLocale().toLanguageTag(), name),
                        q.from() + " – " + q.to() + " · " + EnumLabels.label(this, q.by())));
    }

    private void writeUrl() {
        UI.getCurrent().getPage().getHistory().replaceState(null, bookmark());
    }

    /** The address of the report as shown: opening it shows the same report. */
    String bookmark() {
        ChannelReportQuery q = query();
        Map<String, String> params = new LinkedHashMap<>();
        if (q.from() != null) {
            params.put("from", q.from().toString());
        }
        if (q.to() != null) {
            params.put("to", q.to().toString());
        }
        params.put("by", q.by() == null ? ChannelReportGrouping.CHANNEL.name() : q.by().name());
        if (q.channelId() != null) {
            params.put("channel", String.valueOf(q.channelId()));
        }
        ChannelMix.Measure measure =
                mixMeasure.getValue() == null ? ChannelMix.Measure.CUSTOMERS : mixMeasure.getValue();
        params.put("mix", measure.name().toLowerCase(java.util.Locale.ROOT));
        return "insight/channels?" + QueryParameters.simple(params).getQueryString();
    }

    /** {@code insight/channels?from=2026-01&to=2026-12&by=METHOD&channel=3}; unknown values are ignored. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        reading = true;
        try {
            ReportAddress.first(q, "from").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(from, m));
            ReportAddress.first(q, "to").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(to, m));
            ReportAddress.first(q, "by")
                    .flatMap(t -> ReportAddress.named(ChannelReportGrouping.class, t))
                    .ifPresent(by::setValue);
            ReportAddress.first(q, "mix")
                    .flatMap(t -> ReportAddress.named(ChannelMix.Measure.class, t))
                    .ifPresent(mixMeasure::setValue);
            ReportAddress.first(q, "channel").flatMap(ReportAddress::id).ifPresent(id -> {
                if (id == 0 || channels.containsKey(id)) {
                    channel.setValue(id);
                }
            });
        } finally {
            reading = false;
        }
        load();
    }

    private String none() {
        return getTranslation("form.none");
    }

    private String money(BigDecimal v) {
        return v == null ? none() : Formats.money(v, getLocale());
    }

    private String percent(BigDecimal ratio) {
        if (ratio == null) {
            return none();
        }
        NumberFormat f = NumberFormat.getPercentInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(ratio);
    }

    private String decimal(BigDecimal v) {
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(v);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insight.nav.channels");
    }
}
