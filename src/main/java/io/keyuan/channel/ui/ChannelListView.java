package io.keyuan.channel.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelExportJobs;
import io.keyuan.channel.ChannelFilter;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.ExportJob;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.data.domain.Sort;

/** Source channels with their category and acquisition method; managers edit them and their monthly costs. */
@Route("channels")
@Menu(title = "nav.channels", order = 20, icon = "vaadin:connect")
@RolesAllowed(Roles.STAFF)
public class ChannelListView extends VerticalLayout implements HasDynamicTitle {
    private final ChannelService channels;
    private final boolean manager;
    final Grid<SourceChannel> grid = new Grid<>();
    final TextField name = new TextField();
    final Select<ChannelCategory> category = new Select<>();
    final Select<AcquisitionMethod> method = new Select<>();
    final Select<Boolean> active = new Select<>();
    private final JobService jobs;

    /** A toolbar button that starts an export job and shows it. */
    private Button exportButton(String id, String labelKey, java.util.function.Supplier<JobRequest> request) {
        Button button = new Button(getTranslation(labelKey), VaadinIcon.DOWNLOAD_ALT.create());
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClickListener(e -> ExportDialog.start(this, jobs, request.get()));
        return button;
    }

    private Sort currentSort() {
        List<Sort.Order> orders = grid.getSortOrder().stream()
                .map(o -> o.getDirection() == SortDirection.ASCENDING
                        ? Sort.Order.asc(o.getSorted().getKey())
                        : Sort.Order.desc(o.getSorted().getKey()))
                .toList();
        return orders.isEmpty() ? Sort.unsorted() : Sort.by(orders);
    }

    public ChannelListView(ChannelService channels, JobService jobs, AuthenticationContext auth) {
        this.channels = channels;
        this.jobs = jobs;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        Button create =
                new Button(getTranslation("channel.new"), VaadinIcon.PLUS.create(), e -> edit(new SourceChannel()));
        create.setId("channel-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(manager);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        Button exportChannels = exportButton(
                "channel-export",
                "channel.export",
                () -> ExportJob.request(
                        ChannelExportJobs.CHANNELS,
                        new ChannelExportJobs.ChannelParameters(
                                filter(),
                                ChannelExportJobs.SortColumn.of(currentSort()),
                                getLocale().toLanguageTag(),
                                "channels.xlsx"),
                        null));
        Button exportCosts = exportButton(
                "channel-costs-export",
                "channel.export-costs",
                () -> ExportJob.request(
                        ChannelExportJobs.COSTS,
                        new ChannelExportJobs.CostParameters(getLocale().toLanguageTag(), "channel-costs.xlsx"),
                        null));
        HorizontalLayout toolbar = new HorizontalLayout(create, exportChannels, exportCosts);
        toolbar.addClassName("keyuan-toolbar");

        grid.setId("channel-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation(manager ? "channel.empty.manager" : "channel.empty"));
        var nameCol = grid.addColumn(SourceChannel::getName)
                .setHeader(getTranslation("channel.field.name"))
                .setKey("name")
                .setSortable(true)
                .setAutoWidth(true);
        var categoryCol = grid.addColumn(c -> EnumLabels.label(this, c.getCategory()))
                .setHeader(getTranslation("channel.field.category"))
                .setKey("category")
                .setSortable(true)
                .setAutoWidth(true);
        var methodCol = grid.addColumn(c -> EnumLabels.label(this, c.getAcquisitionMethod()))
                .setHeader(getTranslation("channel.field.method"))
                .setKey("acquisitionMethod")
                .setSortable(true)
                .setAutoWidth(true);
        var activeCol = grid.addColumn(c -> getTranslation(c.isActive() ? "channel.active" : "channel.inactive"))
                .setHeader(getTranslation("channel.field.active"))
                .setKey("active")
                .setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(SourceChannel::getDescription).setHeader(getTranslation("channel.field.description"));
        grid.addColumn(c -> c.getUpdatedBy() + " · " + Formats.dateTime(c.getUpdatedAt()))
                .setHeader(getTranslation("audit.updated"))
                .setAutoWidth(true);

        HeaderRow filters = grid.appendHeaderRow();
        name.setId("channel-filter-name");
        name.addThemeName("small");
        name.setWidthFull();
        name.setClearButtonVisible(true);
        name.setPlaceholder(getTranslation("filter.contains"));
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(e -> refresh());
        filters.getCell(nameCol).setComponent(name);
        filterSelect(category, ChannelCategory.values());
        filters.getCell(categoryCol).setComponent(category);
        filterSelect(method, AcquisitionMethod.values());
        filters.getCell(methodCol).setComponent(method);
        active.setItems(Boolean.TRUE, Boolean.FALSE);
        active.setEmptySelectionAllowed(true);
        active.setItemLabelGenerator(b ->
                b == null ? getTranslation("filter.all") : getTranslation(b ? "channel.active" : "channel.inactive"));
        active.addThemeName("small");
        active.setWidthFull();
        active.addValueChangeListener(e -> refresh());
        filters.getCell(activeCol).setComponent(active);

        grid.setItems(q -> channels.page(filter(), VaadinSpringDataHelpers.toSpringPageRequest(q)).stream(), q ->
                (int) channels.count(filter()));
        grid.addItemClickListener(e -> edit(channels.get(e.getItem().getId())));
        add(toolbar, grid);
    }

    private <E extends Enum<E>> void filterSelect(Select<E> s, E[] values) {
        s.setItems(values);
        s.setEmptySelectionAllowed(true);
        s.setItemLabelGenerator(v -> v == null ? getTranslation("filter.all") : EnumLabels.label(this, v));
        s.addThemeName("small");
        s.setWidthFull();
        s.addValueChangeListener(e -> refresh());
    }

    ChannelFilter filter() {
        return new ChannelFilter(name.getValue(), category.getValue(), method.getValue(), active.getValue());
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }

    void edit(SourceChannel channel) {
        new ChannelDialog(channels, channel, manager, this::refresh).open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.channels");
    }
}
