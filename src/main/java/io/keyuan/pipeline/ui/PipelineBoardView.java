package io.keyuan.pipeline.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
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
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.ChannelSummary;
import io.keyuan.customer.CustomerService;
import io.keyuan.pipeline.Board;
import io.keyuan.pipeline.BoardColumn;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.PipelineSummary;
import io.keyuan.pipeline.StageKind;
import io.keyuan.pipeline.StageRow;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kanban board of one pipeline: a column per stage with its totals (count, value, weighted value, stale
 * deals) and its first cards, more on request; cards are dragged between columns to move deals.
 */
@Route("pipelines")
@Menu(title = "pipeline.nav.board", order = 30, icon = "vaadin:funnel")
@RolesAllowed(Roles.STAFF)
public class PipelineBoardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    static final int PER_COLUMN = 20;

    private final PipelineService pipelines;
    private final DealService deals;
    private final CustomerService customers;
    private final boolean manager;
    private final List<UserRef> users;
    private final List<ChannelSummary> channels;
    private final Map<Long, String> userNames = new HashMap<>();
    final Select<PipelineSummary> pipeline = new Select<>();
    final DealFilterBar filters;
    final HorizontalLayout board = new HorizontalLayout();
    final Button create = new Button();
    private PipelineDetail detail;
    /** Per stage: the column's card container, the cards shown and the "show more" button. */
    final Map<Long, ColumnView> columns = new HashMap<>();

    public PipelineBoardView(
            PipelineService pipelines,
            DealService deals,
            CustomerService customers,
            ChannelService channelService,
            UserDirectory userDirectory,
            AuthenticationContext auth) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.customers = customers;
        this.manager = auth.hasRole(Roles.MANAGER);
        this.users = userDirectory.activeUsers();
        this.channels = channelService.summaries();
        userDirectory.allUsers().forEach(u -> userNames.put(u.id(), u.displayName()));
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        pipeline.setId("pipeline-select");
        pipeline.setLabel(getTranslation("pipeline.field.pipeline"));
        pipeline.setItemLabelGenerator(p -> StageLabels.pipeline(this, p));
        pipeline.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                show(e.getValue().id());
                getUI().ifPresent(ui -> ui.getPage()
                        .getHistory()
                        .replaceState(null, "pipelines?pipeline=" + e.getValue().id()));
            }
        });
        create.setText(getTranslation("deal.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("deal-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);
        create.addClickListener(e -> newDeal());
        filters = new DealFilterBar(users, channels, this::reload);
        HorizontalLayout toolbar = new HorizontalLayout(pipeline, create);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        RouterLink list = new RouterLink(getTranslation("pipeline.nav.deals"), DealListView.class);
        toolbar.add(list);
        if (manager) {
            toolbar.add(new RouterLink(getTranslation("pipeline.nav.reports"), PipelineReportView.class));
            toolbar.add(new RouterLink(getTranslation("pipeline.nav.settings"), PipelineSettingsView.class));
        }
        board.setId("pipeline-board");
        board.setWidthFull();
        board.getStyle()
                .set("overflow-x", "auto")
                .set("flex", "1 1 auto")
                .set("min-height", "0")
                .set("align-items", "stretch");
        add(toolbar, filters, board);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<PipelineSummary> all = pipelines.pipelines();
        pipeline.setItems(all);
        Optional<Long> wanted = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("pipeline")
                .filter(s -> s.matches("\\d{1,18}"))
                .map(Long::valueOf);
        Optional<PipelineSummary> chosen = wanted.flatMap(
                        id -> all.stream().filter(p -> p.id() == id).findFirst())
                .or(() -> all.stream().findFirst());
        if (chosen.isEmpty()) {
            showEmpty();
            return;
        }
        pipeline.setValue(chosen.get());
        show(chosen.get().id());
    }

    private void showEmpty() {
        board.removeAll();
        create.setEnabled(false);
        Div empty = new Div();
        empty.addClassName("keyuan-empty");
        empty.setId("pipeline-empty");
        empty.setText(getTranslation(manager ? "pipeline.empty.manager" : "pipeline.empty"));
        board.add(empty);
        if (manager) {
            board.add(new RouterLink(getTranslation("pipeline.nav.settings"), PipelineSettingsView.class));
        }
    }

    void show(long pipelineId) {
        detail = pipelines.get(pipelineId);
        create.setEnabled(true);
        reload();
    }

    /** Reads the board again under the current filters. */
    void reload() {
        if (detail == null) {
            return;
        }
        Board b = deals.board(detail.pipeline().id(), filters.filter(null), PER_COLUMN);
        board.removeAll();
        columns.clear();
        for (BoardColumn c : b.columns()) {
            ColumnView view = new ColumnView(c);
            columns.put(c.stage().id(), view);
            board.add(view);
        }
    }

    String stageName(long stageId) {
        return detail.stage(stageId).map(s -> StageLabels.stage(this, s)).orElse(getTranslation("deal.stage.deleted"));
    }

    /** What a drop does: moves the deal (asking for a lost reason or the purchase when the stage needs it). */
    void drop(DealCard card, StageRow to) {
        DealMoves.move(this, deals, card, to, this::stageName, this::reload);
    }

    void open(DealCard card) {
        Deal d = deals.get(card.id());
        new DealDialog(deals, customers, users, channels, pipelines.get(d.getPipelineId()), d, this::reload).open();
    }

    void newDeal() {
        if (detail == null) {
            return;
        }
        Deal d = new Deal();
        d.setPipelineId(detail.pipeline().id());
        new DealDialog(deals, customers, users, channels, detail, d, this::reload).open();
    }

    /** One stage's column. */
    final class ColumnView extends VerticalLayout {
        final BoardColumn column;
        final VerticalLayout cards = new VerticalLayout();
        final Button more = new Button();
        int shown;

        ColumnView(BoardColumn column) {
            this.column = column;
            StageRow s = column.stage();
            setId("stage-" + s.id());
            addClassName("pipeline-column");
            setPadding(false);
            setSpacing(false);
            setWidth("16rem");
            setMinWidth("16rem");
            getStyle()
                    .set("background", "var(--lumo-contrast-5pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("padding", "var(--lumo-space-s)")
                    .set("box-sizing", "border-box")
                    .set("height", "100%")
                    .set("flex-shrink", "0");
            Span name = new Span(StageLabels.stage(PipelineBoardView.this, s));
            name.getStyle().set("font-weight", "600");
            Span count = new Span(Formats.number(column.count(), getLocale()));
            count.addClassName("keyuan-badge");
            count.setId("stage-count-" + s.id());
            HorizontalLayout title = new HorizontalLayout(name, count);
            title.setAlignItems(FlexComponent.Alignment.CENTER);
            title.setWidthFull();
            title.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
            Span totals = new Span(getTranslation("pipeline.board.total", Formats.money(column.value(), getLocale())));
            totals.setId("stage-totals-" + s.id());
            totals.addClassName("keyuan-audit");
            Span weighted = new Span(getTranslation(
                    "pipeline.board.weighted", Formats.money(column.weightedValue(), getLocale()), s.probability()));
            weighted.setId("stage-weighted-" + s.id());
            weighted.addClassName("keyuan-audit");
            VerticalLayout header = new VerticalLayout(title, totals, weighted);
            header.setPadding(false);
            header.setSpacing(false);
            if (column.staleCount() > 0) {
                Span stale = new Span(getTranslation("pipeline.board.stale-count", column.staleCount()));
                stale.setId("stage-stale-" + s.id());
                stale.getStyle()
                        .set("color", "var(--lumo-error-text-color)")
                        .set("font-size", "var(--lumo-font-size-s)");
                header.add(stale);
            }
            if (s.kind() != StageKind.OPEN) {
                header.getStyle()
                        .set(
                                "border-top",
                                "3px solid "
                                        + (s.kind() == StageKind.WON
                                                ? "var(--lumo-success-color)"
                                                : "var(--lumo-error-color)"));
            } else {
                header.getStyle().set("border-top", "3px solid var(--lumo-primary-color-50pct)");
            }
            header.getStyle().set("padding-top", "var(--lumo-space-xs)");
            cards.setPadding(false);
            cards.setSpacing(false);
            cards.getStyle()
                    .set("gap", "var(--lumo-space-s)")
                    .set("overflow-y", "auto")
                    .set("flex", "1 1 auto")
                    .set("min-height", "4rem")
                    .set("padding", "var(--lumo-space-xs) 0");
            for (DealCard c : column.cards()) {
                cards.add(card(c));
            }
            shown = column.cards().size();
            more.setId("stage-more-" + s.id());
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            more.addClickListener(e -> showMore());
            more.setWidthFull();
            updateMore();
            add(header, cards, more);
            setFlexGrow(1, cards);

            DropTarget<ColumnView> target = DropTarget.create(this);
            target.setDropEffect(DropEffect.MOVE);
            target.addDropListener(e -> e.getDragData()
                    .filter(DealCard.class::isInstance)
                    .map(DealCard.class::cast)
                    .ifPresent(card -> drop(card, s)));
        }

        private void updateMore() {
            long left = column.count() - shown;
            more.setVisible(left > 0);
            more.setText(getTranslation("pipeline.board.more", Formats.number(left, getLocale())));
        }

        void showMore() {
            List<DealCard> next = deals.column(column.stage().id(), filters.filter(null), shown, PER_COLUMN);
            next.forEach(c -> cards.add(card(c)));
            shown += next.size();
            updateMore();
        }

        List<DealCard> shownCards() {
            return cards.getChildren()
                    .map(c -> (DealCard) com.vaadin.flow.component.ComponentUtil.getData(c, DealCard.class))
                    .toList();
        }

        private Div card(DealCard c) {
            Div card = new Div();
            card.setId("deal-card-" + c.id());
            card.addClassName("pipeline-card");
            com.vaadin.flow.component.ComponentUtil.setData(card, DealCard.class, c);
            card.getStyle()
                    .set("background", "var(--lumo-base-color)")
                    .set("border-radius", "var(--lumo-border-radius-m)")
                    .set("box-shadow", "var(--lumo-box-shadow-xs)")
                    .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("cursor", "grab")
                    .set("box-sizing", "border-box")
                    .set("width", "100%")
                    .set("flex-shrink", "0");
            if (c.stale()) {
                card.addClassName("stale");
                card.getStyle().set("border-left", "4px solid var(--lumo-error-color)");
                card.getElement().setAttribute("title", getTranslation("pipeline.board.stale"));
            }
            Span t = new Span(c.title());
            t.getStyle().set("font-weight", "500").set("display", "block");
            Span who = new Span(c.customerName());
            who.addClassName("keyuan-audit");
            who.getStyle().set("display", "block");
            Span value = new Span(Formats.money(c.value(), getLocale()));
            value.getStyle().set("font-weight", "600").set("white-space", "nowrap");
            HorizontalLayout foot = new HorizontalLayout(value);
            foot.setWidthFull();
            foot.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
            foot.setAlignItems(FlexComponent.Alignment.BASELINE);
            Span owner = new Span(c.ownerId() == null ? "" : userNames.getOrDefault(c.ownerId(), ""));
            owner.addClassName("keyuan-audit");
            owner.getStyle().set("white-space", "nowrap");
            foot.add(owner);
            card.add(t, who, foot);
            if (c.expectedClose() != null) {
                Span close = new Span(getTranslation("deal.card.expected-close", Formats.date(c.expectedClose())));
                close.addClassName("keyuan-audit");
                close.getStyle().set("display", "block");
                card.add(close);
            }
            if (c.stale()) {
                Span badge = new Span(getTranslation("pipeline.board.stale"));
                badge.addClassName("keyuan-badge");
                badge.addClassName("lifecycle-churned");
                card.add(badge);
            }
            DragSource<Div> drag = DragSource.create(card);
            drag.setDragData(c);
            card.addClickListener(e -> open(c));
            card.getElement().setAttribute("tabindex", "0");
            card.getElement().addEventListener("keydown", e -> open(c)).setFilter("event.key === 'Enter'");
            return card;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pipeline.nav.board");
    }
}
