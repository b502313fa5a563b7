package io.keyuan.pricing.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
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
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.Regions;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pricing.CustomerPricing;
import io.keyuan.pricing.QuotableProduct;
import io.keyuan.pricing.QuoteDraft;
import io.keyuan.pricing.QuoteExplanation;
import io.keyuan.pricing.QuoteRequest;
import io.keyuan.pricing.QuoteService;
import io.keyuan.pricing.QuoteSimulation;
import io.keyuan.pricing.QuoteStatus;
import io.keyuan.pricing.TierChoice;
import io.keyuan.pricing.TierSource;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.pricing.domain.QuoteLine;
import io.keyuan.pricing.engine.BeatenRule;
import io.keyuan.pricing.engine.BundleMatch;
import io.keyuan.pricing.engine.LineQuote;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.pricing.engine.QuoteResult;
import io.keyuan.pricing.engine.Warning;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.DatePickers;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The quote simulator: whom (a customer, or a tier in a province and city), when, and which products; every
 * change prices the lines again and shows each line's winning rule and why the other rules lost, the bundles, the
 * warnings and the totals. A quote is saved for a customer and then sent, accepted, expired, recorded as
 * purchases, attached to a deal and exported as the customer's workbook ({@code quote/<id>} opens a saved one).
 */
@Route("quote")
@Menu(title = "pricing.nav.quote", order = 55, icon = "vaadin:calc")
@RolesAllowed(Roles.STAFF)
public class QuoteSimulatorView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {
    private final QuoteService quotes;

    final ComboBox<CustomerRef> customer = new ComboBox<>();
    final Select<TierChoice> tier = new Select<>();
    final ComboBox<String> province = new ComboBox<>();
    final ComboBox<String> city = new ComboBox<>();
    final DatePicker date = new DatePicker();
    /** In place of tier and region once a customer is chosen: theirs, and why they have that tier. */
    final Span pricedFor = new Span();

    final ComboBox<QuotableProduct> product = new ComboBox<>();
    final IntegerField quantity = new IntegerField();
    final Button addLine = new Button();
    final Grid<DraftLine> lines = new Grid<>();
    final Grid<LineQuote> results = new Grid<>();
    final Grid<BeatenRow> beaten = new Grid<>();
    final Grid<BundleMatch> bundles = new Grid<>();
    final Div warnings = new Div();
    final Span totals = new Span();
    final Span status = new Span();
    final DatePicker validUntil = new DatePicker();
    final TextField note = new TextField();
    final Button save = new Button();
    final Button markSent = new Button();
    final Button accept = new Button();
    final Button expire = new Button();
    final Button recordPurchases = new Button();
    final ComboBox<DealCard> deal = new ComboBox<>();
    final Button attach = new Button();
    final Anchor export = new Anchor();
    final Grid<QuoteLine> savedLines = new Grid<>();

    private final List<DraftLine> draft = new ArrayList<>();
    private Quote saved;
    private QuoteSimulation simulation;

    /** A line being put together: the product picked and its quantity. */
    public record DraftLine(QuotableProduct product, int quantity) {}

    /** A rule that lost on a line, with the reason in the user's language. */
    public record BeatenRow(int lineNo, String productCode, String ruleCode, String ruleName, String reason) {}

