package io.keyuan.survey.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
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
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Formats;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.QuestionResult;
import io.keyuan.survey.ResultDimension;
import io.keyuan.survey.ResultFilter;
import io.keyuan.survey.ResultRow;
import io.keyuan.survey.Scores;
import io.keyuan.survey.SurveyResultsService;
import io.keyuan.survey.SurveyRow;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Satisfaction results for managers: NPS, CSAT, CES and the response rate of the responses a filter takes (survey,
 * channel, period), their monthly trend, a breakdown by segment, source channel, acquisition method, price tier,
 * survey channel or campaign (exported as a workbook), and, for one survey, every question's answers. The filter
 * and the breakdown live in the URL, so a view can be bookmarked and shared.
 */
@Route("survey-results")
@Menu(title = "survey.nav.results", order = 72, icon = "vaadin:chart")
@RolesAllowed(Roles.MANAGER)
public class SurveyResultsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {
    private final SurveyResultsService results;

    final ComboBox<SurveyRow> survey = new ComboBox<>();
    final Select<CampaignChannel> channel = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final Select<ResultDimension> by = new Select<>();
    final Span responses = new Span();
    final Span rate = new Span();
    final Span nps = new Span();
    final Span npsMix = new Span();
    final Span csat = new Span();
    final Span ces = new Span();
    final Span empty = new Span();
    final Grid<ResultRow> trend = new Grid<>();
    final Grid<ResultRow> breakdown = new Grid<>();
    final Anchor export = new Anchor();
    final Div questions = new Div();
    private boolean reading;

    public SurveyResultsView(SurveyResultsService results) {
        this.results = results;
        addClassName("keyuan-view");
        setPadding(false);

        survey.setId("results-survey");
        survey.setLabel(getTranslation("survey.results.filter.survey"));
        survey.setItems(results.surveys());
        survey.setItemLabelGenerator(s -> s.code() + " · " + s.name());
        survey.setPlaceholder(getTranslation("survey.results.all-surveys"));
        survey.setClearButtonVisible(true);
        survey.setWidth("20em");
        channel.setId("results-channel");
        channel.setLabel(getTranslation("survey.results.filter.channel"));
        channel.setItems(CampaignChannel.values());
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption(getTranslation("survey.results.all-channels"));
        channel.setItemLabelGenerator(c -> c == null
                ? getTranslation("survey.results.all-channels")
                : getTranslation("enum.CampaignChannel." + c.name()));
        from.setId("results-from");
        from.setLabel(getTranslation("survey.results.filter.from"));
        from.setI18n(DatePickers.i18n(this));
        from.setClearButtonVisible(true);
        to.setId("results-to");
        to.setLabel(getTranslation("survey.results.filter.to"));
        to.setI18n(DatePickers.i18n(this));
        to.setClearButtonVisible(true);
        by.setId("results-by");
        by.setLabel(getTranslation("survey.results.filter.by"));
        by.setItems(ResultDimension.values());
        by.setItemLabelGenerator(d -> getTranslation("survey.results.by." + d.name()));
        // where customers came from first: which source brings satisfied customers is the question managers ask
        by.setValue(ResultDimension.SOURCE_CHANNEL);
        survey.addValueChangeListener(e -> changed());
        channel.addValueChangeListener(e -> changed());
        from.addValueChangeListener(e -> changed());
        to.addValueChangeListener(e -> changed());
        by.addValueChangeListener(e -> changed());
        HorizontalLayout filters = new HorizontalLayout(survey, channel, from, to, by);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        HorizontalLayout tiles = new HorizontalLayout(
                tile("results-responses", "survey.results.col.responses", responses, null),
                tile("results-rate", "survey.results.col.rate", rate, null),
                tile("results-nps", "survey.results.col.nps", nps, npsMix),
                tile("results-csat", "survey.results.col.csat", csat, null),
                tile("results-ces", "survey.results.col.ces", ces, null));
        tiles.setWrap(true);
        empty.setId("results-empty");
        empty.setText(getTranslation("survey.results.empty"));

        configure(trend, "results-trend", ResultDimension.MONTH);
        trend.setAllRowsVisible(true);
        fit(trend);
        configure(breakdown, "results-breakdown", null);
        breakdown.setAllRowsVisible(true);
        fit(breakdown);

        export.setId("results-export");
        export.setHref((DownloadHandler) event -> {
            ResultFilter[] f = new ResultFilter[1];
            ResultDimension[] d = new ResultDimension[1];
            Locale[] locale = new Locale[1];
            event.getUI().accessSynchronously(() -> {
                f[0] = filter();
                d[0] = by.getValue();
                locale[0] = getLocale();
            });
            event.setFileName("survey-results-" + d[0].name().toLowerCase(Locale.ROOT) + ".xlsx");
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            results.exportBreakdown(d[0], f[0], locale[0], event.getOutputStream());
        });
        Button exportButton = new Button(getTranslation("survey.results.export"), VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);

        questions.setId("results-questions");
        HorizontalLayout breakdownHead =
                new HorizontalLayout(new H3(getTranslation("survey.results.breakdown")), export);
        breakdownHead.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(
                filters,
                tiles,
                empty,
                new H3(getTranslation("survey.results.trend")),
                trend,
                breakdownHead,
                breakdown,
                questions);
    }

