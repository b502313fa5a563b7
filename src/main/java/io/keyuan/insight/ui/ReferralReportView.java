package io.keyuan.insight.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
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
import io.keyuan.insight.ChannelReportLabels;
import io.keyuan.insight.InsightExportJobs;
import io.keyuan.insight.ReferralQuery;
import io.keyuan.insight.ReferralRanking;
import io.keyuan.insight.ReferralReport;
import io.keyuan.insight.ReferralReportLabels;
import io.keyuan.insight.ReferralService;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobService;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Referrals (口碑传播) among the customers acquired in a period: how many were referred and by how many customers, the
 * referred customers' conversion and 12-month value against the others', the top promoters (linked to their customer
 * pages) and how long the referral chains are. Its own page rather than a tab of the channel report: its filters
 * (ranking, no grouping) and its export differ, and its address can be sent on its own
 * ({@code insight/referrals?from=2026-01&to=2026-12&rank=revenue}).
 */
@Route("insight/referrals")
@Menu(title = "insight.nav.referrals", order = 23, icon = "vaadin:share")
@RolesAllowed(Roles.MANAGER)
public class ReferralReportView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    private final ReferralService referrals;
    private final JobService jobs;
    private final Map<Long, ChannelSummary> channels = new LinkedHashMap<>();
    final Select<YearMonth> from = new Select<>();
    final Select<YearMonth> to = new Select<>();
    final Select<Long> channel = new Select<>();
    final Select<ReferralRanking> rank = new Select<>();
    final Button export = new Button();
    final Span status = new Span();
    final Div empty = new Div();
    final Div summary = new Div();
    final Grid<Row> comparison = new Grid<>();
    final H3 promotersTitle = new H3();
    final Grid<ReferralReport.Promoter> promoters = new Grid<>();
    final H3 depthsTitle = new H3();
    final Grid<ReferralReport.Depth> depths = new Grid<>();
    final Div legend = new Div();
    ReferralReport report;
    private boolean reading;

    /** A line of the comparison: referred, the others, all. */
    record Row(String label, ReferralReport.Cohort cohort) {}

    public ReferralReportView(ReferralService referrals, JobService jobs, ChannelService channelService) {
        this.referrals = referrals;
        this.jobs = jobs;
        channelService.summaries().forEach(c -> channels.put(c.id(), c));
        addClassName("keyuan-view");
        setWidthFull();
        setPadding(false);

        YearMonth current = YearMonth.now(BusinessTime.ZONE);
        ReportAddress.offerMonths(
                from,
                to,
                current.minusMonths(ChannelReportView.MONTHS_BACK),
                current.plusMonths(ChannelReportView.MONTHS_AHEAD));
        from.setId("referral-from");
        from.setLabel(getTranslation("insight.report.from"));
        to.setId("referral-to");
        to.setLabel(getTranslation("insight.report.to"));
        ReferralQuery defaults = ReferralQuery.lastTwelveMonths(current);
        from.setValue(defaults.from());
        to.setValue(defaults.to());

        channel.setId("referral-channel");
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

        rank.setId("referral-rank");
        rank.setLabel(getTranslation("insight.referrals.rank"));
        rank.setItems(ReferralRanking.values());
        rank.setItemLabelGenerator(
                r -> getTranslation("insight.referrals.rank." + r.name().toLowerCase(Locale.ROOT)));
        rank.setValue(ReferralRanking.CUSTOMERS);
        rank.setWidth("14rem");

        from.addValueChangeListener(e -> changed());
        to.addValueChangeListener(e -> changed());
        channel.addValueChangeListener(e -> changed());
        rank.addValueChangeListener(e -> changed());

        export.setText(getTranslation("insight.report.export"));
        export.setIcon(VaadinIcon.DOWNLOAD_ALT.create());
        export.setId("referral-export");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.addClickListener(e -> startExport());

        HorizontalLayout toolbar = new HorizontalLayout(from, to, channel, rank, export);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.getStyle().set("flex-wrap", "wrap");
        status.setId("referral-status");
        status.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        empty.setId("referral-empty");
        empty.addClassName("keyuan-empty");
        summary.setId("referral-summary");
        summary.getStyle().set("font-size", "var(--lumo-font-size-l)");

        comparison.setId("referral-comparison");
        comparison.setAllRowsVisible(true);
        comparison.addThemeVariants(
                GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        comparison
                .addColumn(Row::label)
                .setHeader(getTranslation("insight.referrals.col.customers-of"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        figure(
                comparison,
                "insight.referrals.col.customers",
                r -> number(r.cohort().customers()));
        figure(comparison, "insight.report.converted", r -> number(r.cohort().converted()));
        figure(comparison, "insight.report.conversion", r -> percent(r.cohort().conversion()));
        figure(
                comparison,
                "insight.referrals.col.revenue",
                r -> Formats.money(r.cohort().revenue(), getLocale()));
        figure(
                comparison,
                "insight.referrals.col.average",
                r -> average(r.cohort().averageRevenue()));

        promotersTitle.setText(getTranslation("insight.referrals.promoters"));
        promotersTitle.setId("referral-promoters-title");
        promoters.setId("referral-promoters");
        promoters.setAllRowsVisible(true);
        promoters.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        promoters
                .addColumn(p -> String.valueOf(report.promoters().indexOf(p) + 1))
                .setHeader("#")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        promoters
                .addComponentColumn(p -> {
                    Anchor a = new Anchor("customers/" + p.id(), p.name() + " (" + p.code() + ")");
                    a.setId("referral-promoter-" + p.id());
                    return a;
                })
                .setHeader(getTranslation("insight.referrals.col.promoter"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        figure(promoters, "insight.referrals.col.brought", p -> number(p.customers()));
        figure(promoters, "insight.referrals.col.bought", p -> number(p.converted()));
        figure(promoters, "insight.referrals.col.revenue", p -> Formats.money(p.revenue(), getLocale()));
        figure(promoters, "insight.referrals.col.average", p -> average(p.averageRevenue()));

        depthsTitle.setText(getTranslation("insight.referrals.depths"));
        depthsTitle.setId("referral-depths-title");
        depths.setId("referral-depths");
        depths.setAllRowsVisible(true);
        depths.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        depths.addColumn(d -> ReferralReportLabels.depth(d.depth(), (k, a) -> getTranslation(k, a)))
                .setHeader(getTranslation("insight.referrals.col.depth"))
                .setAutoWidth(true)
                .setFlexGrow(1);
        figure(depths, "insight.referrals.col.customers", d -> number(d.customers()));
        figure(
                depths,
                "insight.referrals.col.share",
                d -> percent(share(d.customers(), report.referred().customers())));

        legend.setId("referral-legend");
        legend.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        legend.setText(getTranslation("insight.referrals.legend"));

        // Promoters and chains side by side on a wide screen, one under the other on a narrow one.
        VerticalLayout promotersBox = new VerticalLayout(promotersTitle, promoters);
        VerticalLayout depthsBox = new VerticalLayout(depthsTitle, depths);
        for (VerticalLayout box : List.of(promotersBox, depthsBox)) {
            box.setPadding(false);
            box.setSpacing(false);
        }
        promotersBox.getStyle().set("flex", "3 1 40rem").set("min-width", "0");
        depthsBox.getStyle().set("flex", "1 1 15rem").set("min-width", "0");
        HorizontalLayout tables = new HorizontalLayout(promotersBox, depthsBox);
        tables.setWidthFull();
        tables.getStyle().set("flex-wrap", "wrap");
        add(toolbar, status, empty, summary, comparison, tables, legend);
    }

    private <T> void figure(Grid<T> grid, String header, Function<T, String> value) {
        grid.addColumn(value::apply)
                .setHeader(getTranslation(header))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    private void changed() {
        if (reading) {
            return;
        }
        UI.getCurrent().getPage().getHistory().replaceState(null, bookmark());
        load();
    }

    void load() {
        try {
            report = referrals.report(query());
        } catch (KeyuanException e) {
            report = null;
            Notifications.error(this, Notifications.describe(this, e));
            show(false, false);
            empty.setText(Notifications.describe(this, e));
            empty.setVisible(true);
            return;
        }
        status.setText(
                report.status().asOf() == null
                        ? getTranslation("insight.report.never-built")
                        : getTranslation("insight.report.as-of", report.status().asOf()));
        ReferralReport.Empty why = report.empty();
        if (why != null && why != ReferralReport.Empty.NO_REFERRALS) {
            show(false, false);
            empty.setText(getTranslation(
                    ReferralReportLabels.emptyKey(why),
                    report.from().toString(),
                    report.to().toString()));
            empty.setVisible(true);
            return;
        }
        boolean referred = why == null;
        show(true, referred);
        summary.setText(
                referred
                        ? getTranslation(
                                "insight.referrals.summary",
                                number(report.all().customers()),
                                number(report.referred().customers()),
                                percent(report.referredShare()),
                                number(report.referrers()))
                        : getTranslation(
                                "insight.referrals.summary-none",
                                number(report.all().customers())));
        String star = report.valuePartial() ? " *" : "";
        comparison.setItems(List.of(
                new Row(getTranslation("insight.referrals.referred") + star, report.referred()),
                new Row(getTranslation("insight.referrals.others") + star, report.others()),
                new Row(getTranslation("insight.report.total") + star, report.all())));
        promoters.setItems(report.promoters());
        depths.setItems(report.depths());
        List<String> notes = new ArrayList<>();
        if (!referred) {
            notes.add(getTranslation(
                    ReferralReportLabels.emptyKey(why),
                    report.from().toString(),
                    report.to().toString()));
        }
        if (report.endsEarly()) {
            notes.add(getTranslation("insight.report.ends-early", report.to().toString()));
        }
        empty.setText(String.join(" ", notes));
        empty.setVisible(!notes.isEmpty());
    }

    private void show(boolean figures, boolean referred) {
        summary.setVisible(figures);
        comparison.setVisible(figures);
        legend.setVisible(figures);
        for (var c : List.of(promotersTitle, promoters, depthsTitle, depths)) {
            c.setVisible(referred);
        }
        if (!figures) {
            comparison.setItems(List.of());
        }
        if (!referred) {
            promoters.setItems(List.of());
            depths.setItems(List.of());
        }
    }

    ReferralQuery query() {
        return new ReferralQuery(from.getValue(), to.getValue(), channel.getValue(), rank.getValue());
    }

    private void startExport() {
        ReferralQuery q = query();
        if (q.from() == null || q.to() == null) {
            return;
        }
        String name = "referral-report-" + q.from() + "-" + q.to() + ".xlsx";
        ExportDialog.start(
                this,
                jobs,
                ExportJob.request(
                        InsightExportJobs.REFERRAL_REPORT,
                        new InsightExportJobs.ReferralReportParameters(
                                q, getLocale().toLanguageTag(), name),
                        q.from() + " – " + q.to()));
    }

    /** The address of the report as shown: opening it shows the same report. */
    String bookmark() {
        ReferralQuery q = query();
        Map<String, String> params = new LinkedHashMap<>();
        if (q.from() != null) {
            params.put("from", q.from().toString());
        }
        if (q.to() != null) {
            params.put("to", q.to().toString());
        }
        if (q.channelId() != null) {
            params.put("channel", String.valueOf(q.channelId()));
        }
        params.put(
                "rank",
                (q.rank() == null ? ReferralRanking.CUSTOMERS : q.rank()).name().toLowerCase(Locale.ROOT));
        return "insight/referrals?" + QueryParameters.simple(params).getQueryString();
    }

    /** {@code insight/referrals?from=2026-01&to=2026-12&channel=3&rank=revenue}; unknown values are ignored. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        reading = true;
        try {
            ReportAddress.first(q, "from").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(from, m));
            ReportAddress.first(q, "to").flatMap(ReportAddress::month).ifPresent(m -> ReportAddress.select(to, m));
            ReportAddress.first(q, "channel").flatMap(ReportAddress::id).ifPresent(id -> {
                if (id == 0 || channels.containsKey(id)) {
                    channel.setValue(id);
                }
            });
            ReportAddress.first(q, "rank")
                    .flatMap(t -> ReportAddress.named(ReferralRanking.class, t))
                    .ifPresent(rank::setValue);
        } finally {
            reading = false;
        }
        load();
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, java.math.RoundingMode.HALF_UP);
    }

    private String number(long n) {
        return Formats.number(n, getLocale());
    }

    private String average(BigDecimal v) {
        return v == null ? getTranslation("form.none") : Formats.money(v, getLocale());
    }

    private String percent(BigDecimal ratio) {
        if (ratio == null) {
            return getTranslation("form.none");
        }
        NumberFormat f = NumberFormat.getPercentInstance(getLocale());
        f.setMaximumFractionDigits(1);
        return f.format(ratio);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("insight.nav.referrals");
    }
}
