package io.keyuan.pricing;

import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerRegion;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.SalesChannel;
import io.keyuan.exchange.DocumentWorkbook;
import io.keyuan.pipeline.DealCard;
import io.keyuan.pipeline.DealService;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.pricing.domain.QuoteLine;
import io.keyuan.pricing.domain.QuoteRepository;
import io.keyuan.pricing.engine.BundleMatch;
import io.keyuan.pricing.engine.LineQuote;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.pricing.engine.PriceBook;
import io.keyuan.pricing.engine.QuoteContext;
import io.keyuan.pricing.engine.QuoteEngine;
import io.keyuan.pricing.engine.QuoteResult;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff quote: simulate a quote for a customer or for a tier and region, save it for a customer with a unique
 * number, move it through DRAFT → SENT → ACCEPTED (or EXPIRED), record an accepted quote's lines as the customer's
 * purchases once, keep an attached deal's value equal to the quote's total, and export the customer's workbook.
 */
@Service
@Transactional
public class QuoteService {
    public static final int DEFAULT_VALIDITY_DAYS = 30;
    public static final int MAX_LINES = 200;
    public static final int MAX_QUANTITY = 1_000_000;
    public static final int MAX_PAGE = 500;
    static final int PURCHASE_PRODUCT_LENGTH = 100;

    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "fk_quote_customer", new ConstraintMessages.Meaning("customerId", "pricing.quote.error.customer-missing"),
            "fk_quote_deal", new ConstraintMessages.Meaning("dealId", "pricing.quote.error.deal-missing"),
            "ck_quote_dates", new ConstraintMessages.Meaning("validUntil", "pricing.quote.error.valid-until"),
            "fk_quote_line_product", new ConstraintMessages.Meaning("product", "pricing.quote.error.product-gone"));

    private final QuoteRepository quotes;
    private final PriceBookSource books;
    private final CustomerTiers tiers;
    private final CustomerService customers;
    private final DealService deals;
    private final NamedParameterJdbcTemplate jdbc;
    private final KeyuanI18NProvider i18n;
    private final Clock clock;
    private final io.keyuan.shared.db.StaleEdits staleEdits;

    QuoteService(
            QuoteRepository quotes,
            PriceBookSource books,
            CustomerTiers tiers,
            CustomerService customers,
            DealService deals,
            NamedParameterJdbcTemplate jdbc,
            KeyuanI18NProvider i18n,
            Clock clock,
            io.keyuan.shared.db.StaleEdits staleEdits) {
        this.staleEdits = staleEdits;
        this.quotes = quotes;
        this.books = books;
        this.tiers = tiers;
        this.customers = customers;
        this.deals = deals;
        this.jdbc = jdbc;
        this.i18n = i18n;
        this.clock = clock;
    }

    // ---- quoting ----

    /** The tier and region a quote for the customer is priced for, as the simulator shows them beside the name. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public CustomerPricing customerPricing(long customerId) {
        CustomerRegion region = customers
                .region(customerId)
                .orElseThrow(() -> KeyuanException.onField("customerId", "pricing.quote.error.customer-missing"));
        return new CustomerPricing(
                tiers.of(customerId).orElse(null), blankToNull(region.province()), blankToNull(region.city()));
    }

    /** Prices the lines for the customer (their tier and region) or for the tier and region given. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public QuoteSimulation simulate(QuoteRequest request) {
        validateLines(request.lines());
        LocalDate date = request.date() == null ? today() : request.date();
        Long customerId = request.customerId();
        String customerName = null;
        Long tierId;
        String tierCode = null;
        String tierName = null;
        String province;
        String city;
        if (customerId != null) {
            CustomerRef ref = customers
                    .ref(customerId)
                    .orElseThrow(() -> KeyuanException.onField("customerId", "pricing.quote.error.customer-missing"));
            customerName = ref.name();
            Optional<TierAssignment> tier = tiers.of(customerId);
            tierId = tier.map(TierAssignment::tierId).orElse(null);
            tierCode = tier.map(TierAssignment::tierCode).orElse(null);
            tierName = tier.map(TierAssignment::tierName).orElse(null);
            CustomerRegion region = customers.region(customerId).orElseThrow();
            province = blankToNull(region.province());
            city = blankToNull(region.city());
        } else {
            tierId = request.tierId();
            if (tierId != null) {
                TierChoice tier = tier(tierId)
                        .orElseThrow(() -> KeyuanException.onField("tierId", "pricing.quote.error.tier-missing"));
                tierCode = tier.code();
                tierName = tier.name();
            }
            province = blankToNull(request.province());
            city = province == null ? null : blankToNull(request.city());
        }
        PriceBook book = books.current();
        for (int i = 0; i < request.lines().size(); i++) {
            if (book.item(request.lines().get(i).productId()).isEmpty()) {
                throw KeyuanException.onField("product", "pricing.quote.error.product-unknown", i + 1);
            }
        }
        QuoteResult result = QuoteEngine.quote(book, new QuoteContext(tierId, province, city, date), request.lines());
        return new QuoteSimulation(result, customerId, customerName, tierId, tierCode, tierName);
    }

    private static void validateLines(List<LineRequest> lines) {
        if (lines.isEmpty()) {
            throw KeyuanException.onField("lines", "pricing.quote.error.no-lines");
        }
        if (lines.size() > MAX_LINES) {
            throw KeyuanException.onField("lines", "pricing.quote.error.too-many-lines", MAX_LINES);
        }
        for (int i = 0; i < lines.size(); i++) {
            int q = lines.get(i).quantity();
            if (q < 1 || q > MAX_QUANTITY) {
                throw KeyuanException.onField("quantity", "pricing.quote.error.quantity", i + 1, MAX_QUANTITY);
            }
        }
    }

    // ---- saving ----

    /**
     * Saves a new quote (DRAFT, a fresh number) or quotes a draft again with the current price book. A quote that
     * is no longer a draft, or was saved by someone else since the form loaded it, is refused.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Quote save(QuoteDraft draft) {
        if (draft.customerId() == null) {
            throw KeyuanException.onField("customerId", "validation.required");
        }
        LocalDate date = draft.date() == null ? today() : draft.date();
        LocalDate until = draft.validUntil() == null ? date.plusDays(DEFAULT_VALIDITY_DAYS) : draft.validUntil();
        if (until.isBefore(date)) {
            throw KeyuanException.onField("validUntil", "pricing.quote.error.valid-until");
        }
        String note = blankToNull(draft.note());
        if (note != null && note.length() > Quote.NOTE_LENGTH) {
            throw KeyuanException.onField("note", "error.too-long", Quote.NOTE_LENGTH);
        }
        Quote quote;
        if (draft.quoteId() == null) {
            quote = null;
        } else {
            quote = load(draft.quoteId());
            if (quote.getVersion() != draft.expectedVersion()) {
                throw new StaleEditException(quote.getUpdatedBy(), quote.getUpdatedAt());
            }
            if (quote.getStatus() != QuoteStatus.DRAFT) {
                throw new KeyuanException("pricing.quote.error.not-draft");
            }
            if (quote.getDealId() != null && quote.getCustomerId() != draft.customerId()) {
                throw KeyuanException.onField("customerId", "pricing.quote.error.customer-of-deal");
            }
        }
        QuoteSimulation simulation = simulate(QuoteRequest.forCustomer(draft.customerId(), date, draft.lines()));
        QuoteResult result = simulation.result();
        if (quote == null) {
            quote = new Quote();
            quote.setNumber(nextNumber(date.getYear()));
        } else {
            quote.getLines().clear();
            quotes.flush();
        }
        quote.setCustomerId(draft.customerId());
        quote.setTierId(result.context().tierId());
        quote.setProvince(result.context().province());
        quote.setCity(result.context().city());
        quote.setQuoteDate(date);
        quote.setValidUntil(until);
        quote.setNote(note);
        quote.setListTotal(money(result.listTotal()));
        quote.setBundleDiscount(money(result.bundleDiscount()));
        quote.setTotal(money(result.total()));
        quote.setCostTotal(money(result.costTotal()));
        Map<Long, String> bundleOf = new HashMap<>();
        for (BundleMatch m : result.bundles()) {
            for (Long productId : m.bundle().items().keySet()) {
                bundleOf.putIfAbsent(productId, m.bundle().code());
            }
        }
        for (LineQuote l : result.lines()) {
            QuoteLine line = new QuoteLine();
            line.setLineNo(l.lineNo());
            line.setProductId(l.product().productId());
            line.setQuantity(l.quantity());
            line.setListPrice(money(l.listPrice()));
            line.setUnitPrice(money(l.unitPrice()));
            line.setLineTotal(money(l.lineTotal()));
            line.setCost(money(l.cost()));
            line.setRuleCode(l.winner() == null ? null : l.winner().code());
            line.setRuleName(l.winner() == null ? null : l.winner().name());
            line.setBundleCode(bundleOf.get(l.product().productId()));
            line.setExplanation(QuoteExplanation.encode(l, QuoteLine.EXPLANATION_LENGTH));
            quote.addLine(line);
        }
        Quote saved = store(quote);
        followDeal(saved);
        return saved;
    }

    /**
     * The next number of the year, Q-2026-000123: the year's counter row is incremented under its row lock, held
     * until this transaction ends, so concurrent saves queue there and never share a number.
     */
    String nextNumber(int year) {
        MapSqlParameterSource p = new MapSqlParameterSource("y", year);
        String bump = "UPDATE quote_number_counter SET last_value = last_value + 1 WHERE year = :y";
        if (jdbc.update(bump, p) == 0) {
            jdbc.update("INSERT IGNORE INTO quote_number_counter (year, last_value) VALUES (:y, 0)", p);
            jdbc.update(bump, p);
        }
        Long n = jdbc.queryForObject("SELECT last_value FROM quote_number_counter WHERE year = :y", p, Long.class);
        return String.format(Locale.ROOT, "Q-%04d-%06d", year, n);
    }

    // ---- status ----

    @PreAuthorize(Roles.HAS_STAFF)
    public Quote markSent(long quoteId, long expectedVersion) {
        Quote q = loadForChange(quoteId, expectedVersion);
        refuseFinal(q);
        if (q.getStatus() == QuoteStatus.EXPIRED) {
            throw new KeyuanException("pricing.quote.error.expired");
        }
        q.setStatus(QuoteStatus.SENT);
        return store(q);
    }

    /** Accepts a draft or sent quote still valid today; an attached deal takes the quote's total. */
    @PreAuthorize(Roles.HAS_STAFF)
    public Quote accept(long quoteId, long expectedVersion) {
        Quote q = loadForChange(quoteId, expectedVersion);
        refuseFinal(q);
        if (q.getStatus() == QuoteStatus.EXPIRED || q.getValidUntil().isBefore(today())) {
            throw new KeyuanException("pricing.quote.error.expired");
        }
        q.setStatus(QuoteStatus.ACCEPTED);
        Quote saved = store(q);
        followDeal(saved);
        return saved;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public Quote expire(long quoteId, long expectedVersion) {
        Quote q = loadForChange(quoteId, expectedVersion);
        refuseFinal(q);
        if (q.getStatus() == QuoteStatus.EXPIRED) {
            throw new KeyuanException("pricing.quote.error.already-expired");
        }
        q.setStatus(QuoteStatus.EXPIRED);
        return store(q);
    }

    private static void refuseFinal(Quote q) {
        if (q.getStatus() == QuoteStatus.ACCEPTED) {
            throw new KeyuanException("pricing.quote.error.accepted-final");
        }
    }

    /** Draft and sent quotes whose last valid day is before today become EXPIRED; returns how many. */
    @PreAuthorize(Roles.HAS_STAFF)
    public int expireOverdue() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null ? io.keyuan.shared.SystemActor.NAME : auth.getName();
        return jdbc.update(
                """
                UPDATE quote SET status = 'EXPIRED', version = version + 1, updated_at = UTC_TIMESTAMP(6),
                                 updated_by = :user
                WHERE status IN ('DRAFT', 'SENT') AND valid_until < :today""", new MapSqlParameterSource().addValue("user", user).addValue("today", Date.valueOf(today())));
    }

    // ---- purchases ----

    /** {@link #recordPurchases(long, SalesChannel)} in the store channel. */
    @PreAuthorize(Roles.HAS_STAFF)
    public int recordPurchases(long quoteId) {
        return recordPurchases(quoteId, SalesChannel.STORE);
    }

    /**
     * Records each line of an accepted quote as a purchase of the customer, today, once: the amounts are the line
     * totals with the bundle discount spread over the bundle's lines, so that they sum to the quote's total.
     * Returns the number of purchases recorded.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public int recordPurchases(long quoteId, SalesChannel channel) {
        Quote q = load(quoteId);
        if (q.getStatus() != QuoteStatus.ACCEPTED) {
            throw new KeyuanException("pricing.quote.error.not-accepted");
        }
        if (q.getPurchasesRecordedAt() != null) {
            throw new KeyuanException("pricing.quote.error.purchases-recorded");
        }
        // the quote first: a second call waits on its row and then sees it recorded
        q.setPurchasesRecordedAt(clock.instant());
        store(q);
        List<BigDecimal> amounts = purchaseAmounts(q);
        Map<Long, QuotableProduct> products =
                products(q.getLines().stream().map(QuoteLine::getProductId).toList());
        LocalDate date = today();
        for (int i = 0; i < q.getLines().size(); i++) {
            QuoteLine line = q.getLines().get(i);
            QuotableProduct product = products.get(line.getProductId());
            String label = product == null ? String.valueOf(line.getProductId()) : product.label();
            if (label.length() > PURCHASE_PRODUCT_LENGTH) {
                label = label.substring(0, PURCHASE_PRODUCT_LENGTH);
            }
            customers.recordPurchase(new NewPurchase(
                    q.getCustomerId(),
                    date,
                    label,
                    line.getQuantity(),
                    amounts.get(i),
                    channel == null ? SalesChannel.STORE : channel));
        }
        return q.getLines().size();
    }

    /**
     * Each line's amount: its total less its share of the bundle discount, shared over the lines of a bundle (all
     * lines when none is marked) in proportion to their totals; the last such line takes the rounding rest, so the
     * amounts sum to the quote's total.
     */
    static List<BigDecimal> purchaseAmounts(Quote q) {
        List<QuoteLine> lines = q.getLines();
        List<BigDecimal> amounts = new ArrayList<>();
        lines.forEach(l -> amounts.add(l.getLineTotal()));
        BigDecimal discount = q.getBundleDiscount() == null ? BigDecimal.ZERO : q.getBundleDiscount();
        if (discount.signum() == 0) {
            return amounts;
        }
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).getBundleCode() != null) {
                shared.add(i);
            }
        }
        if (shared.isEmpty()) {
            for (int i = 0; i < lines.size(); i++) {
                shared.add(i);
            }
        }
        BigDecimal base =
                shared.stream().map(i -> lines.get(i).getLineTotal()).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (base.signum() == 0) {
            return amounts;
        }
        BigDecimal given = BigDecimal.ZERO;
        for (int k = 0; k < shared.size(); k++) {
            int i = shared.get(k);
            BigDecimal share = k == shared.size() - 1
                    ? discount.subtract(given)
                    : discount.multiply(lines.get(i).getLineTotal()).divide(base, 2, RoundingMode.HALF_UP);
            given = given.add(share);
            amounts.set(i, lines.get(i).getLineTotal().subtract(share));
        }
        return amounts;
    }

    // ---- deals ----

    /** Attaches the quote to one of its customer's deals; the deal's value follows the quote's total from now on. */
    @PreAuthorize(Roles.HAS_STAFF)
    public Quote attachToDeal(long quoteId, long dealId) {
        Quote q = load(quoteId);
        DealCard deal;
        try {
            deal = deals.card(dealId);
        } catch (NotFoundException e) {
            throw KeyuanException.onField("dealId", "pricing.quote.error.deal-missing");
        }
        if (deal.customerId() != q.getCustomerId()) {
            throw KeyuanException.onField("dealId", "pricing.quote.error.deal-other-customer");
        }
        q.setDealId(dealId);
        Quote saved = store(q);
        followDeal(saved);
        return saved;
    }

    /** The customer's deals a quote can be attached to, last changed first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<DealCard> dealsOf(long customerId) {
        return deals.ofCustomer(customerId, DealService.MAX_PAGE);
    }

    private void followDeal(Quote q) {
        if (q.getDealId() != null) {
            deals.followValue(q.getDealId(), q.getTotal());
        }
    }

    // ---- reading ----

    /** The quote with its lines. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Quote get(long quoteId) {
        return load(quoteId);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<QuoteRow> page(QuoteFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("bad page " + offset + "/" + limit);
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", Math.min(limit, MAX_PAGE))
                .addValue("offset", offset);
        String sql = """
                SELECT q.id, q.version, q.number, q.customer_id, c.name customer_name, q.quote_date, q.valid_until,
                       q.status, q.total, q.deal_id
                FROM quote q JOIN customer c ON c.id = q.customer_id WHERE 1 = 1""" + where(filter, p) + " ORDER BY q.quote_date DESC, q.id DESC LIMIT :limit OFFSET :offset";
        return jdbc.query(
                sql,
                p,
                (rs, i) -> new QuoteRow(
                        rs.getLong("id"),
                        rs.getLong("version"),
                        rs.getString("number"),
                        rs.getLong("customer_id"),
                        rs.getString("customer_name"),
                        rs.getObject("quote_date", LocalDate.class),
                        rs.getObject("valid_until", LocalDate.class),
                        QuoteStatus.valueOf(rs.getString("status")),
                        rs.getBigDecimal("total"),
                        rs.getObject("deal_id", Long.class)));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(QuoteFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM quote q WHERE 1 = 1" + where(filter, p), p, Long.class);
        return n == null ? 0 : n;
    }

    private static String where(QuoteFilter filter, MapSqlParameterSource p) {
        if (filter == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (filter.customerId() != null) {
            p.addValue("fCustomer", filter.customerId());
            sb.append(" AND q.customer_id = :fCustomer");
        }
        if (filter.status() != null) {
            p.addValue("fStatus", filter.status().name());
            sb.append(" AND q.status = :fStatus");
        }
        if (filter.from() != null) {
            p.addValue("fFrom", Date.valueOf(filter.from()));
            sb.append(" AND q.quote_date >= :fFrom");
        }
        if (filter.to() != null) {
            p.addValue("fTo", Date.valueOf(filter.to()));
            sb.append(" AND q.quote_date <= :fTo");
        }
        String number = blankToNull(filter.number());
        if (number != null) {
            p.addValue("fNumber", "%" + likeEscape(number) + "%");
            sb.append(" AND q.number LIKE :fNumber");
        }
        return sb.toString();
    }

    // ---- pickers ----

    /** Customers whose code or name starts with the text (the customer picker). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerRef> findCustomers(String text, int offset, int limit) {
        return customers.findRefs(text, offset, limit);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<CustomerRef> customer(long customerId) {
        return customers.ref(customerId);
    }

    /** Active products whose code or name starts with the text, by code (the product picker). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<QuotableProduct> findProducts(String text, int offset, int limit) {
        String t = blankToNull(text);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", Math.min(limit, MAX_PAGE))
                .addValue("offset", offset);
        String where = "";
        if (t != null) {
            p.addValue("prefix", likeEscape(t) + "%");
            where = " AND (code LIKE :prefix OR name LIKE :prefix)";
        }
        return jdbc.query(
                "SELECT id, code, name, unit, list_price FROM product WHERE active" + where
                        + " ORDER BY code, id LIMIT :limit OFFSET :offset",
                p,
                (rs, i) -> new QuotableProduct(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)));
    }

    /** The products by id (archived ones too, for saved lines). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Map<Long, QuotableProduct> products(Collection<Long> ids) {
        Map<Long, QuotableProduct> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(
                "SELECT id, code, name, unit, list_price FROM product WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", List.copyOf(new java.util.LinkedHashSet<>(ids))),
                rs -> {
                    found.put(
                            rs.getLong(1),
                            new QuotableProduct(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getBigDecimal(5)));
                });
        return found;
    }

    /** The tiers in priority order (the tier picker). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<TierChoice> tiers() {
        return jdbc.query(
                "SELECT id, code, name FROM price_tier ORDER BY priority, id",
                (rs, i) -> new TierChoice(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    private Optional<TierChoice> tier(long id) {
        return jdbc
                .query(
                        "SELECT id, code, name FROM price_tier WHERE id = :id",
                        new MapSqlParameterSource("id", id),
                        (rs, i) -> new TierChoice(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .stream()
                .findFirst();
    }

    // ---- the customer's workbook ----

    /**
     * The quote as the customer receives it, texts in {@code locale}: title, customer, number, dates, the lines
     * (product, quantity, list price, unit price, line total, bundle) and the totals. No cost and no margin.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public void exportWorkbook(long quoteId, Locale locale, OutputStream out) {
        workbook(quoteId, locale).write(out);
    }

    /** The file name of the quote's workbook. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public String workbookFileName(long quoteId) {
        return load(quoteId).getNumber() + ".xlsx";
    }

    DocumentWorkbook workbook(long quoteId, Locale locale) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        Quote q = load(quoteId);
        String customerName =
                customers.ref(q.getCustomerId()).map(CustomerRef::name).orElse("");
        Map<Long, QuotableProduct> products =
                products(q.getLines().stream().map(QuoteLine::getProductId).toList());
        List<DocumentWorkbook.Field> header = new ArrayList<>();
        header.add(new DocumentWorkbook.Field(t("pricing.quote.field.customer", lang), customerName));
        header.add(new DocumentWorkbook.Field(t("pricing.quote.field.number", lang), q.getNumber()));
        header.add(new DocumentWorkbook.Field(t("pricing.quote.field.date", lang), q.getQuoteDate()));
        header.add(new DocumentWorkbook.Field(t("pricing.quote.field.valid-until", lang), q.getValidUntil()));
        if (q.getNote() != null) {
            header.add(new DocumentWorkbook.Field(t("pricing.quote.field.note", lang), q.getNote()));
        }
        List<String> columns = List.of(
                t("pricing.quote.column.line", lang),
                t("pricing.quote.column.code", lang),
                t("pricing.quote.column.product", lang),
                t("pricing.quote.column.unit", lang),
                t("pricing.quote.column.quantity", lang),
                t("pricing.quote.column.list-price", lang),
                t("pricing.quote.column.unit-price", lang),
                t("pricing.quote.column.bundle", lang),
                t("pricing.quote.column.line-total", lang));
        List<List<Object>> rows = new ArrayList<>();
        for (QuoteLine l : q.getLines()) {
            QuotableProduct product = products.get(l.getProductId());
            List<Object> row = new ArrayList<>();
            row.add(l.getLineNo());
            row.add(product == null ? "" : product.code());
            row.add(product == null ? "" : product.name());
            row.add(product == null ? "" : product.unit());
            row.add(l.getQuantity());
            row.add(l.getListPrice());
            row.add(l.getUnitPrice());
            row.add(l.getBundleCode());
            row.add(l.getLineTotal());
            rows.add(row);
        }
        BigDecimal linesTotal =
                q.getLines().stream().map(QuoteLine::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<DocumentWorkbook.Field> totals = new ArrayList<>();
        totals.add(new DocumentWorkbook.Field(t("pricing.quote.total.list", lang), q.getListTotal()));
        totals.add(new DocumentWorkbook.Field(t("pricing.quote.total.lines", lang), linesTotal));
        if (q.getBundleDiscount().signum() != 0) {
            totals.add(new DocumentWorkbook.Field(
                    t("pricing.quote.total.bundle-discount", lang),
                    q.getBundleDiscount().negate()));
        }
        totals.add(new DocumentWorkbook.Field(t("pricing.quote.total.total", lang), q.getTotal()));
        return new DocumentWorkbook(
                q.getNumber(), t("pricing.quote.workbook.title", lang, q.getNumber()), header, columns, rows, totals);
    }

    private String t(String key, Locale locale, Object... args) {
        return i18n.getTranslation(key, locale, args);
    }

    // ---- helpers ----

    private Quote load(long quoteId) {
        return quotes.findWithLines(quoteId).orElseThrow(() -> new NotFoundException("quote", quoteId));
    }

    private Quote loadForChange(long quoteId, long expectedVersion) {
        Quote q = load(quoteId);
        if (q.getVersion() != expectedVersion) {
            throw new StaleEditException(q.getUpdatedBy(), q.getUpdatedAt());
        }
        return q;
    }

    private Quote store(Quote q) {
        try {
            return quotes.saveAndFlush(q);
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("quote", q.getId());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v.setScale(2, RoundingMode.HALF_UP);
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
