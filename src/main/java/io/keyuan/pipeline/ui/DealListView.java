package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerService;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealFilter;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.DealSort;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineExportJobs;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The deals of a pipeline as a list, with the board's filters and a title search. */
@Route("deals")
@Menu(title = "pipeline.nav.deals", order = 31, icon = "vaadin:list")
@RolesAllowed(Roles.STAFF)
public class DealListView extends VerticalLayout implements HasDynamicTitle {
    private final PipelineService pipelines;
    private final DealService deals;
    private final CustomerService customers;
    private final List<UserRef> users;
    private final List<ChannelSummary> channels;
    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<Long, String> channelNames = new HashMap<>();
    final Select<PipelineSummary> pipeline = new Select<>();
    final TextField title = new TextField();
    final DealFilterBar filters;
    final Grid<DealCard> grid = new Grid<>();
    private PipelineDetail detail;

    public DealListView(
            PipelineService pipelines,
            DealService deals,
            CustomerService customers,
            ChannelService channelService,
            UserDirectory userDirectory,
            JobService jobs,
            AuthenticationContext auth) {
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.deals = deals;
        this.customers = customers;
        this.users = userDirectory.activeUsers();
        this.channels = channelService.summaries();
        userDirectory.allUsers().forEach(u -> userNames.put(u.id(), u.displayName()));
        channels.forEach(c -> channelNames.put(c.id(), c.name()));
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        List<PipelineSummary> all = pipelines.pipelines();
        pipeline.setId("deal-list-pipeline");
        pipeline.setLabel(getTranslation("pipeline.field.pipeline"));
        pipeline.setItems(all);
        pipeline.setItemLabelGenerator(p -> StageLabels.pipeline(this, p));
        pipeline.addValueChangeListener(e -> {
            detail = e.getValue() == null ? null : pipelines.get(e.getValue().id());
            refresh();
        });
        title.setId("deal-list-title");
        title.setLabel(getTranslation("deal.field.title"));
        title.setPlaceholder(getTranslation("filter.contains"));
        title.setClearButtonVisible(true);
        title.setValueChangeMode(ValueChangeMode.LAZY);
        title.addValueChangeListener(e -> refresh());
        Button create = new Button(getTranslation("deal.new"), VaadinIcon.PLUS.create(), e -> newDeal());
        create.setId("deal-list-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        create.setEnabled(!all.isEmpty());
        Button export = new Button(getTranslation("customer.list.export"), VaadinIcon.DOWNLOAD_ALT.create());
        export.setId("deal-list-export");
        export.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.addClickListener(e -> {
            PipelineSummary p = pipeline.getValue();
            if (p == null) {
                return;
            }
            io.keyuan.shared.ui.ExportDialog.start(
                    this,
                    jobs,
                    ExportJob.request(
                            PipelineExportJobs.DEALS,
                            new PipelineExportJobs.DealParameters(
                                    p.id(),
                                    filter(),
                                    getLocale().toLanguageTag(),
                                    "deals-" + java.time.LocalDate.now(Formats.ZONE) + ".xlsx"),
                            StageLabels.pipeline(this, p)));
        });
        HorizontalLayout toolbar = new HorizontalLayout(pipeline, title, create, export);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters = new DealFilterBar(users, channels, this::refresh);

        grid.setId("deal-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("deal.list.empty"));
        grid.addColumn(DealCard::title)
                .setHeader(getTranslation("deal.field.title"))
                .setAutoWidth(true)
                .setFlexGrow(1)
                .setKey("title")
                .setSortProperty(DealSort.Field.TITLE.name());
        grid.addColumn(DealCard::customerName)
                .setHeader(getTranslation("deal.field.customer"))
                .setAutoWidth(true)
                .setSortProperty(DealSort.Field.CUSTOMER.name());
        grid.addColumn(c -> detail == null ? "" : stageName(c.stageId()))
                .setHeader(getTranslation("deal.field.stage"))
                .setAutoWidth(true)
                .setKey("stage")
                .setSortProperty(DealSort.Field.STAGE.name());
        grid.addColumn(c -> Formats.money(c.value(), getLocale()))
                .setHeader(getTranslation("deal.field.value"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setSortProperty(DealSort.Field.VALUE.name());
        grid.addColumn(c -> c.ownerId() == null ? "" : userNames.getOrDefault(c.ownerId(), ""))
                .setHeader(getTranslation("deal.field.owner"))
                .setAutoWidth(true);
        grid.addColumn(c -> c.channelId() == null ? "" : channelNames.getOrDefault(c.channelId(), ""))
                .setHeader(getTranslation("deal.field.channel"))
                .setAutoWidth(true);
        grid.addColumn(c -> Formats.date(c.expectedClose()))
                .setHeader(getTranslation("deal.field.expected-close"))
                .setAutoWidth(true)
                .setSortProperty(DealSort.Field.EXPECTED_CLOSE.name());
        grid.addComponentColumn(c -> {
                    Span s = new Span(c.stale() ? getTranslation("pipeline.board.stale") : "");
                    if (c.stale()) {
                        s.addClassNames("keyuan-badge", "lifecycle-churned");
                    }
                    return s;
                })
                .setHeader(getTranslation("pipeline.board.stale"))
                .setAutoWidth(true)
                .setSortProperty(DealSort.Field.STAGE_ENTERED.name());
        grid.addColumn(c -> Formats.dateTime(c.updatedAt()))
                .setHeader(getTranslation("audit.updated"))
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortProperty(DealSort.Field.UPDATED.name());
        grid.setItems(
                q -> detail == null
                        ? java.util.stream.Stream.empty()
                        : deals
                                .page(
                                        detail.pipeline().id(),
                                        filter(),
                                        sortOf(q.getSortOrders()),
                                        q.getOffset(),
                                        q.getLimit())
                                .stream(),
                q -> detail == null ? 0 : (int) deals.count(detail.pipeline().id(), filter()));
        grid.addItemClickListener(e -> open(e.getItem()));
        add(toolbar, filters, grid);
        if (!all.isEmpty()) {
            pipeline.setValue(all.getFirst());
        }
    }

    private final JobService jobs;

    /** The grid's first sort order as the service's whitelisted one; none means last changed first. */
    static DealSort sortOf(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        if (orders == null || orders.isEmpty()) {
            return DealSort.newestFirst();
        }
        com.vaadin.flow.data.provider.QuerySortOrder first = orders.getFirst();
        return new DealSort(
                DealSort.Field.valueOf(first.getSorted()),
                first.getDirection() == com.vaadin.flow.data.provider.SortDirection.ASCENDING);
    }

    DealFilter filter() {
        return filters.filter(title.getValue());
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private String stageName(long stageId) {
        return detail.stage(stageId).map(s -> StageLabels.stage(this, s)).orElse(getTranslation("deal.stage.deleted"));
    }

    void open(DealCard card) {
        Deal d = deals.get(card.id());
        new DealDialog(deals, customers, users, channels, pipelines.get(d.getPipelineId()), d, this::refresh).open();
    }

    void newDeal() {
        if (detail == null) {
            return;
        }
        Deal d = new Deal();
        d.setPipelineId(detail.pipeline().id());
        new DealDialog(deals, customers, users, channels, detail, d, this::refresh).open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pipeline.nav.deals");
    }
}
