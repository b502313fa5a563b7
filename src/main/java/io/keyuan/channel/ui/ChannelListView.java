package io.keyuan.channel.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Anchor;
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
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelExport;
import io.keyuan.channel.ChannelFilter;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
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
    private final ChannelExport export;

    private interface Writer {
        void write(java.util.Locale locale, java.io.OutputStream out);
    }

    private Anchor download(String id, String labelKey, String fileName, Writer writer) {
        Anchor anchor = new Anchor(
                (DownloadHandler) event -> {
                    java.util.Locale[] locale = new java.util.Locale[1];
                    event.getUI().accessSynchronously(() -> locale[0] = getLocale());
                    event.setFileName(fileName);
                    event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    writer.write(locale[0], event.getOutputStream());
                },
                "");
        anchor.setId(id);
        Button button = new Button(getTranslation(labelKey), VaadinIcon.DOWNLOAD_ALT.create());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        anchor.add(button);
        return anchor;
    }

    private Sort currentSort() {
        List<Sort.Order> orders = grid.getSortOrder().stream()
                .map(o -> o.getDirection() == SortDirection.ASCENDING
                        ? Sort.Order.asc(o.getSorted().getKey())
                        : Sort.Order.desc(o.getSorted().getKey()))
                .toList();
        return orders.isEmpty() ? Sort.unsorted() : Sort.by(orders);
    }

    public ChannelListView(ChannelService channels, ChannelExport export, AuthenticationContext auth) {
        this.channels = channels;
        this.export = export;
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
        Anchor exportChannels = download(
                "channel-export",
                "channel.export",
                "channels.xlsx",
                (locale, out) -> export.export(filter(), currentSort(), locale, out));
        Anchor exportCosts = download(
                "channel-costs-export",
                "channel.export-costs",
                "channel-costs.xlsx",
                (locale, out) -> export.exportCosts(locale, out, n -> {}, () -> false));
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