    private Div tile(String id, String labelKey, Span value, Span extra) {
        Div t = new Div();
        t.setId(id);
        t.addClassName("keyuan-tile");
        t.getStyle()
                .set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("min-width", "9em");
        Span label = new Span(getTranslation(labelKey));
        label.getStyle().set("display", "block").set("color", "var(--lumo-secondary-text-color)");
        value.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-xxl)");
        t.add(label, value);
        if (extra != null) {
            extra.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)");
            t.add(extra);
        }
        return t;
    }

    private void configure(Grid<ResultRow> grid, String id, ResultDimension fixed) {
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> results.groupLabel(fixed == null ? by.getValue() : fixed, r, getLocale()))
                .setHeader(getTranslation(fixed == null ? "survey.results.group" : "survey.results.by.MONTH"))
                .setKey("group")
                .setAutoWidth(true)
                .setFlexGrow(1);
        number(
                grid,
                "responses",
                "survey.results.col.responses",
                r -> r.scores().responses());
        if (fixed == null) {
            grid.addColumn(r -> r.recipients() == null ? "" : Formats.number(r.recipients(), getLocale()))
                    .setHeader(getTranslation("survey.results.col.recipients"))
                    .setKey("recipients")
                    .setTextAlign(ColumnTextAlign.END);
            grid.addColumn(r -> percent(r.responseRate()))
                    .setHeader(getTranslation("survey.results.col.rate"))
                    .setKey("rate")
                    .setTextAlign(ColumnTextAlign.END);
        }
        grid.addColumn(r -> decimal(r.scores().nps()))
                .setHeader(getTranslation("survey.results.col.nps"))
                .setKey("nps")
                .setTextAlign(ColumnTextAlign.END);
        number(
                grid,
                "promoters",
                "survey.results.col.promoters",
                r -> r.scores().promoters());
        number(grid, "passives", "survey.results.col.passives", r -> r.scores().passives());
        number(
                grid,
                "detractors",
                "survey.results.col.detractors",
                r -> r.scores().detractors());
        grid.addColumn(r -> percent(r.scores().csatPercent()))
                .setHeader(getTranslation("survey.results.col.csat-short"))
                .setKey("csat")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(r -> decimal(r.scores().cesAverage()))
                .setHeader(getTranslation("survey.results.col.ces-short"))
                .setKey("ces")
                .setTextAlign(ColumnTextAlign.END);
    }

    private void number(
            Grid<ResultRow> grid, String key, String header, java.util.function.ToLongFunction<ResultRow> value) {
        grid.addColumn(r -> Formats.number(value.applyAsLong(r), getLocale()))
                .setHeader(getTranslation(header))
                .setKey(key)
                .setTextAlign(ColumnTextAlign.END);
    }

    /** Figures take the width they need; the group's name takes the rest. */
    private static void fit(Grid<ResultRow> grid) {
        grid.getColumns().stream()
                .filter(c -> !"group".equals(c.getKey()))
                .forEach(c -> c.setAutoWidth(true).setFlexGrow(0));
    }

    String percent(BigDecimal v) {
        return v == null ? "—" : v.toPlainString() + " %";
    }

    String decimal(BigDecimal v) {
        return v == null ? "—" : v.toPlainString();
    }

    ResultFilter filter() {
        return new ResultFilter(
                survey.getValue() == null ? null : survey.getValue().id(),
                null,
                channel.getValue(),
                from.getValue(),
                to.getValue());
    }

    private void changed() {
        if (reading) {
            return;
        }
        if (from.getValue() != null && to.getValue() != null && to.getValue().isBefore(from.getValue())) {
            to.setErrorMessage(getTranslation("survey.results.error.period"));
            to.setInvalid(true);
            return;
        }
        to.setInvalid(false);
        writeUrl();
        load();
    }

    void load() {
        ResultFilter f = filter();
        SurveyResultsService.ResultPage page = results.page(f, by.getValue());
        ResultRow all = page.overview();
        Scores s = all.scores();
        responses.setText(Formats.number(s.responses(), getLocale()));
        rate.setText(percent(all.responseRate()));
        nps.setText(decimal(s.nps()));
        npsMix.setText(getTranslation(
                "survey.results.nps-mix",
                Formats.number(s.promoters(), getLocale()),
                Formats.number(s.passives(), getLocale()),
                Formats.number(s.detractors(), getLocale())));
        csat.setText(percent(s.csatPercent()));
        ces.setText(decimal(s.cesAverage()));
        empty.setVisible(s.responses() == 0);
        trend.setItems(page.trend());
        breakdown.setItems(page.breakdown());
        breakdown
                .getColumnByKey("group")
                .setHeader(getTranslation("survey.results.by." + by.getValue().name()));
        breakdown.getColumnByKey("recipients").setVisible(by.getValue().hasResponseRate());
        breakdown.getColumnByKey("rate").setVisible(by.getValue().hasResponseRate());
        showQuestions(f, page.questions());
    }

    private void showQuestions(ResultFilter f, List<QuestionResult> answered) {
        questions.removeAll();
        if (f.surveyId() == null) {
            Span hint = new Span(getTranslation("survey.results.pick-survey"));
            hint.setId("results-questions-hint");
            hint.addClassName("keyuan-audit");
            questions.add(hint);
            return;
        }
        questions.add(new H3(getTranslation("survey.results.questions")));
        int n = 0;
        for (QuestionResult q : answered) {
            n++;
            Div box = new Div();
            box.setId("results-question-" + q.question().id());
            box.addClassName("keyuan-question-result");
            H4 title = new H4();
            // the author's text, as text: markup in it is shown, never run
            title.setText(n + ". " + q.question().text().in(getLocale()) + " · "
                    + getTranslation("survey.results.answers", Formats.number(q.answers(), getLocale())));
            box.add(title);
            if (q.question().kind() == QuestionKind.FREE_TEXT) {
                for (String text : q.latestTexts()) {
                    Div line = new Div();
                    line.addClassName("keyuan-free-text");
                    line.setText(text);
                    box.add(line);
                }
                if (q.latestTexts().isEmpty()) {
                    box.add(new Span(getTranslation("survey.results.no-texts")));
                }
            } else {
                Grid<QuestionResult.Bucket> grid = new Grid<>();
                grid.addThemeVariants(GridVariant.LUMO_COMPACT);
                grid.setAllRowsVisible(true);
                grid.setWidth("min(40rem, 100%)");
                grid.addColumn(b -> b.option() == null ? b.key() : b.option().in(getLocale()))
                        .setHeader(getTranslation(
                                q.question().kind().scored() ? "survey.results.score" : "survey.results.option"))
                        .setFlexGrow(2);
                grid.addColumn(b -> Formats.number(b.count(), getLocale()))
                        .setHeader(getTranslation("survey.results.count"))
                        .setTextAlign(ColumnTextAlign.END);
                grid.addColumn(b -> share(b.count(), q.answers()))
                        .setHeader(getTranslation("survey.results.share"))
                        .setTextAlign(ColumnTextAlign.END);
                grid.setItems(q.buckets());
                box.add(grid);
            }
            questions.add(box);
        }
    }

    private String share(long count, long total) {
        if (total == 0) {
            return "—";
        }
        return BigDecimal.valueOf(100 * count)
                        .divide(BigDecimal.valueOf(total), 1, java.math.RoundingMode.HALF_UP)
                        .toPlainString()
                + " %";
    }

    private void writeUrl() {
        Map<String, String> q = new LinkedHashMap<>();
        if (survey.getValue() != null) {
            q.put("survey", String.valueOf(survey.getValue().id()));
        }
        if (channel.getValue() != null) {
            q.put("channel", channel.getValue().name());
        }
        if (from.getValue() != null) {
            q.put("from", from.getValue().toString());
        }
        if (to.getValue() != null) {
            q.put("to", to.getValue().toString());
        }
        q.put("by", by.getValue().name());
        UI.getCurrent()
                .getPage()
                .getHistory()
                .replaceState(
                        null, "survey-results?" + QueryParameters.simple(q).getQueryString());
    }

    /** {@code survey-results?survey=3&channel=ONLINE&from=2026-11-01&to=2026-11-30&by=SOURCE_CHANNEL}; unknown values are ignored. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> q = event.getLocation().getQueryParameters().getParameters();
        reading = true;
        try {
            first(q, "survey")
                    .flatMap(SurveyResultsView::id)
                    .ifPresent(id -> survey.getListDataView()
                            .getItems()
                            .filter(s -> s.id() == id)
                            .findFirst()
                            .ifPresent(survey::setValue));
            first(q, "channel").flatMap(v -> parse(CampaignChannel.class, v)).ifPresent(channel::setValue);
            first(q, "from").flatMap(SurveyResultsView::date).ifPresent(from::setValue);
            first(q, "to").flatMap(SurveyResultsView::date).ifPresent(to::setValue);
            first(q, "by").flatMap(v -> parse(ResultDimension.class, v)).ifPresent(by::setValue);
        } finally {
            reading = false;
        }
        load();
    }

    private static Optional<String> first(Map<String, List<String>> q, String name) {
        List<String> v = q.getOrDefault(name, new ArrayList<>());
        return v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    private static Optional<Long> id(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        try {
            return Optional.of(Enum.valueOf(type, text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("survey.nav.results");
    }
}
