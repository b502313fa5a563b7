package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelService;
import io.keyuan.pipeline.PipelineReport;
import io.keyuan.pipeline.PipelineReport.Breakdown;
import io.keyuan.pipeline.PipelineReport.StageConversion;
import io.keyuan.pipeline.PipelineReport.StageDuration;
import io.keyuan.pipeline.PipelineReportService;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.security.UserDirectory;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The funnel of a pipeline for a period: conversion from each stage to the next and to won, average days in each
 * stage, and win rate and value by source channel, acquisition method and owner.
 */
@Route("pipelines/reports")
@Menu(title = "pipeline.nav.reports", order = 32, icon = "vaadin:bar-chart-h")
@RolesAllowed(Roles.MANAGER)
public class PipelineReportView extends VerticalLayout implements HasDynamicTitle {
    private final PipelineReportService reports;
    private final io.keyuan.shared.jobs.JobService jobs;
    private final Map<String, String> channelNames = new HashMap<>();
    private final Map<String, String> ownerNames = new HashMap<>();
    final Select<PipelineSummary> pipeline = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Div figures = new Div();
    final Grid<StageConversion> conversions = new Grid<>();
    final Grid<StageDuration> durations = new Grid<>();
    final Grid<Breakdown> byChannel = breakdownGrid("report-by-channel");
    final Grid<Breakdown> byMethod = breakdownGrid("report-by-method");
    final Grid<Breakdown> byOwner = breakdownGrid("report-by-owner");
    PipelineReport report;

    public PipelineReportView(
            PipelineService pipelines,
            PipelineReportService reports,
            io.keyuan.shared.jobs.JobService jobs,
            ChannelService channels,
            UserDirectory users) {
        this.jobs = jobs;
        this.reports = reports;
        channels.summaries().forEach(c -> channelNames.put(String.valueOf(c.id()), c.name()));
        users.allUsers().forEach(u -> ownerNames.put(String.valueOf(u.id()), u.displayName()));
        addClassName("keyuan-view");
        setWidthFull();
        setPadding(false);

        List<PipelineSummary> all = pipelines.pipelines();
        pipeline.setId("report-pipeline");
        pipeline.setLabel(getTranslation("pipeline.field.pipeline"));
        pipeline.setItems(all);
        pipeline.setItemLabelGenerator(p -> StageLabels.pipeline(this, p));
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        from.setId("report-from");
        from.setLabel(getTranslation("pipeline.report.from"));
        from.setI18n(DatePickers.i18n(this));
        from.setValue(today.minusDays(179));
        to.setId("report-to");
        to.setLabel(getTranslation("pipeline.report.to"));
        to.setI18n(DatePickers.i18n(this));
        to.setValue(today);
        pipeline.addValueChangeListener(e -> run());
        from.addValueChangeListener(e -> run());
        to.addValueChangeListener(e -> run());
        com.vaadin.flow.component.button.Button export = new com.vaadin.flow.component.button.Button(
                getTranslation("pipeline.report.export"),
                com.vaadin.flow.component.icon.VaadinIcon.DOWNLOAD_ALT.create());
        export.setId("report-export");
        export.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_TERTIARY);
        export.addClickListener(e -> {
            PipelineSummary p = pipeline.getValue();
            if (p == null || from.getValue() == null || to.getValue() == null) {
                return;
            }
            io.keyuan.shared.ui.ExportDialog.start(
                    this,
                    jobs,
                    io.keyuan.shared.jobs.ExportJob.request(
                            io.keyuan.pipeline.PipelineExportJobs.FUNNEL_REPORT,
                            new io.keyuan.pipeline.PipelineExportJobs.ReportParameters(
                                    p.id(),
                                    from.getValue(),
                                    to.getValue(),
                                    getLocale().toLanguageTag(),
                                    "funnel-report-" + from.getValue() + "-" + to.getValue() + ".xlsx"),
                            StageLabels.pipeline(this, p)));
        });
        HorizontalLayout toolbar = new HorizontalLayout(pipeline, from, to, export);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        figures.addClassName("keyuan-figures");
        figures.setId("report-figures");

