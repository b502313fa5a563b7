package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import io.keyuan.customer.CustomerRef;
import io.keyuan.pricing.QuoteFilter;
import io.keyuan.pricing.QuoteRow;
import io.keyuan.pricing.QuoteService;
import io.keyuan.pricing.QuoteStatus;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Formats;
import jakarta.annotation.security.RolesAllowed;

/** Saved quotes, newest first, filtered by number, customer, status and quote date; a row opens the simulator. */
@Route("quotes")
@Menu(title = "pricing.nav.quotes", order = 56, icon = "vaadin:file-text-o")
@RolesAllowed(Roles.STAFF)
public class QuoteListView extends VerticalLayout implements HasDynamicTitle {
    private final QuoteService quotes;
    final Grid<QuoteRow> grid = new Grid<>();
    final TextField number = new TextField();
    final ComboBox<CustomerRef> customer = new ComboBox<>();
    final Select<QuoteStatus> status = new Select<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();

    public QuoteListView(QuoteService quotes) {
        this.quotes = quotes;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        Button create = new Button(
                getTranslation("pricing.quote.new"),
                VaadinIcon.PLUS.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(QuoteSimulatorView.class)));
        create.setId("quote-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);

        number.setId("quotes-filter-number");
        number.setLabel(getTranslation("pricing.quote.field.number"));
        number.setClearButtonVisible(true);
        number.setValueChangeMode(ValueChangeMode.LAZY);
        number.addValueChangeListener(e -> refresh());
        customer.setId("quotes-filter-customer");
        customer.setLabel(getTranslation("pricing.quote.field.customer"));
        customer.setItemLabelGenerator(CustomerRef::label);
        customer.setItems(q -> quotes.findCustomers(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        customer.setClearButtonVisible(true);
        customer.addValueChangeListener(e -> refresh());
        status.setId("quotes-filter-status");
        status.setLabel(getTranslation("pricing.quote.field.status"));
        status.setItems(QuoteStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption(getTranslation("pricing.quote.any-status"));
        status.setItemLabelGenerator(s -> s == null ? getTranslation("pricing.quote.any-status") : statusLabel(s));
        status.addValueChangeListener(e -> refresh());
        from.setId("quotes-filter-from");
        from.setLabel(getTranslation("pricing.quote.filter.from"));
        from.setI18n(DatePickers.i18n(this));
        from.addValueChangeListener(e -> refresh());
        to.setId("quotes-filter-to");
        to.setLabel(getTranslation("pricing.quote.filter.to"));
        to.setI18n(DatePickers.i18n(this));
        to.addValueChangeListener(e -> refresh());
        HorizontalLayout toolbar = new HorizontalLayout(create, number, customer, status, from, to);
        toolbar.addClassName("keyuan-toolbar");
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWrap(true);

        grid.setId("quote-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("pricing.quote.empty"));
        grid.addColumn(QuoteRow::number)
                .setHeader(getTranslation("pricing.quote.field.number"))
                .setKey("number")
                .setAutoWidth(true);
        grid.addColumn(QuoteRow::customerName)
                .setHeader(getTranslation("pricing.quote.field.customer"))
                .setKey("customer")
                .setAutoWidth(true);
        grid.addColumn(r -> Formats.date(r.quoteDate()))
                .setHeader(getTranslation("pricing.quote.field.date"))
                .setKey("date");
        grid.addColumn(r -> Formats.date(r.validUntil()))
                .setHeader(getTranslation("pricing.quote.field.valid-until"))
                .setKey("validUntil");
        grid.addColumn(r -> statusLabel(r.status()))
                .setHeader(getTranslation("pricing.quote.field.status"))
                .setKey("status");
        grid.addColumn(r -> Formats.money(r.total(), getLocale()))
                .setHeader(getTranslation("pricing.quote.field.total"))
                .setKey("total");
        grid.addItemClickListener(e -> open(e.getItem()));

        add(toolbar, grid);
        refresh();
    }

    private String statusLabel(QuoteStatus s) {
        return getTranslation("pricing.quote.status." + s.name());
    }

    QuoteFilter filter() {
        return new QuoteFilter(
                customer.getValue() == null ? null : customer.getValue().id(),
                status.getValue(),
                from.getValue(),
                to.getValue(),
                number.getValue());
    }

    void refresh() {
        QuoteFilter f = filter();
        grid.setItems(q -> quotes.page(f, q.getOffset(), q.getLimit()).stream(), q -> (int) quotes.count(f));
    }

    void open(QuoteRow row) {
        getUI().ifPresent(ui -> ui.navigate(QuoteSimulatorView.class, row.id()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("pricing.nav.quotes");
    }
}
