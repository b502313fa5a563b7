package io.keyuan.survey.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.customer.CustomerService;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.survey.FeedbackFilter;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackRow;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.FeedbackSeverity;
import io.keyuan.survey.FeedbackStatus;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Complaints and suggestions, newest first, filtered by kind, status, severity and owner, to the overdue ones or to
 * the signed-in user's own; overdue items are marked. Alt+N opens a new one; a row opens the item. {@code
 * feedback?mine=true&overdue=true} opens it so filtered (the home dashboard's links).
 */
@Route("feedback")
@Menu(title = "feedback.nav", order = 58, icon = "vaadin:comment-ellipsis-o")
@RolesAllowed(Roles.STAFF)
public class FeedbackListView extends VerticalLayout
        implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {
    private final FeedbackService feedback;
    private final CustomerService customers;
    private final List<UserRef> activeUsers;
    private final Map<Long, String> userNames;
    final Button create = new Button();
    final Select<FeedbackKind> kind = new Select<>();
    final Select<FeedbackStatus> status = new Select<>();
    final Select<FeedbackSeverity> severity = new Select<>();
    final ComboBox<UserRef> owner = new ComboBox<>();
    final Checkbox overdue = new Checkbox();
    final Checkbox mine = new Checkbox();
    final Grid<FeedbackRow> grid = new Grid<>();

    public FeedbackListView(FeedbackService feedback, CustomerService customers, UserDirectory users) {
        this.feedback = feedback;
        this.customers = customers;
        this.activeUsers = users.activeUsers();
        this.userNames = users.allUsers().stream().collect(Collectors.toMap(UserRef::id, UserRef::displayName));
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        create.setText(getTranslation("feedback.new"));
        create.setIcon(VaadinIcon.PLUS.create());
        create.setId("feedback-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setTooltipText(getTranslation("feedback.new.shortcut"));
        create.addClickListener(e -> openNew());
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);

        enumFilter(kind, "feedback-filter-kind", "feedback.field.kind", FeedbackKind.values());
        enumFilter(status, "feedback-filter-status", "feedback.field.status", FeedbackStatus.values());
        enumFilter(severity, "feedback-filter-severity", "feedback.field.severity", FeedbackSeverity.values());
        owner.setId("feedback-filter-owner");
        owner.setLabel(getTranslation("feedback.field.owner"));
        owner.setItems(users.allUsers());
        owner.setItemLabelGenerator(UserRef::displayName);
        owner.setClearButtonVisible(true);
        owner.addValueChangeListener(e -> refresh());
        overdue.setId("feedback-filter-overdue");
        overdue.setLabel(getTranslation("feedback.filter.overdue"));
        overdue.addValueChangeListener(e -> refresh());
        mine.setId("feedback-filter-mine");
        mine.setLabel(getTranslation("feedback.filter.mine"));
        mine.addValueChangeListener(e -> {
            owner.setEnabled(!mine.getValue());
            refresh();
        });
        HorizontalLayout toolbar = new HorizontalLayout(create, kind, status, severity, owner, overdue, mine);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        grid.setId("feedback-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("feedback.empty"));
        grid.addColumn(FeedbackRow::title)
                .setHeader(getTranslation("feedback.field.title"))
                .setKey("title")
                .setFlexGrow(2);
        grid.addColumn(r -> EnumLabels.label(this, r.kind()))
                .setHeader(getTranslation("feedback.field.kind"))
                .setKey("kind")
                .setAutoWidth(true);
        grid.addColumn(r -> EnumLabels.label(this, r.category()))
                .setHeader(getTranslation("feedback.field.category"))
                .setKey("category")
                .setAutoWidth(true);
        grid.addColumn(r -> EnumLabels.label(this, r.severity()))
                .setHeader(getTranslation("feedback.field.severity"))
                .setKey("severity")
                .setAutoWidth(true);
        grid.addColumn(r -> EnumLabels.label(this, r.status()))
                .setHeader(getTranslation("feedback.field.status"))
                .setKey("status")
                .setAutoWidth(true);
        grid.addColumn(FeedbackRow::customerName)
                .setHeader(getTranslation("feedback.field.customer"))
                .setKey("customer")
                .setAutoWidth(true);
        grid.addColumn(r -> ownerName(r.ownerId()))
                .setHeader(getTranslation("feedback.field.owner"))
                .setKey("owner")
                .setAutoWidth(true);
        grid.addComponentColumn(this::due)
                .setHeader(getTranslation("feedback.field.due-date"))
                .setKey("due")
                .setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem()));

        add(toolbar, grid);
        refresh();
    }

    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        var q = event.getLocation().getQueryParameters();
        if (q.getSingleParameter("mine").filter("true"::equals).isPresent()) {
            mine.setValue(true);
        }
        if (q.getSingleParameter("overdue").filter("true"::equals).isPresent()) {
            overdue.setValue(true);
        }
    }

    private <E extends Enum<E>> void enumFilter(Select<E> select, String id, String labelKey, E[] values) {
        select.setId(id);
        select.setLabel(getTranslation(labelKey));
        select.setItems(values);
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption(getTranslation("feedback.filter.any"));
        select.setItemLabelGenerator(
                v -> v == null ? getTranslation("feedback.filter.any") : EnumLabels.label(this, v));
        select.addValueChangeListener(e -> refresh());
    }

    private String ownerName(Long ownerId) {
        return ownerId == null ? getTranslation("feedback.owner.none") : userNames.getOrDefault(ownerId, "#" + ownerId);
    }

    /** The due date, with the overdue mark beside it. */
    private Component due(FeedbackRow r) {
        Span date = new Span(r.dueDate() == null ? "—" : io.keyuan.shared.ui.Formats.date(r.dueDate()));
        if (!r.overdue()) {
            return date;
        }
        Span mark = new Span(getTranslation("feedback.overdue"));
        mark.addClassNames("keyuan-badge", "feedback-overdue");
        HorizontalLayout both = new HorizontalLayout(date, mark);
        both.setSpacing(true);
        both.setPadding(false);
        return both;
    }

    FeedbackFilter filter() {
        return new FeedbackFilter(
                kind.getValue(),
                status.getValue(),
                severity.getValue(),
                owner.getValue() == null ? null : owner.getValue().id(),
                overdue.getValue(),
                mine.getValue(),
                null);
    }

    void refresh() {
        FeedbackFilter f = filter();
        grid.setItems(q -> feedback.page(f, q.getOffset(), q.getLimit()).stream(), q -> (int) feedback.count(f));
    }

    void openNew() {
        new FeedbackDialog(feedback, customers, activeUsers, null, FeedbackKind.COMPLAINT, saved -> refresh()).open();
    }

    void open(FeedbackRow row) {
        getUI().ifPresent(ui -> ui.navigate("feedback/" + row.id()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("feedback.nav");
    }
}