        conversions.setId("report-conversions");
        conversions.setAllRowsVisible(true);
        conversions.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        conversions
                .addColumn(c -> StageLabels.stage(this, c.stage()))
                .setHeader(getTranslation("pipeline.stage.name"))
                .setAutoWidth(true);
        conversions
                .addColumn(c -> Formats.number(c.reached(), getLocale()))
                .setHeader(getTranslation("pipeline.report.reached"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        conversions
                .addComponentColumn(this::funnelBar)
                .setHeader(getTranslation("pipeline.report.funnel"))
                .setFlexGrow(1);
        conversions
                .addColumn(c -> percent(c.toNextRate()))
                .setHeader(getTranslation("pipeline.report.to-next"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        conversions
                .addColumn(c -> percent(c.toWonRate()))
                .setHeader(getTranslation("pipeline.report.to-won"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);

        durations.setId("report-durations");
        durations.setAllRowsVisible(true);
        durations.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        durations
                .addColumn(d -> StageLabels.stage(this, d.stage()))
                .setHeader(getTranslation("pipeline.stage.name"))
                .setAutoWidth(true);
        durations
                .addColumn(d -> d.visits() == 0
                        ? getTranslation("form.none")
                        : getTranslation("pipeline.report.days", String.format("%.1f", d.averageDays())))
                .setHeader(getTranslation("pipeline.report.avg-days"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        durations
                .addColumn(d -> Formats.number(d.visits(), getLocale()))
                .setHeader(getTranslation("pipeline.report.visits"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);

        addKeyColumn(byChannel, "deal.field.channel", k -> channelNames.getOrDefault(k, k));
        addKeyColumn(byMethod, "deal.field.method", k -> EnumLabels.label(this, AcquisitionMethod.valueOf(k)));
        addKeyColumn(byOwner, "deal.field.owner", k -> ownerNames.getOrDefault(k, k));
        for (Grid<Breakdown> g : List.of(byChannel, byMethod, byOwner)) {
            addFigureColumns(g);
        }

        VerticalLayout conversionSection = section("pipeline.report.conversion", conversions);
        VerticalLayout durationSection = section("pipeline.report.durations", durations);
        conversionSection.getStyle().set("flex", "3 1 32rem");
        durationSection.getStyle().set("flex", "2 1 22rem");
        HorizontalLayout stageTables = new HorizontalLayout(conversionSection, durationSection);
        stageTables.setWidthFull();
        stageTables.getStyle().set("flex-wrap", "wrap");
        add(
                toolbar,
                figures,
                stageTables,
                section("pipeline.report.by-channel", byChannel),
                section("pipeline.report.by-method", byMethod),
                section("pipeline.report.by-owner", byOwner));
        if (!all.isEmpty()) {
            pipeline.setValue(all.getFirst());
        } else {
            Div empty = new Div(getTranslation("pipeline.empty.manager"));
            empty.addClassName("keyuan-empty");
            addComponentAtIndex(1, empty);
        }
    }

    private static Grid<Breakdown> breakdownGrid(String id) {
        Grid<Breakdown> g = new Grid<>();
        g.setId(id);
        g.setAllRowsVisible(true);
        g.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        return g;
    }

    private void addKeyColumn(Grid<Breakdown> g, String header, Function<String, String> label) {
        g.addColumn(b -> b.key() == null ? getTranslation("form.none") : label.apply(b.key()))
                .setHeader(getTranslation(header))
                .setFlexGrow(1);
    }

    private void addFigureColumns(Grid<Breakdown> g) {
        g.addColumn(b -> Formats.number(b.deals(), getLocale()))
                .setHeader(getTranslation("pipeline.report.deals"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> Formats.number(b.open(), getLocale()))
                .setHeader(getTranslation("pipeline.report.open"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> Formats.number(b.won(), getLocale()))
                .setHeader(getTranslation("pipeline.report.won"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> Formats.number(b.lost(), getLocale()))
                .setHeader(getTranslation("pipeline.report.lost"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> percent(b.winRate()))
                .setHeader(getTranslation("pipeline.report.win-rate"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> Formats.money(b.totalValue(), getLocale()))
                .setHeader(getTranslation("pipeline.report.total-value"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        g.addColumn(b -> Formats.money(b.wonValue(), getLocale()))
                .setHeader(getTranslation("pipeline.report.won-value"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    private VerticalLayout section(String titleKey, Component content) {
        H3 title = new H3(getTranslation(titleKey));
        title.getStyle().set("margin", "var(--lumo-space-s) 0 0 0").set("font-size", "var(--lumo-font-size-l)");
        VerticalLayout v = new VerticalLayout(title, content);
        v.setPadding(false);
        v.setSpacing(false);
        v.setWidthFull();
        return v;
    }

    private Component funnelBar(StageConversion c) {
        long top = report == null || report.conversions().isEmpty()
                ? 0
                : report.conversions().stream()
                        .mapToLong(StageConversion::reached)
                        .max()
                        .orElse(0);
        Div bar = new Div();
        double share = top == 0 ? 0 : (double) c.reached() / top;
        String color = switch (c.stage().kind()) {
            case WON -> "var(--lumo-success-color)";
            case LOST -> "var(--lumo-error-color-50pct)";
            default -> "var(--lumo-primary-color-50pct)";
        };
        bar.getStyle()
                .set("height", "0.9rem")
                .set("border-radius", "3px")
                .set("background", color)
                .set("width", String.format(java.util.Locale.ROOT, "%.1f%%", share * 100))
                .set("min-width", c.reached() > 0 ? "2px" : "0");
        return bar;
    }

    void run() {
        PipelineSummary p = pipeline.getValue();
        if (p == null || from.getValue() == null || to.getValue() == null) {
            return;
        }
        try {
            report = reports.report(p.id(), from.getValue(), to.getValue());
        } catch (KeyuanException e) {
            Notifications.error(this, Notifications.describe(this, e));
            return;
        }
        conversions.setItems(report.conversions());
        durations.setItems(report.durations());
        byChannel.setItems(report.byChannel());
        byMethod.setItems(report.byMethod());
        byOwner.setItems(report.byOwner());
        long deals = 0;
        long won = 0;
        long lost = 0;
        BigDecimal wonValue = BigDecimal.ZERO;
        for (Breakdown b : report.byOwner()) {
            deals += b.deals();
            won += b.won();
            lost += b.lost();
            wonValue = wonValue.add(b.wonValue());
        }
        figures.removeAll();
        figures.add(
                figure("pipeline.report.deals", Formats.number(deals, getLocale())),
                figure("pipeline.report.won", Formats.number(won, getLocale())),
                figure("pipeline.report.lost", Formats.number(lost, getLocale())),
                figure("pipeline.report.win-rate", percent(won + lost == 0 ? null : (double) won / (won + lost))),
                figure("pipeline.report.won-value", Formats.money(wonValue, getLocale())));
    }

    private Div figure(String key, String value) {
        Span label = new Span(getTranslation(key));
        label.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        Div d = new Div(label, v);
        d.addClassName("keyuan-figure");
        return d;
    }

    private String percent(Double rate) {
        if (rate == null) {
            return getTranslation("form.none");
        }
        NumberFormat f = NumberFormat.getPercentInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(rate);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pipeline.nav.reports");
    }
}