    public QuoteSimulatorView(QuoteService quotes) {
        this.quotes = quotes;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        customer.setId("quote-customer");
        customer.setLabel(getTranslation("pricing.quote.field.customer"));
        customer.setItemLabelGenerator(CustomerRef::label);
        customer.setItems(q -> quotes.findCustomers(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        customer.setClearButtonVisible(true);
        customer.setWidth("20em");
        customer.addValueChangeListener(e -> {
            boolean none = e.getValue() == null;
            tier.setVisible(none);
            province.setVisible(none);
            city.setVisible(none);
            showPricedFor(e.getValue());
            refreshDeals();
            requote();
        });
        tier.setId("quote-tier");
        tier.setLabel(getTranslation("pricing.quote.field.tier"));
        tier.setItems(quotes.tiers());
        tier.setEmptySelectionAllowed(true);
        tier.setEmptySelectionCaption(getTranslation("pricing.quote.no-tier"));
        tier.setItemLabelGenerator(t -> t == null ? getTranslation("pricing.quote.no-tier") : t.name());
        tier.addValueChangeListener(e -> requote());
        province.setId("quote-province");
        province.setLabel(getTranslation("pricing.quote.field.province"));
        province.setItems(Regions.provinces());
        province.setClearButtonVisible(true);
        province.addValueChangeListener(e -> {
            city.clear();
            city.setItems(e.getValue() == null ? List.of() : Regions.cities(e.getValue()));
            requote();
        });
        city.setId("quote-city");
        city.setLabel(getTranslation("pricing.quote.field.city"));
        city.setClearButtonVisible(true);
        city.addValueChangeListener(e -> requote());
        date.setId("quote-date");
        date.setLabel(getTranslation("pricing.quote.field.date"));
        date.setI18n(DatePickers.i18n(this));
        date.setValue(LocalDate.now(Formats.ZONE));
        date.addValueChangeListener(e -> requote());
        pricedFor.setId("quote-priced-for");
        pricedFor.addClassName("keyuan-priced-for");
        pricedFor.setVisible(false);
        pricedFor.getStyle().set("align-self", "center").set("max-width", "36em");
        HorizontalLayout whom = new HorizontalLayout(customer, tier, province, city, pricedFor, date);
        whom.setAlignItems(FlexComponent.Alignment.BASELINE);
        whom.setWrap(true);

        product.setId("quote-product");
        product.setLabel(getTranslation("pricing.quote.column.product"));
        product.setItemLabelGenerator(QuotableProduct::label);
        product.setItems(q -> quotes.findProducts(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        product.setWidth("22em");
        quantity.setId("quote-quantity");
        quantity.setLabel(getTranslation("pricing.quote.column.quantity"));
        quantity.setMin(1);
        quantity.setMax(QuoteService.MAX_QUANTITY);
        quantity.setValue(1);
        quantity.setStepButtonsVisible(true);
        addLine.setId("quote-add-line");
        addLine.setText(getTranslation("pricing.quote.add-line"));
        addLine.setIcon(VaadinIcon.PLUS.create());
        addLine.setTooltipText(getTranslation("pricing.quote.add-line-hint"));
        addLine.addClickListener(e -> addLine());
        addLine.addClickShortcut(Key.ENTER).listenOn(product, quantity);
        addLine.addClickShortcut(Key.KEY_L, KeyModifier.ALT);
        HorizontalLayout lineInput = new HorizontalLayout(product, quantity, addLine);
        lineInput.setAlignItems(FlexComponent.Alignment.BASELINE);

        lines.setId("quote-lines");
        lines.setAllRowsVisible(true);
        lines.addThemeVariants(GridVariant.LUMO_COMPACT);
        lines.addColumn(l -> draft.indexOf(l) + 1)
                .setHeader(getTranslation("pricing.quote.column.line"))
                .setAutoWidth(true);
        lines.addColumn(l -> l.product().label())
                .setHeader(getTranslation("pricing.quote.column.product"))
                .setAutoWidth(true);
        lines.addColumn(DraftLine::quantity)
                .setHeader(getTranslation("pricing.quote.column.quantity"))
                .setAutoWidth(true);
        lines.addComponentColumn(l -> {
                    Button remove = new Button(VaadinIcon.TRASH.create(), e -> removeLine(l));
                    remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                    remove.setAriaLabel(getTranslation("pricing.quote.remove-line"));
                    remove.setTooltipText(getTranslation("pricing.quote.remove-line"));
                    return remove;
                })
                .setAutoWidth(true);

        configureResults();

        validUntil.setId("quote-valid-until");
        validUntil.setLabel(getTranslation("pricing.quote.field.valid-until"));
        validUntil.setI18n(DatePickers.i18n(this));
        validUntil.setHelperText(getTranslation("pricing.quote.valid-until-hint", QuoteService.DEFAULT_VALIDITY_DAYS));
        note.setId("quote-note");
        note.setLabel(getTranslation("pricing.quote.field.note"));
        note.setMaxLength(Quote.NOTE_LENGTH);
        note.setWidth("20em");
        save.setId("quote-save");
        save.setText(getTranslation("pricing.quote.save"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.KEY_S, KeyModifier.ALT);
        save.addClickListener(e -> save());
        status.setId("quote-status");
        HorizontalLayout saving = new HorizontalLayout(validUntil, note, save, status);
        saving.setAlignItems(FlexComponent.Alignment.BASELINE);
        saving.setWrap(true);

        action(
                markSent,
                "quote-mark-sent",
                "pricing.quote.mark-sent",
                () -> quotes.markSent(saved.getId(), saved.getVersion()));
        action(accept, "quote-accept", "pricing.quote.accept", () -> quotes.accept(saved.getId(), saved.getVersion()));
        action(expire, "quote-expire", "pricing.quote.expire", () -> quotes.expire(saved.getId(), saved.getVersion()));
        recordPurchases.setId("quote-record-purchases");
        recordPurchases.setText(getTranslation("pricing.quote.record-purchases"));
        recordPurchases.addClickListener(e -> {
            int[] n = {0};
            if (Notifications.attempt(this, () -> n[0] = quotes.recordPurchases(saved.getId()))) {
                Notifications.success(this, "pricing.quote.purchases-done", n[0]);
                show(quotes.get(saved.getId()));
            }
        });
        deal.setId("quote-deal");
        deal.setLabel(getTranslation("pricing.quote.field.deal"));
        deal.setItemLabelGenerator(d -> d.title() + " · " + Formats.money(d.value(), getLocale()));
        deal.setWidth("18em");
        attach.setId("quote-attach");
        attach.setText(getTranslation("pricing.quote.attach"));
        attach.addClickListener(e -> {
            if (deal.getValue() == null) {
                deal.setErrorMessage(getTranslation("validation.required"));
                deal.setInvalid(true);
                return;
            }
            try {
                show(quotes.attachToDeal(saved.getId(), deal.getValue().id()));
                Notifications.success(this, "pricing.quote.attached");
            } catch (KeyuanException ex) {
                Notifications.showOnField(this, Map.of("dealId", deal), ex);
            }
        });
        export.setId("quote-export");
        export.setHref((DownloadHandler) event -> {
            java.util.Locale[] locale = new java.util.Locale[1];
            long[] id = new long[1];
            event.getUI().accessSynchronously(() -> {
                locale[0] = getLocale();
                id[0] = saved.getId();
            });
            event.setFileName(quotes.workbookFileName(id[0]));
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            quotes.exportWorkbook(id[0], locale[0], event.getOutputStream());
        });
        Button exportButton = new Button(getTranslation("pricing.quote.export"), VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        export.add(exportButton);
        HorizontalLayout actions =
                new HorizontalLayout(markSent, accept, expire, recordPurchases, deal, attach, export);
        actions.setId("quote-actions");
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.setWrap(true);

        savedLines.setId("quote-saved-lines");
        savedLines.setAllRowsVisible(true);
        savedLines.addThemeVariants(GridVariant.LUMO_COMPACT);
        savedLines
                .addColumn(QuoteLine::getLineNo)
                .setHeader(getTranslation("pricing.quote.column.line"))
                .setAutoWidth(true);
        savedLines
                .addColumn(QuoteLine::getQuantity)
                .setHeader(getTranslation("pricing.quote.column.quantity"))
                .setAutoWidth(true);
        savedLines
                .addColumn(l -> money(l.getUnitPrice()))
                .setHeader(getTranslation("pricing.quote.column.unit-price"))
                .setAutoWidth(true);
        savedLines
                .addColumn(l -> money(l.getLineTotal()))
                .setHeader(getTranslation("pricing.quote.column.line-total"))
                .setAutoWidth(true);
        savedLines
                .addColumn(l -> l.getRuleCode() == null
                        ? getTranslation("pricing.quote.list-price")
                        : l.getRuleCode() + " · " + l.getRuleName())
                .setHeader(getTranslation("pricing.quote.column.rule"))
                .setAutoWidth(true);
        savedLines.addColumn(l -> explain(l.getExplanation())).setHeader(getTranslation("pricing.quote.column.reason"));

        add(
                whom,
                lineInput,
                lines,
                new H3(getTranslation("pricing.quote.results")),
                results,
                warnings,
                beaten,
                bundles,
                totals,
                saving,
                actions,
                savedLines);
        showSaved();
    }

    private void action(Button button, String id, String key, Supplier<Quote> work) {
        button.setId(id);
        button.setText(getTranslation(key));
        button.addClickListener(e -> {
            Quote[] result = new Quote[1];
            if (Notifications.attempt(this, () -> result[0] = work.get())) {
                show(result[0]);
            }
        });
    }

    private void configureResults() {
        results.setId("quote-results");
        results.setAllRowsVisible(true);
        results.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        results.addColumn(l -> l.product().code() + " · " + l.product().name())
                .setHeader(getTranslation("pricing.quote.column.product"))
                .setKey("product")
                .setAutoWidth(true);
        results.addColumn(LineQuote::quantity)
                .setHeader(getTranslation("pricing.quote.column.quantity"))
                .setKey("quantity");
        results.addColumn(l -> money(l.listPrice()))
                .setHeader(getTranslation("pricing.quote.column.list-price"))
                .setKey("list");
        results.addColumn(l -> money(l.unitPrice()))
                .setHeader(getTranslation("pricing.quote.column.unit-price"))
                .setKey("unit");
        results.addColumn(l -> money(l.lineTotal()))
                .setHeader(getTranslation("pricing.quote.column.line-total"))
                .setKey("total");
        results.addColumn(l -> percent(l.marginPercent()))
                .setHeader(getTranslation("pricing.quote.column.margin"))
                .setKey("margin");
        results.addColumn(this::winner)
                .setHeader(getTranslation("pricing.quote.column.rule"))
                .setKey("rule")
                .setAutoWidth(true);
        results.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(l -> {
            Div d = new Div();
            for (BeatenRule b : l.beaten()) {
                d.add(new Div(b.rule().code() + " · " + b.rule().name() + " — "
                        + reason(b.reason().name(), b.detail())));
            }
            if (l.beaten().isEmpty()) {
                d.add(new Div(getTranslation("pricing.quote.no-beaten")));
            }
            return d;
        }));

        beaten.setId("quote-beaten");
        beaten.setAllRowsVisible(true);
        beaten.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        beaten.addColumn(BeatenRow::lineNo)
                .setHeader(getTranslation("pricing.quote.column.line"))
                .setAutoWidth(true);
        beaten.addColumn(BeatenRow::productCode)
                .setHeader(getTranslation("pricing.quote.column.code"))
                .setAutoWidth(true);
        beaten.addColumn(r -> r.ruleCode() + " · " + r.ruleName())
                .setHeader(getTranslation("pricing.quote.column.beaten-rule"))
                .setAutoWidth(true);
        beaten.addColumn(BeatenRow::reason)
                .setHeader(getTranslation("pricing.quote.column.reason"))
                .setKey("reason")
                .setFlexGrow(2);

        bundles.setId("quote-bundles");
        bundles.setAllRowsVisible(true);
        bundles.addThemeVariants(GridVariant.LUMO_COMPACT);
        bundles.addColumn(m -> m.bundle().code() + " · " + m.bundle().name())
                .setHeader(getTranslation("pricing.quote.column.bundle"))
                .setAutoWidth(true);
        bundles.addColumn(BundleMatch::sets).setHeader(getTranslation("pricing.quote.column.sets"));
        bundles.addColumn(m -> money(m.regularPrice())).setHeader(getTranslation("pricing.quote.column.regular"));
        bundles.addColumn(m -> money(m.bundlePrice())).setHeader(getTranslation("pricing.quote.column.bundle-price"));
        bundles.addColumn(m -> money(m.discount())).setHeader(getTranslation("pricing.quote.total.bundle-discount"));
        totals.setId("quote-totals");
    }

    String winner(LineQuote l) {
        if (l.winner() == null) {
            return getTranslation("pricing.quote.list-price");
        }
        String text = l.winner().code() + " · " + l.winner().name();
        return l.guardApplied() ? text + " (" + getTranslation("pricing.quote.guard-applied") + ")" : text;
    }

    /** A beaten reason in the user's language; a precedence step is named by its own key. */
    String reason(String reason, String detail) {
        String arg = detail == null ? "" : detail;
        if ("LOWER_PRECEDENCE".equals(reason) && !arg.isEmpty()) {
            arg = getTranslation("pricing.precedence.step." + arg);
        } else if ("OTHER_TIER".equals(reason)) {
            // The engine names the tier by id; the user knows it by name.
            String id = arg;
            arg = tier.getListDataView()
                    .getItems()
                    .filter(t -> String.valueOf(t.id()).equals(id))
                    .map(TierChoice::name)
                    .findFirst()
                    .orElse(id);
        }
        return getTranslation("pricing.beaten." + reason, arg);
    }

    String explain(String stored) {
        QuoteExplanation why = QuoteExplanation.parse(stored);
        List<String> parts = new ArrayList<>();
        for (QuoteExplanation.Beaten b : why.beaten()) {
            parts.add(b.code() + ": " + reason(b.reason(), b.detail()));
        }
        if (why.more() > 0) {
            parts.add(getTranslation("pricing.quote.more-beaten", why.more()));
        }
        String text = String.join("; ", parts);
        return why.guardApplied()
                ? getTranslation("pricing.quote.guard-applied") + (text.isEmpty() ? "" : "; " + text)
                : text;
    }

    private String money(BigDecimal v) {
        return v == null ? "" : Formats.money(v, getLocale());
    }

    private static String percent(BigDecimal v) {
        return v == null ? "—" : v.toPlainString() + " %";
    }

    // ---- lines ----

    void addLine() {
        if (product.getValue() == null) {
            product.setErrorMessage(getTranslation("validation.required"));
            product.setInvalid(true);
            product.focus();
            return;
        }
        Integer q = quantity.getValue();
        if (q == null || q < 1 || q > QuoteService.MAX_QUANTITY) {
            quantity.setErrorMessage(
                    getTranslation("pricing.quote.error.quantity", draft.size() + 1, QuoteService.MAX_QUANTITY));
            quantity.setInvalid(true);
            quantity.focus();
            return;
        }
        product.setInvalid(false);
        quantity.setInvalid(false);
        draft.add(new DraftLine(product.getValue(), q));
        lines.setItems(draft);
        product.clear();
        quantity.setValue(1);
        product.focus();
        requote();
    }

    void removeLine(DraftLine line) {
        draft.remove(line);
        lines.setItems(draft);
        requote();
    }

    List<LineRequest> lineRequests() {
        return draft.stream()
                .map(l -> new LineRequest(l.product().id(), l.quantity()))
                .toList();
    }

    // ---- pricing ----

    private void showPricedFor(CustomerRef chosen) {
        if (chosen == null) {
            pricedFor.setVisible(false);
            pricedFor.setText("");
            return;
        }
        CustomerPricing p = quotes.customerPricing(chosen.id());
        String tierText;
        if (p.tier() == null) {
            tierText = getTranslation("pricing.quote.priced-for.no-tier");
        } else if (p.tier().source() == TierSource.MANUAL) {
            tierText = getTranslation(
                    "pricing.quote.priced-for.manual",
                    p.tier().tierName(),
                    p.tier().setBy());
        } else {
            tierText = getTranslation(
                    "pricing.quote.priced-for.segment",
                    p.tier().tierName(),
                    p.tier().segmentName());
        }
        String region = p.province() == null
                ? getTranslation("pricing.quote.priced-for.national")
                : p.city() == null ? p.province() : p.province() + " " + p.city();
        pricedFor.setText(getTranslation("pricing.quote.priced-for", tierText, region));
        pricedFor.setVisible(true);
    }

    void requote() {
        if (draft.isEmpty()) {
            simulation = null;
            showResult(null);
            return;
        }
        QuoteRequest request = customer.getValue() != null
                ? QuoteRequest.forCustomer(customer.getValue().id(), date.getValue(), lineRequests())
                : QuoteRequest.forTier(
                        tier.getValue() == null ? null : tier.getValue().id(),
                        province.getValue(),
                        city.getValue(),
                        date.getValue(),
                        lineRequests());
        try {
            simulation = quotes.simulate(request);
            showResult(simulation.result());
        } catch (KeyuanException e) {
            simulation = null;
            showResult(null);
            Notifications.showOnField(this, Map.of("quantity", quantity, "product", product), e);
        }
    }

    private void showResult(QuoteResult r) {
        results.setItems(r == null ? List.of() : r.lines());
        List<BeatenRow> rows = new ArrayList<>();
        warnings.removeAll();
        if (r != null) {
            for (LineQuote l : r.lines()) {
                for (BeatenRule b : l.beaten()) {
                    rows.add(new BeatenRow(
                            l.lineNo(),
                            l.product().code(),
                            b.rule().code(),
                            b.rule().name(),
                            reason(b.reason().name(), b.detail())));
                }
                for (Warning w : l.warnings()) {
                    warnings.add(new Div(getTranslation(
                            "pricing.quote.line-warning",
                            l.lineNo(),
                            getTranslation(w.key(), w.args().toArray()))));
                }
            }
            for (Warning w : r.warnings()) {
                warnings.add(new Div(getTranslation(w.key(), w.args().toArray())));
            }
        }
        beaten.setItems(rows);
        bundles.setItems(r == null ? List.of() : r.bundles());
        bundles.setVisible(r != null && !r.bundles().isEmpty());
        totals.setText(
                r == null
                        ? ""
                        : getTranslation(
                                "pricing.quote.totals",
                                money(r.listTotal()),
                                money(r.linesTotal()),
                                money(r.bundleDiscount()),
                                money(r.total()),
                                percent(r.marginPercent())));
    }

    // ---- saving and the saved quote ----

    void save() {
        if (customer.getValue() == null) {
            customer.setErrorMessage(getTranslation("pricing.quote.customer-required"));
            customer.setInvalid(true);
            customer.focus();
            return;
        }
        QuoteDraft d = new QuoteDraft(
                saved == null ? null : saved.getId(),
                saved == null ? 0 : saved.getVersion(),
                customer.getValue().id(),
                date.getValue(),
                validUntil.getValue(),
                note.getValue(),
                lineRequests());
        try {
            Quote q = quotes.save(d);
            show(q);
            Notifications.success(this, "pricing.quote.saved", q.getNumber());
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "quote/" + q.getId()));
        } catch (KeyuanException e) {
            Notifications.showOnField(
                    this,
                    Map.of(
                            "customerId",
                            customer,
                            "validUntil",
                            validUntil,
                            "note",
                            note,
                            "quantity",
                            quantity,
                            "product",
                            product),
                    e);
        }
    }

    void show(Quote q) {
        saved = q;
        showSaved();
    }

    private void showSaved() {
        boolean has = saved != null;
        QuoteStatus s = has ? saved.getStatus() : null;
        status.setText(
                has
                        ? getTranslation(
                                "pricing.quote.saved-as",
                                saved.getNumber(),
                                getTranslation("pricing.quote.status." + s.name()),
                                money(saved.getTotal()))
                        : "");
        boolean open = s == QuoteStatus.DRAFT || s == QuoteStatus.SENT;
        save.setEnabled(!has || s == QuoteStatus.DRAFT);
        markSent.setEnabled(s == QuoteStatus.DRAFT);
        accept.setEnabled(open);
        expire.setEnabled(open);
        recordPurchases.setEnabled(s == QuoteStatus.ACCEPTED && saved.getPurchasesRecordedAt() == null);
        deal.setEnabled(has);
        attach.setEnabled(has);
        export.setEnabled(has);
        export.setVisible(has);
        markSent.setVisible(has);
        accept.setVisible(has);
        expire.setVisible(has);
        recordPurchases.setVisible(has);
        deal.setVisible(has);
        attach.setVisible(has);
        savedLines.setVisible(has);
        if (has) {
            savedLines.setItems(saved.getLines());
            if (saved.getDealId() != null) {
                deal.getListDataView()
                        .getItems()
                        .filter(d -> d.id() == saved.getDealId())
                        .findFirst()
                        .ifPresent(deal::setValue);
            }
        }
    }

    private void refreshDeals() {
        deal.setItems(
                customer.getValue() == null
                        ? List.of()
                        : quotes.dealsOf(customer.getValue().id()));
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long quoteId) {
        if (quoteId == null) {
            return;
        }
        Quote q = quotes.get(quoteId);
        Map<Long, QuotableProduct> products = quotes.products(
                q.getLines().stream().map(QuoteLine::getProductId).toList());
        draft.clear();
        for (QuoteLine l : q.getLines()) {
            QuotableProduct p = products.get(l.getProductId());
            if (p != null) {
                draft.add(new DraftLine(p, l.getQuantity()));
            }
        }
        lines.setItems(draft);
        saved = q;
        date.setValue(q.getQuoteDate());
        validUntil.setValue(q.getValidUntil());
        note.setValue(q.getNote() == null ? "" : q.getNote());
        customer.setValue(quotes.customer(q.getCustomerId()).orElse(null));
        show(q);
    }

    @Override
    public String getPageTitle() {
        return saved == null ? getTranslation("pricing.nav.quote") : saved.getNumber();
    }
}
