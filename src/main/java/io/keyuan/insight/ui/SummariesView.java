package io.keyuan.insight.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.insight.InsightSummaries;
import io.keyuan.insight.InsightSummaries.Funnel;
import io.keyuan.insight.SummaryExportJob;
import io.keyuan.insight.SummaryQuery;
import io.keyuan.insight.SummaryTab;
import io.keyuan.insight.SummaryTable;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.Chart;
import io.keyuan.shared.ui.ChartSpec;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The summaries (汇总) in one view with a tab each — the funnel of a pipeline, satisfaction by month, revenue and
 * margin by price tier, segment sizes over time — because they share one period and a few filters, which live in
 * the address ({@code insight/summaries?tab=funnel&from=2026-01&to=2026-12&pipeline=3&channel=7}), so a tab can be
 * bookmarked and sent. Each tab shows a chart with its table below and exports its tables to Excel.
 */
@Route("insight/summaries")
@Menu(title = "insight.nav.summaries", order = 24, icon = "vaadin:chart-3d")
@RolesAllowed(Roles.MANAGER)
public class SummariesView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    static final int MONTHS_BACK = InsightSummaries.MAX_MONTHS - 1;

    /** The tabs offered, in order. */
    static final List<SummaryTab> TABS = List.of(SummaryTab.values());

    private final InsightSummaries summaries;
    private final JobService jobs;
    private final Map<Long, ChannelSummary> channels = new LinkedHashMap<>();
    final Tabs tabs = new Tabs();
    final Map<SummaryTab, Tab> tabOf = new EnumMap<>(SummaryTab.class);
    final Select<YearMonth> from = new Select<>();
    final Select<YearMonth> to = new Select<>();
    final Select<Long> pipeline = new Select<>();
    final Select<Long> segment = new Select<>();
    final Select<Long> channel = new Select<>();
    final Button export = new Button();
    final Paragraph empty = new Paragraph();
    /** What a tab's figures cover, where that needs saying (the price tiers). */
    final Paragraph note = new Paragraph();

    final Chart chart = new Chart();
    final Div tables = new Div();
    final List<Grid<List<Object>>> grids = new ArrayList<>();
    private final Map<Long, String> pipelineNames = new LinkedHashMap<>();
    private final Map<Long, String> segmentNames = new LinkedHashMap<>();
    private boolean reading;

    private final io.keyuan.insight.TierRevenueRollup tierRollup;
    /** The tier rollup's "as of" and its rebuild (tiers tab only). */
    final com.vaadin.flow.component.html.Span asOf = new com.vaadin.flow.component.html.Span();

    final Button rebuild = new Button();

    public SummariesView(
            InsightSummaries summaries,
            io.keyuan.insight.TierRevenueRollup tierRollup,
            JobService jobs,
            ChannelService channelService) {
        this.summaries = summaries;
        this.tierRollup = tierRollup;
        this.jobs = jobs;
        channelService.summaries().forEach(c -> channels.put(c.id(), c));
        addClassName("keyuan-view");
        setWidthFull();
        setPadding(false);

        for (SummaryTab t : TABS) {
            Tab tab = new Tab(getTranslation("insight.summary.tab." + key(t)));
            tab.setId("summary-tab-" + key(t));
            tabOf.put(t, tab);
            tabs.add(tab);
        }
        tabs.setId("summary-tabs");
        tabs.addSelectedChangeListener(e -> changed());

        YearMonth current = YearMonth.now(BusinessTime.ZONE);
        ReportAddress.offerMonths(from, to, current.minusMonths(MONTHS_BACK), current);
        from.setId("summary-from");
        from.setLabel(getTranslation("insight.report.from"));
        to.setId("summary-to");
        to.setLabel(getTranslation("insight.report.to"));
        SummaryQuery defaults = SummaryQuery.lastTwelveMonths(current);
        from.setValue(defaults.from());
        to.setValue(defaults.to());

        for (PipelineSummary p : summaries.pipelines()) {
            pipelineNames.put(p.id(), p.nameKey() == null ? p.name() : getTranslation(p.nameKey()));
        }
        pipeline.setId("summary-pipeline");
        pipeline.setWidth("16rem");
        pipeline.setLabel(getTranslation("insight.summary.pipeline"));
        pipeline.setItems(pipelineNames.keySet());
        pipeline.setItemLabelGenerator(id -> id == null ? "" : pipelineNames.getOrDefault(id, String.valueOf(id)));
        pipelineNames.keySet().stream().findFirst().ifPresent(pipeline::setValue);

        summaries.segments().forEach(c -> segmentNames.put(c.id(), c.name()));
        segment.setId("summary-segment");
        segment.setWidth("18rem");
        segment.setLabel(getTranslation("insight.summary.segment"));
        segment.setEmptySelectionAllowed(true);
        segment.setEmptySelectionCaption(getTranslation("insight.summary.all-segments"));
        segment.setItems(segmentNames.keySet());
        segment.setItemLabelGenerator(id -> id == null
                ? getTranslation("insight.summary.all-segments")
                : segmentNames.getOrDefault(id, String.valueOf(id)));

        channel.setId("summary-channel");
        channel.setWidth("12rem");
        channel.setLabel(getTranslation("insight.report.channel"));
        List<Long> ids = new ArrayList<>(channels.keySet());
        ids.add(0L);
        channel.setItems(ids);
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption(getTranslation("insight.report.all-channels"));
        channel.setItemLabelGenerator(id -> id == null
                ? getTranslation("insight.report.all-channels")
                : id == 0
                        ? getTranslation("insight.report.no-channel")
                        : Optional.ofNullable(channels.get(id))
                                .map(ChannelSummary::name)
                                .orElse(String.valueOf(id)));
        for (Select<?> s : List.of(from, to, pipeline, segment, channel)) {
            s.addValueChangeListener(e -> changed());
        }

        export.setText(getTranslation("insight.report.export"));
        export.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        export.setId("summary-export");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.addClickListener(e -> startExport());

        rebuild.setText(getTranslation("insight.rebuild"));
        rebuild.setIcon(VaadinIcon.REFRESH.create());
        rebuild.setId("summary-rebuild");
        rebuild.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rebuild.addClickListener(e -> follow(tierRollup.startRebuild()));
        asOf.setId("summary-as-of");
        asOf.addClassName("keyuan-audit");
        HorizontalLayout toolbar = new HorizontalLayout(from, to, pipeline, segment, channel, export, rebuild, asOf);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");
        empty.setId("summary-empty");
        empty.addClassName("keyuan-empty");
        note.setId("summary-note");
        note.addClassName("keyuan-audit");
        chart.setId("summary-chart");
        tables.setId("summary-tables");
        tables.setWidthFull();
        add(tabs, toolbar, empty, note, chart, tables);
    }

    static String key(SummaryTab t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    SummaryTab tab() {
        Tab selected = tabs.getSelectedTab();
        return tabOf.entrySet().stream()
                .filter(e -> e.getValue() == selected)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(TABS.getFirst());
    }

    SummaryQuery query() {
        return new SummaryQuery(
                from.getValue(), to.getValue(), pipeline.getValue(), segment.getValue(), channel.getValue());
    }

    private void changed() {
        if (reading) {
            return;
        }
        UI.getCurrent().getPage().getHistory().replaceState(null, bookmark());
        load();
    }

    /** Which filters the tab reads; the others are hidden (and kept in the address for the tabs that read them). */
    private void showFilters(SummaryTab t) {
        pipeline.setVisible(t == SummaryTab.FUNNEL && !pipelineNames.isEmpty());
        channel.setVisible(t == SummaryTab.FUNNEL || t == SummaryTab.SATISFACTION);
        segment.setVisible(t == SummaryTab.SATISFACTION || t == SummaryTab.SEGMENTS);
    }

    void load() {
        SummaryTab t = tab();
        showFilters(t);
        rebuild.setVisible(t == SummaryTab.TIERS);
        asOf.setVisible(t == SummaryTab.TIERS);
        if (t == SummaryTab.TIERS && rebuild.isEnabled()) {
            asOf.setText(tierRollup
                    .asOf()
                    .map(i -> getTranslation("insight.as-of-time", Formats.dateTime(i)))
                    .orElse(getTranslation("insight.never-built")));
        }
        note.setVisible(t == SummaryTab.TIERS);
        note.setText(t == SummaryTab.TIERS ? getTranslation("insight.summary.tiers.note") : "");
        SummaryQuery q = query();
        Locale locale = getLocale();
        List<SummaryTable> shown = List.of();
        String why = null;
        ChartSpec spec = null;
        try {
            switch (t) {
                case FUNNEL -> {
                    Funnel f = summaries.funnel(q, locale);
                    shown = summaries.funnelTables(f, locale);
                    why = summaries.funnelEmpty(f, q, locale);
                    spec = funnelChart(f);
                    note.setVisible(true);
                    note.setText(getTranslation(
                            "insight.summary.funnel.headline",
                            f.winPercent() == null
                                    ? getTranslation("form.none")
                                    : format(f.winPercent(), SummaryTable.Kind.PERCENT),
                            f.won(),
                            f.won() + f.lost(),
                            f.deals()));
                }
                case SATISFACTION -> {
                    InsightSummaries.Satisfaction f = summaries.satisfaction(q, locale);
                    shown = summaries.satisfactionTables(f, locale);
                    why = summaries.satisfactionEmpty(f, q, locale);
                    spec = satisfactionChart(f, q);
                }
                case TIERS -> {
                    InsightSummaries.TierRevenue f = summaries.tierRevenue(q, locale);
                    shown = summaries.tierTables(f, locale);
                    why = summaries.tierEmpty(f, q, locale);
                    spec = tierChart(f);
                }
                case SEGMENTS -> {
                    InsightSummaries.SegmentSizes f = summaries.segmentSizes(q, locale);
                    shown = summaries.segmentTables(f, locale);
                    why = summaries.segmentEmpty(f, q, locale);
                    spec = segmentChart(f);
                }
            }
        } catch (KeyuanException e) {
            show(List.of(), io.keyuan.shared.ui.Notifications.describe(this, e), null);
            return;
        }
        show(shown, why, spec);
    }

    private void show(List<SummaryTable> shown, String why, ChartSpec spec) {
        empty.setText(why == null ? "" : why);
        empty.setVisible(why != null);
        tables.removeAll();
        grids.clear();
        if (why != null) {
            chart.setVisible(false);
            note.setVisible(false);
            return;
        }
        chart.setVisible(spec != null);
        if (spec != null) {
            chart.show(spec, getTranslation("insight.summary.chart-empty"));
        }
        for (SummaryTable table : shown) {
            H3 title = new H3(table.title());
            title.getStyle().set("margin-top", "var(--lumo-space-l)");
            tables.add(title);
            if (table.rows().isEmpty()) {
                Paragraph none = new Paragraph(getTranslation("insight.summary.table-empty"));
                none.addClassName("keyuan-empty");
                tables.add(none);
                continue;
            }
            Grid<List<Object>> grid = new Grid<>();
            grid.setId("summary-table-" + grids.size());
            grid.setAllRowsVisible(true);
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            for (int i = 0; i < table.columns().size(); i++) {
                int index = i;
                SummaryTable.Column c = table.columns().get(i);
                var column = grid.addColumn(row -> format(row.get(index), c.kind()))
                        .setHeader(c.header())
                        .setAutoWidth(true);
                if (c.kind() != SummaryTable.Kind.TEXT) {
                    column.setTextAlign(ColumnTextAlign.END);
                } else if (i == 0) {
                    column.setFlexGrow(1);
                }
            }
            grid.setItems(table.rows());
            grids.add(grid);
            tables.add(grid);
        }
    }

    /** Shows a tier rollup build under way and reloads when it ends. */
    private void follow(io.keyuan.shared.jobs.JobId id) {
        rebuild.setEnabled(false);
        asOf.setText(getTranslation("insight.rebuilding"));
        io.keyuan.shared.ui.JobWatch.follow(this, jobs, id, view -> {
            if (!view.status().active()) {
                rebuild.setEnabled(true);
                load();
            }
        });
    }

    /** A value as people read it; "—" where it cannot be computed. */
    String format(Object v, SummaryTable.Kind kind) {
        if (v == null) {
            return getTranslation("form.none");
        }
        Locale locale = getLocale();
        return switch (kind) {
            case TEXT -> v.toString();
            case COUNT -> Formats.number(((Number) v).longValue(), locale);
            // a loss reads −¥2.00, not ¥-2.00
            case MONEY ->
                ((BigDecimal) v).signum() < 0
                        ? "−" + Formats.money(((BigDecimal) v).negate(), locale)
                        : Formats.money((BigDecimal) v, locale);
            case PERCENT -> decimal((BigDecimal) v, 1) + " %";
            case SCORE -> decimal((BigDecimal) v, 1);
        };
    }

    private String decimal(BigDecimal v, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(getLocale());
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(v);
    }

    private ChartSpec funnelChart(Funnel f) {
        List<InsightSummaries.FunnelStage> path =
                f.stages().stream().filter(s -> s.kind() != StageKind.LOST).toList();
        return new ChartSpec(
                ChartSpec.Kind.FUNNEL,
                path.stream().map(InsightSummaries.FunnelStage::name).toList(),
                List.of(new ChartSpec.Series(
                        getTranslation("insight.summary.col.reached"),
                        path.stream().map(s -> (Number) s.reached()).toList())),
                null);
    }

    /**
     * NPS and CSAT of everyone by month, and of the chosen segment and channel beside them; months without an
     * answer leave a gap, not a zero.
     */
    private ChartSpec satisfactionChart(InsightSummaries.Satisfaction s, SummaryQuery q) {
        List<String> months = s.months().stream().map(YearMonth::toString).toList();
        List<ChartSpec.Series> series = new ArrayList<>();
        series.add(new ChartSpec.Series(
                getTranslation("insight.summary.col.nps"),
                s.overall().stream().map(InsightSummaries.MonthScores::nps).toList()));
        series.add(new ChartSpec.Series(
                getTranslation("insight.summary.col.csat"),
                s.overall().stream().map(InsightSummaries.MonthScores::csat).toList()));
        if (q.segmentId() != null) {
            groupSeries(series, s.months(), s.bySegment());
        }
        if (q.channelId() != null) {
            groupSeries(series, s.months(), s.byChannel());
        }
        return new ChartSpec(ChartSpec.Kind.LINE, months, series, null);
    }

    /** NPS and CSAT of the one group in {@code rows}, by month (a gap where it had no answer). */
    private void groupSeries(
            List<ChartSpec.Series> series, List<YearMonth> months, List<InsightSummaries.MonthScores> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Map<YearMonth, InsightSummaries.MonthScores> byMonth = new LinkedHashMap<>();
        rows.forEach(r -> byMonth.put(r.month(), r));
        String group = rows.getFirst().group();
        List<BigDecimal> nps = new ArrayList<>();
        List<BigDecimal> csat = new ArrayList<>();
        for (YearMonth m : months) {
            InsightSummaries.MonthScores r = byMonth.get(m);
            nps.add(r == null ? null : r.nps());
            csat.add(r == null ? null : r.csat());
        }
        series.add(new ChartSpec.Series(getTranslation("insight.summary.col.nps") + " · " + group, nps));
        series.add(new ChartSpec.Series(getTranslation("insight.summary.col.csat") + " · " + group, csat));
    }

    /** Revenue per tier, stacked by month (a tier without purchases in a month adds nothing there). */
    private ChartSpec tierChart(InsightSummaries.TierRevenue r) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (InsightSummaries.TierMonth total : r.totals()) {
            List<BigDecimal> values = new ArrayList<>();
            for (YearMonth m : r.months()) {
                values.add(r.byMonth().stream()
                        .filter(x -> x.month().equals(m) && java.util.Objects.equals(x.tierId(), total.tierId()))
                        .map(InsightSummaries.TierMonth::revenue)
                        .findFirst()
                        .orElse(BigDecimal.ZERO));
            }
            series.add(new ChartSpec.Series(total.tier(), values));
        }
        return new ChartSpec(
                ChartSpec.Kind.STACKED_BAR,
                r.months().stream().map(YearMonth::toString).toList(),
                series,
                "¥");
    }

    /** Members at each month end, a line per segment: the {@value #CHART_SEGMENTS} largest now, so lines stay legible. */
    private ChartSpec segmentChart(InsightSummaries.SegmentSizes s) {
        Map<Long, List<InsightSummaries.SegmentMonth>> bySegment = new LinkedHashMap<>();
        s.rows()
                .forEach(r -> bySegment
                        .computeIfAbsent(r.segmentId(), k -> new ArrayList<>())
                        .add(r));
        List<List<InsightSummaries.SegmentMonth>> lines = new ArrayList<>(bySegment.values());
        lines.sort(java.util.Comparator.comparingLong((List<InsightSummaries.SegmentMonth> l) -> {
                    Long last = l.getLast().members();
                    return last == null ? 0 : last;
                })
                .reversed());
        List<ChartSpec.Series> series = new ArrayList<>();
        for (List<InsightSummaries.SegmentMonth> line : lines.subList(0, Math.min(CHART_SEGMENTS, lines.size()))) {
            series.add(new ChartSpec.Series(
                    line.getFirst().segment(),
                    line.stream().map(InsightSummaries.SegmentMonth::members).toList()));
        }
        return new ChartSpec(
                ChartSpec.Kind.LINE,
                s.months().stream().map(YearMonth::toString).toList(),
                series,
                getTranslation("insight.unit.customers"));
    }

    static final int CHART_SEGMENTS = 10;

    private void startExport() {
        SummaryQuery q = query();
        if (q.from() == null || q.to() == null) {
            return;
        }
        SummaryTab t = tab();
        String name = "summary-" + key(t) + "-" + q.from() + "-" + q.to() + ".xlsx";
        ExportDialog.start(
                this,
                jobs,
                ExportJob.request(
                        SummaryExportJob.KIND,
                        new SummaryExportJob.Parameters(t, q, getLocale().toLanguageTag(), name),
                        getTranslation("insight.summary.tab." + key(t)) + " · " + q.from() + " – " + q.to()));
    }

    /** The address of what is shown: opening it shows the same tab with the same filters. */
    String bookmark() {
        SummaryQuery q = query();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("tab", key(tab()));
        if (q.from() != null) {
            params.put("from", q.from().toString());
        }
        if (q.to() != null) {
            params.put("to", q.to().toString());
        }
        if (q.pipelineId() != null) {
            params.put("pipeline", String.valueOf(q.pipelineId()));
        }
        if (q.segmentId() != null) {
            params.put("segment", String.valueOf(q.segmentId()));
        }
        if (q.channelId() != null) {
            params.put("channel", String.valueOf(q.channelId()));
        }
        return "insight/summaries?" + QueryParameters.simple(params).getQueryString();
    }

    /** {@code ?tab=funnel&from=2026-01&to=2026-12&pipeline=3&segment=5&channel=7}; unknown values are ignored. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        reading = true;
        try {
            ReportAddress.first(q, "tab")
                    .flatMap(SummariesView::tabNamed)
                    .map(tabOf::get)
                    .ifPresent(tabs::setSelectedTab);
            ReportAddress.first(q, "from").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(from, m));
            ReportAddress.first(q, "to").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(to, m));
            ReportAddress.first(q, "pipeline")
                    .flatMap(ReportAddress::id)
                    .filter(pipelineNames::containsKey)
                    .ifPresent(pipeline::setValue);
            ReportAddress.first(q, "segment")
                    .flatMap(ReportAddress::id)
                    .filter(segmentNames::containsKey)
                    .ifPresent(segment::setValue);
            ReportAddress.first(q, "channel")
                    .flatMap(ReportAddress::id)
                    .filter(id -> id == 0 || channels.containsKey(id))
                    .ifPresent(channel::setValue);
        } finally {
            reading = false;
        }
        load();
        if (tierRollup.asOf().isEmpty()) {
            // Never built on this database: build it now (a manager opened the summaries), and follow the job.
            follow(tierRollup.startRebuild());
        } else {
            tierRollup.running().ifPresent(this::follow);
        }
    }

    private static Optional<SummaryTab> tabNamed(String text) {
        try {
            SummaryTab t = SummaryTab.valueOf(text.strip().toUpperCase(Locale.ROOT));
            return TABS.contains(t) ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insight.nav.summaries");
    }
}
