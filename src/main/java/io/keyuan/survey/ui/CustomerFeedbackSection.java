package io.keyuan.survey.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.RecordSection;
import io.keyuan.survey.FeedbackFilter;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackRow;
import io.keyuan.survey.FeedbackService;
import java.util.Map;
import java.util.stream.Collectors;

/** The customer page's complaints and suggestions, newest first, with a button that opens a complaint for them. */
@org.springframework.stereotype.Component
class CustomerFeedbackSection implements RecordSection {
    /** Up to this many items show whole; more scroll in a fixed height. */
    static final int FEW = 6;

    private final FeedbackService feedback;
    private final CustomerService customers;
    private final UserDirectory users;

    CustomerFeedbackSection(FeedbackService feedback, CustomerService customers, UserDirectory users) {
        this.feedback = feedback;
        this.customers = customers;
        this.users = users;
    }

    @Override
    public String page() {
        return CUSTOMER;
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public Component create(long customerId) {
        return new Panel(customerId);
    }

    final class Panel extends VerticalLayout {
        private final long customerId;
        private final Map<Long, String> userNames;
        final Button newComplaint = new Button();
        final Grid<FeedbackRow> grid = new Grid<>();

        Panel(long customerId) {
            this.customerId = customerId;
            this.userNames = users.allUsers().stream().collect(Collectors.toMap(UserRef::id, UserRef::displayName));
            setId("customer-feedback");
            setPadding(false);
            setWidthFull();
            newComplaint.setText(getTranslation("feedback.section.new-complaint"));
            newComplaint.setIcon(VaadinIcon.PLUS.create());
            newComplaint.setId("customer-feedback-new");
            newComplaint.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            newComplaint.addClickListener(e -> openNew());
            HorizontalLayout head =
                    new HorizontalLayout(new H3(getTranslation("feedback.section.title")), newComplaint);
            head.setAlignItems(FlexComponent.Alignment.BASELINE);

            grid.setId("customer-feedback-grid");
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
            grid.setEmptyStateText(getTranslation("feedback.section.empty"));
            grid.addColumn(r -> Formats.dateTime(r.createdAt()))
                    .setHeader(getTranslation("feedback.field.opened"))
                    .setAutoWidth(true);
            grid.addColumn(FeedbackRow::title)
                    .setHeader(getTranslation("feedback.field.title"))
                    .setFlexGrow(2);
            grid.addColumn(r -> EnumLabels.label(this, r.kind()))
                    .setHeader(getTranslation("feedback.field.kind"))
                    .setAutoWidth(true);
            grid.addColumn(r -> EnumLabels.label(this, r.severity()))
                    .setHeader(getTranslation("feedback.field.severity"))
                    .setAutoWidth(true);
            grid.addComponentColumn(r -> {
                        Span s = new Span(EnumLabels.label(this, r.status())
                                + (r.overdue() ? " · " + getTranslation("feedback.overdue") : ""));
                        if (r.overdue()) {
                            s.addClassNames("keyuan-badge", "feedback-overdue");
                        }
                        return s;
                    })
                    .setHeader(getTranslation("feedback.field.status"))
                    .setAutoWidth(true);
            grid.addColumn(r -> r.ownerId() == null
                            ? getTranslation("feedback.owner.none")
                            : userNames.getOrDefault(r.ownerId(), "#" + r.ownerId()))
                    .setHeader(getTranslation("feedback.field.owner"))
                    .setAutoWidth(true);
            grid.addItemClickListener(e -> getUI().ifPresent(
                            ui -> ui.navigate("feedback/" + e.getItem().id())));
            add(head, grid);
            load();
        }

        void load() {
            FeedbackFilter f = FeedbackFilter.ofCustomer(customerId);
            boolean few = feedback.count(f) <= FEW;
            grid.setAllRowsVisible(few);
            grid.setHeight(few ? null : "18rem");
            grid.setItems(q -> feedback.page(f, q.getOffset(), q.getLimit()).stream(), q -> (int) feedback.count(f));
        }

        void openNew() {
            CustomerRef customer = customers.ref(customerId).orElseThrow();
            new FeedbackDialog(
                            feedback, customers, users.activeUsers(), customer, FeedbackKind.COMPLAINT, saved -> load())
                    .open();
        }
    }
}
