package io.keyuan.customer;

import io.keyuan.channel.ChannelService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.CustomerRepository;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.customer.domain.PurchaseRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers and their purchases. Staff keep the records; deleting a customer is for managers. The grid reads
 * with SQL that stays fast at a million rows: ids are paged over an index first (a deferred join), then only
 * that page's rows are read; counts are cached briefly so that scrolling does not recount.
 */
@Service
@Transactional
public class CustomerService {
    public static final int MAX_PAGE = 500;
    public static final LocalDate MIN_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    private static final long COUNT_TTL_MILLIS = 15_000;
    /** From this offset on, unfiltered pages start from a sampled position. */
    static final int DEEP_OFFSET = 10_000;

    private final CustomerRepository customers;
    private final io.keyuan.shared.db.StaleEdits staleEdits;
    private final PurchaseRepository purchases;
    private final io.keyuan.customer.domain.PurchaseReturnRepository purchaseReturns;
    private final CustomerMetricsService metrics;
    private final ChannelService channels;
    private final NamedParameterJdbcTemplate jdbc;
    private final Validator validator;
    private final Clock clock;
    private final Map<CustomerFilter, long[]> countCache = new ConcurrentHashMap<>();
    private final PositionSamples samples;
    private final List<CustomerReferences> references;
    private final org.springframework.context.ApplicationEventPublisher events;

    CustomerService(
            CustomerRepository customers,
            PurchaseRepository purchases,
            CustomerMetricsService metrics,
            ChannelService channels,
            NamedParameterJdbcTemplate jdbc,
            Validator validator,
            Clock clock,
            List<CustomerReferences> references,
            io.keyuan.shared.db.StaleEdits staleEdits,
            io.keyuan.customer.domain.PurchaseReturnRepository purchaseReturns,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.purchaseReturns = purchaseReturns;
        this.references = List.copyOf(references);
        this.staleEdits = staleEdits;
        this.customers = customers;
        this.purchases = purchases;
        this.metrics = metrics;
        this.channels = channels;
        this.jdbc = jdbc;
        this.validator = validator;
        this.clock = clock;
        this.samples = new PositionSamples(jdbc.getJdbcTemplate().getDataSource(), clock);
    }

    // ---- the grid ----

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerRow> page(CustomerFilter filter, CustomerSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("bad page " + offset + "/" + limit);
        }
        CustomerSort s = sort == null ? CustomerSort.newestFirst() : sort;
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        boolean metricsJoin = s.field().needsMetrics() || needsMetrics(filter);
        String order = orderBy(s);
        int skip = offset;
        if (where.isEmpty() && offset >= DEEP_OFFSET && PositionSamples.supports(s)) {
            // Deep in an unfiltered list: start from the nearest sampled position instead of counting
            // hundreds of thousands of index entries (see PositionSamples).
            PositionSamples.Anchor anchor = samples.anchor(s, offset);
            if (anchor != null) {
                where = " WHERE " + anchor.condition(s, params);
                skip = offset - anchor.position();
            }
        }
        params.addValue("limit", limit).addValue("offset", skip);
        String sql = "SELECT c.id, c.code, c.name, c.kind, c.gender, c.province, c.city, c.phone, c.email,"
                + " c.occupation, c.income, c.source_channel_id, c.owner_id, c.updated_at,"
                + " m.lifecycle, m.value_level, m.last_purchase, m.frequency, m.monetary"
                + " FROM (SELECT c.id FROM customer c"
                + (metricsJoin ? " LEFT JOIN customer_metrics m ON m.customer_id = c.id" : "")
                + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset) k"
                + " JOIN customer c ON c.id = k.id"
                + " LEFT JOIN customer_metrics m ON m.customer_id = c.id"
                + " ORDER BY " + order;
        return jdbc.query(sql, params, CustomerService::toRow);
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(CustomerFilter filter) {
        CustomerFilter key = filter == null ? CustomerFilter.none() : filter;
        long now = clock.millis();
        long[] cached = countCache.get(key);
        if (cached != null && now - cached[1] < COUNT_TTL_MILLIS) {
            return cached[0];
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(key, params);
        String sql = "SELECT COUNT(*) FROM customer c"
                + (needsMetrics(key) ? " LEFT JOIN customer_metrics m ON m.customer_id = c.id" : "") + where;
        Long n = jdbc.queryForObject(sql, params, Long.class);
        long value = n == null ? 0 : n;
        if (countCache.size() > 1_000) {
            countCache.clear();
        }
        countCache.put(key, new long[] {value, now});
        return value;
    }

    /** Drops the grid's counts and position samples, as after a restart. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public void forgetCaches() {
        countCache.clear();
        samples.clear();
    }

    /**
     * Drops the cached counts after a bulk change (an import, an undo) so that the grid shows it at once, and tells
     * listeners ({@link CustomersBulkChanged}, after this transaction commits).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public void bulkChanged() {
        countCache.clear();
        events.publishEvent(new CustomersBulkChanged("customer or purchase import"));
    }

    /** Whether deep pages of this order already start from sampled positions. */
    @PreAuthorize(Roles.HAS_STAFF)
    public boolean deepPagingReady(CustomerSort sort) {
        return samples.ready(sort);
    }

    /** The exact count, bypassing the grid's short-lived cache. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long exactCount(CustomerFilter filter) {
        countCache.remove(filter == null ? CustomerFilter.none() : filter);
        return count(filter);
    }

    /** The ORDER BY for a sort: whitelisted columns only, ties broken by id. */
    static String orderBy(CustomerSort s) {
        String dir = s.ascending() ? "ASC" : "DESC";
        return s.field() == CustomerSort.Field.ID ? "c.id " + dir : s.field().column() + " " + dir + ", c.id " + dir;
    }

    static boolean needsMetrics(CustomerFilter f) {
        return f != null && (f.lifecycle() != null || f.valueLevel() != null);
    }

    /** Builds the WHERE clause from whitelisted columns; every user value is a bound parameter. */
    static String where(CustomerFilter filter, MapSqlParameterSource p) {
        if (filter == null) {
            return "";
        }
        List<String> c = new ArrayList<>();
        String quick = trim(filter.quick());
        if (quick != null) {
            c.add(quickSearch(quick, p));
        }
        if (trim(filter.code()) != null) {
            p.addValue("code", likePrefix(trim(filter.code())));
            c.add("c.code LIKE :code");
        }
        if (trim(filter.name()) != null) {
            p.addValue("name", likePrefix(trim(filter.name())));
            c.add("c.name LIKE :name");
        }
        if (trim(filter.phone()) != null) {
            p.addValue("phone", likePrefix(trim(filter.phone())));
            c.add("c.phone LIKE :phone");
        }
        if (filter.kind() != null) {
            p.addValue("kind", filter.kind().name());
            c.add("c.kind = :kind");
        }
        if (trim(filter.province()) != null) {
            p.addValue("province", trim(filter.province()));
            c.add("c.province = :province");
        }
        if (trim(filter.city()) != null) {
            // The column shows "province city": the text matches either one as it is ("New York" too), and split at
            // its first space ("浙江 杭州") it matches the pair.
            String place = trim(filter.city());
            p.addValue("city", place);
            String[] pair = place.split("\\s+", 2);
            if (pair.length == 2) {
                p.addValue("pairProvince", pair[0]).addValue("pairCity", pair[1]);
                c.add("(c.city = :city OR c.province = :city OR (c.province = :pairProvince AND c.city = :pairCity))");
            } else {
                c.add("(c.city = :city OR c.province = :city)");
            }
        }
        if (filter.occupation() != null) {
            p.addValue("occupation", filter.occupation().name());
            c.add("c.occupation = :occupation");
        }
        if (filter.sourceChannelId() != null) {
            p.addValue("channel", filter.sourceChannelId());
            c.add("c.source_channel_id = :channel");
        }
        if (filter.ownerId() != null) {
            p.addValue("owner", filter.ownerId());
            c.add("c.owner_id = :owner");
        }
        if (filter.incomeMin() != null) {
            p.addValue("incomeMin", filter.incomeMin());
            c.add("c.income >= :incomeMin");
        }
        if (filter.incomeMax() != null) {
            p.addValue("incomeMax", filter.incomeMax());
            c.add("c.income <= :incomeMax");
        }
        if (filter.lifecycle() != null) {
            p.addValue("lifecycle", filter.lifecycle().name());
            c.add(
                    filter.lifecycle() == Lifecycle.POTENTIAL
                            ? "(m.lifecycle = :lifecycle OR m.lifecycle IS NULL)"
                            : "m.lifecycle = :lifecycle");
        }
        if (filter.valueLevel() != null) {
            p.addValue("valueLevel", filter.valueLevel().name());
            c.add(
                    filter.valueLevel() == ValueLevel.LOW
                            ? "(m.value_level = :valueLevel OR m.value_level IS NULL)"
                            : "m.value_level = :valueLevel");
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    /**
     * The quick search: the code, phone or e-mail exactly, or the name from its start; besides, by what the text
     * looks like — Chinese (or any non-Latin) text anywhere in the name; Latin letters the start of the name's
     * pinyin or of its initials (王芳 by "wangf" or "wf"); four or more digits the end of the phone (手机尾号, spaces
     * and dashes ignored). Every branch but "anywhere in the name" is an index range, so a search by pinyin or phone
     * tail stays an index merge at a million customers.
     */
    static String quickSearch(String quick, MapSqlParameterSource p) {
        p.addValue("quick", quick).addValue("quickPrefix", likePrefix(quick));
        List<String> any = new ArrayList<>(
                List.of("c.code = :quick", "c.phone = :quick", "c.email = :quick", "c.name LIKE :quickPrefix"));
        String digits = quick.replaceAll("[\\s\\-]", "");
        if (digits.length() >= 4 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            p.addValue(
                    "phoneTail", likePrefix(new StringBuilder(digits).reverse().toString()));
            any.add("c.phone_tail LIKE :phoneTail");
        }
        String letters = quick.replaceAll("[\\s']", "").toLowerCase(java.util.Locale.ROOT);
        if (!letters.isEmpty() && letters.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
            p.addValue("pinyin", likePrefix(letters));
            any.add("c.name_pinyin LIKE :pinyin");
            any.add("c.name_initials LIKE :pinyin");
        }
        if (quick.chars().anyMatch(ch -> ch >= 128)) {
            p.addValue("quickAnywhere", "%" + likePrefix(quick));
            any.add("c.name LIKE :quickAnywhere");
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String likePrefix(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static CustomerRow toRow(ResultSet rs, int i) throws SQLException {
        return new CustomerRow(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                enumOf(CustomerKind.class, rs.getString("kind")),
                enumOf(Gender.class, rs.getString("gender")),
                rs.getString("province"),
                rs.getString("city"),
                rs.getString("phone"),
                rs.getString("email"),
                enumOf(Occupation.class, rs.getString("occupation")),
                rs.getBigDecimal("income"),
                (Long) rs.getObject("source_channel_id", Long.class),
                (Long) rs.getObject("owner_id", Long.class),
                Optional.ofNullable(enumOf(Lifecycle.class, rs.getString("lifecycle")))
                        .orElse(Lifecycle.POTENTIAL),
                Optional.ofNullable(enumOf(ValueLevel.class, rs.getString("value_level")))
                        .orElse(ValueLevel.LOW),
                rs.getObject("last_purchase", LocalDate.class),
                rs.getInt("frequency"),
                Optional.ofNullable(rs.getBigDecimal("monetary")).orElse(BigDecimal.ZERO),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    // ---- one customer ----

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Customer get(long id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<CustomerRef> ref(long id) {
        return customers.findById(id).map(c -> new CustomerRef(c.getId(), c.getCode(), c.getName()));
    }

    /** The customer's province and city, for quotes priced by region. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<CustomerRegion> region(long id) {
        return customers.findById(id).map(c -> new CustomerRegion(c.getId(), c.getProvince(), c.getCity()));
    }

    /**
     * The staff user who owns the customer (empty when nobody does), for work another module opens for them (a
     * follow-up complaint); a customer that does not exist is refused.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<Long> ownerOf(long id) {
        return Optional.ofNullable(get(id).getOwnerId());
    }

    /** Several customers as links show them (a page of another module's list), in one query; missing ids are left out. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Map<Long, CustomerRef> refs(java.util.Collection<Long> ids) {
        Map<Long, CustomerRef> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(
                "SELECT id, code, name FROM customer WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids), rs -> {
                    found.put(rs.getLong(1), new CustomerRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
                });
        return found;
    }

    /** Where the customer came from, for records that start from it (a new deal takes the customer's channel). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<CustomerSource> source(long id) {
        return customers
                .findById(id)
                .map(c -> new CustomerSource(c.getId(), c.getSourceChannelId(), c.getAcquisitionMethod()));
    }

    /** Customers whose code or name starts with the text, for the referred-by picker. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerRef> findRefs(String text, int offset, int limit) {
        String t = trim(text);
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("limit", Math.min(limit, MAX_PAGE))
                .addValue("offset", offset);
        String sql;
        if (t == null) {
            sql = "SELECT id, code, name FROM customer ORDER BY id DESC LIMIT :limit OFFSET :offset";
        } else {
            p.addValue("prefix", likePrefix(t));
            sql = "SELECT id, code, name FROM (SELECT id, code, name FROM customer WHERE name LIKE :prefix"
                    + " UNION SELECT id, code, name FROM customer WHERE code LIKE :prefix) x"
                    + " ORDER BY name, id LIMIT :limit OFFSET :offset";
        }
        return jdbc.query(sql, p, (rs, i) -> new CustomerRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long referralCount(long customerId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM customer WHERE referred_by_id = :id", Map.of("id", customerId), Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Creates or updates a customer. Refuses invalid fields (naming the field), a code already in use, a
     * referral loop, and an update over a version someone else saved meanwhile.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Customer save(Customer edited) {
        normalize(edited);
        Customer stored = edited.isNew() ? null : get(edited.getId());
        edited.setPhone(
                ruled("phone", edited.getPhone(), stored == null ? null : stored.getPhone(), CustomerRules::phone));
        edited.setEmail(
                ruled("email", edited.getEmail(), stored == null ? null : stored.getEmail(), CustomerRules::email));
        validate(edited);
        if (edited.getCode() == null) {
            edited.setCode(nextCode());
        }
        boolean taken = edited.isNew()
                ? customers.existsByCode(edited.getCode())
                : customers.existsByCodeAndIdNot(edited.getCode(), edited.getId());
        if (taken) {
            throw KeyuanException.onField("code", "customer.error.code-taken", edited.getCode());
        }
        if (edited.getSourceChannelId() != null
                && channels.summary(edited.getSourceChannelId()).isEmpty()) {
            throw KeyuanException.onField("sourceChannelId", "customer.error.channel-missing");
        }
        if (edited.getReferredById() != null) {
            checkReferral(edited.getId(), edited.getReferredById());
        }
        Customer target;
        Long channelBefore = null;
        if (edited.isNew()) {
            target = new Customer();
        } else {
            target = get(edited.getId());
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
            channelBefore = target.getSourceChannelId();
        }
        copy(edited, target);
        try {
            Customer saved = customers.saveAndFlush(target);
            if (edited.isNew()) {
                metrics.refreshCustomer(saved.getId());
            }
            if (edited.isNew() || !java.util.Objects.equals(channelBefore, saved.getSourceChannelId())) {
                events.publishEvent(new CustomerChanged(saved.getId(), java.util.Set.of()));
            }
            countCache.clear();
            samples.expire();
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("customer", edited.getId());
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS, edited.getCode());
        }
    }

    /** The purchase table's constraints (V3, V14; order numbers come only from sheets) as the purchase form's fields and messages. */
    static final Map<String, ConstraintMessages.Meaning> PURCHASE_CONSTRAINTS = Map.of(
            "fk_purchase_customer", new ConstraintMessages.Meaning(null, "constraint.purchase-customer-gone"),
            "ck_purchase_quantity", new ConstraintMessages.Meaning("quantity", "rule.quantity"),
            "ck_purchase_amount", new ConstraintMessages.Meaning("amount", "validation.not-negative"));

    private static void checkRule(String field, Runnable rule) {
        try {
            rule.run();
        } catch (KeyuanException e) {
            throw KeyuanException.onField(field, e.messageKey(), e.args());
        }
    }

    /** The customer table's constraints (V3) as the form's fields and messages. */
    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "uk_customer_code", new ConstraintMessages.Meaning("code", "customer.error.code-taken"),
            "fk_customer_channel", new ConstraintMessages.Meaning("sourceChannelId", "constraint.channel-gone"),
            "fk_customer_referred_by",
                    new ConstraintMessages.Meaning("referredById", "constraint.customer-referrer-gone"),
            "ck_customer_kind", new ConstraintMessages.Meaning("kind", "constraint.customer-kind"),
            "ck_customer_income", new ConstraintMessages.Meaning("income", "validation.not-negative"));

    /** What deleting the customer would take (purchases) and touch (referrals), and what prevents it. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public DeletionImpact deletionImpact(long id) {
        get(id);
        List<DeletionImpact.Blocker> blockers = new ArrayList<>();
        for (CustomerReferences refs : references) {
            long n = refs.count(id);
            if (n > 0) {
                blockers.add(new DeletionImpact.Blocker(refs.countKey(), n));
            }
        }
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        Long bought = jdbc.queryForObject("SELECT COUNT(*) FROM purchase WHERE customer_id = :id", p, Long.class);
        Long referred = jdbc.queryForObject("SELECT COUNT(*) FROM customer WHERE referred_by_id = :id", p, Long.class);
        return new DeletionImpact(bought == null ? 0 : bought, referred == null ? 0 : referred, blockers);
    }

    /**
     * Deletes a customer and its purchases, as the confirmation showed them: refused while other modules' records
     * (deals) refer to it, and when purchases were recorded since the confirmation counted them — a delete never
     * takes work it did not show. Customers it referred keep their records and lose the link.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion, long expectedPurchases) {
        // Locked first: a purchase or a deal recorded for this customer now waits, then finds it gone.
        jdbc.queryForList("SELECT id FROM customer WHERE id = :id FOR UPDATE", Map.of("id", id), Long.class);
        Customer c = get(id);
        if (c.getVersion() != expectedVersion) {
            throw new StaleEditException(c.getUpdatedBy(), c.getUpdatedAt());
        }
        DeletionImpact impact = deletionImpact(id);
        if (impact.blocked()) {
            throw new KeyuanException("customer.error.delete-referenced", c.getName());
        }
        if (impact.purchases() != expectedPurchases) {
            throw new KeyuanException(
                    "customer.error.delete-purchases-changed", c.getName(), expectedPurchases, impact.purchases());
        }
        java.util.Set<java.time.YearMonth> months = new java.util.HashSet<>();
        jdbc.query(
                "SELECT DISTINCT YEAR(purchase_date) y, MONTH(purchase_date) m FROM purchase WHERE customer_id = :id",
                Map.of("id", id),
                rs -> {
                    months.add(java.time.YearMonth.of(rs.getInt("y"), rs.getInt("m")));
                });
        // A purchase's returns are part of its history, which the confirmation counted as the purchases.
        jdbc.update("DELETE FROM purchase_return WHERE customer_id = :id", Map.of("id", id));
        jdbc.update("DELETE FROM purchase WHERE customer_id = :id", Map.of("id", id));
        customers.delete(c);
        customers.flush();
        countCache.clear();
        samples.expire();
        events.publishEvent(new CustomerChanged(id, months));
    }

    private void checkReferral(Long selfId, long referredById) {
        if (selfId != null && selfId == referredById) {
            throw KeyuanException.onField("referredById", "customer.error.referral-self");
        }
        // The whole chain of referrers in one recursive query (bounded, so an old loop cannot run forever).
        List<Long> chain = jdbc.queryForList("""
                WITH RECURSIVE chain (id, referred_by_id, depth) AS (
                    SELECT id, referred_by_id, 0 FROM customer WHERE id = :start
                    UNION ALL
                    SELECT c.id, c.referred_by_id, chain.depth + 1
                    FROM customer c JOIN chain ON c.id = chain.referred_by_id
                    WHERE chain.depth < 100)
                SELECT id FROM chain
                """, Map.of("start", referredById), Long.class);
        if (chain.isEmpty()) {
            throw KeyuanException.onField("referredById", "customer.error.referral-missing");
        }
        if (selfId != null && chain.contains(selfId)) {
            throw KeyuanException.onField("referredById", "customer.error.referral-loop");
        }
    }

    private String nextCode() {
        Long max = jdbc.getJdbcTemplate().queryForObject("SELECT COALESCE(MAX(id), 0) + 1 FROM customer", Long.class);
        long n = max == null ? 1 : max;
        String code;
        do {
            code = String.format("C%08d", n++);
        } while (customers.existsByCode(code));
        return code;
    }

    private void normalize(Customer c) {
        c.setCode(trim(c.getCode()));
        c.setName(c.getName() == null ? null : c.getName().strip());
        c.setProvince(trim(c.getProvince()));
        c.setCity(trim(c.getCity()));
        c.setPhone(trim(c.getPhone()));
        c.setEmail(trim(c.getEmail()));
        c.setTags(trim(c.getTags()));
        c.setNotes(trim(c.getNotes()));
    }

    /**
     * A new or changed value through its field rule (the one the sheet applies); a stored value from before the
     * rule is kept as it is.
     */
    private static String ruled(
            String field, String value, String stored, java.util.function.UnaryOperator<String> rule) {
        if (value == null || value.equals(stored)) {
            return value;
        }
        try {
            return rule.apply(value);
        } catch (io.keyuan.exchange.CellRule.Refused e) {
            throw KeyuanException.onField(field, e.messageKey(), e.args());
        }
    }

    private void validate(Customer c) {
        List<ConstraintViolation<Customer>> violations = new ArrayList<>(validator.validate(c));
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            ConstraintViolation<Customer> v = violations.getFirst();
            throw KeyuanException.onField(
                    v.getPropertyPath().toString(),
                    "error.invalid-field-detail",
                    v.getPropertyPath().toString(),
                    v.getMessage());
        }
        if (c.getBirthDate() != null && c.getBirthDate().isBefore(MIN_BIRTH_DATE)) {
            throw KeyuanException.onField("birthDate", "customer.error.birth-date-too-early");
        }
    }

    private static void copy(Customer from, Customer to) {
        to.setCode(from.getCode());
        to.setName(from.getName());
        to.setKind(from.getKind());
        to.setGender(from.getGender());
        to.setBirthDate(from.getBirthDate());
        to.setOccupation(from.getOccupation());
        to.setIncome(from.getIncome());
        to.setProvince(from.getProvince());
        to.setCity(from.getCity());
        to.setPhone(from.getPhone());
        to.setEmail(from.getEmail());
        to.setSourceChannelId(from.getSourceChannelId());
        to.setAcquisitionMethod(from.getAcquisitionMethod());
        to.setReferredById(from.getReferredById());
        to.setNeedType(from.getNeedType());
        to.setPurchaseStyle(from.getPurchaseStyle());
        to.setLoyalty(from.getLoyalty());
        to.setTags(from.getTags());
        to.setNotes(from.getNotes());
        to.setOwnerId(from.getOwnerId());
    }

    // ---- purchases ----

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<Purchase> purchases(long customerId, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        int size = Math.min(limit, MAX_PAGE);
        // Vaadin asks for pages aligned to its page size; Spring's PageRequest wants a page index.
        return purchases.findByCustomerIdOrderByPurchaseDateDescIdDesc(customerId, PageRequest.of(offset / size, size));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long purchaseCount(long customerId) {
        return purchases.countByCustomerId(customerId);
    }

    /** A purchase as other modules link one (feedback about it), if it exists. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<PurchaseRef> purchaseRef(long purchaseId) {
        return purchases.findById(purchaseId).map(CustomerService::purchaseRef);
    }

    /** The customer's purchases, newest first, as other modules' pickers show them. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<PurchaseRef> purchaseRefs(long customerId, int offset, int limit) {
        return purchases(customerId, offset, limit).stream()
                .map(CustomerService::purchaseRef)
                .toList();
    }

    private static PurchaseRef purchaseRef(Purchase p) {
        return new PurchaseRef(
                p.getId(), p.getCustomerId(), p.getPurchaseDate(), p.getProduct(), p.getQuantity(), p.getAmount());
    }

    /** Records a purchase and recomputes the customer's figures in the same transaction. */
    @PreAuthorize(Roles.HAS_STAFF)
    public Purchase addPurchase(long customerId, Purchase purchase) {
        get(customerId);
        if (purchase.getProduct() != null) {
            purchase.setProduct(purchase.getProduct().strip());
        }
        var violations = validator.validate(purchase);
        if (!violations.isEmpty()) {
            var v = violations.iterator().next();
            throw KeyuanException.onField(
                    v.getPropertyPath().toString(),
                    "error.invalid-field-detail",
                    v.getPropertyPath().toString(),
                    v.getMessage());
        }
        if (purchase.getPurchaseDate().isAfter(LocalDate.now(clock))) {
            throw KeyuanException.onField("purchaseDate", "purchase.error.future");
        }
        checkRule("quantity", () -> PurchaseRules.quantity(purchase.getQuantity()));
        checkRule("amount", () -> io.keyuan.shared.Amounts.money(purchase.getAmount()));
        Purchase p = new Purchase();
        p.setCustomerId(customerId);
        p.setPurchaseDate(purchase.getPurchaseDate());
        p.setProduct(purchase.getProduct());
        p.setQuantity(purchase.getQuantity());
        p.setAmount(purchase.getAmount());
        p.setChannel(purchase.getChannel());
        Purchase saved;
        try {
            saved = purchases.saveAndFlush(p);
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, PURCHASE_CONSTRAINTS, purchase.getQuantity(), Purchase.MAX_QUANTITY);
        }
        metrics.refreshCustomer(customerId);
        events.publishEvent(
                new CustomerChanged(customerId, java.util.Set.of(java.time.YearMonth.from(saved.getPurchaseDate()))));
        return saved;
    }

    /** Records a purchase another module describes (a won deal), with the same checks; returns its id. */
    @PreAuthorize(Roles.HAS_STAFF)
    public long recordPurchase(NewPurchase purchase) {
        Purchase p = new Purchase();
        p.setPurchaseDate(purchase.date());
        p.setProduct(purchase.product());
        p.setQuantity(purchase.quantity());
        p.setAmount(purchase.amount());
        p.setChannel(purchase.channel());
        return addPurchase(purchase.customerId(), p).getId();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public void deletePurchase(long purchaseId) {
        Purchase p = purchases.findById(purchaseId).orElseThrow(() -> new NotFoundException("purchase", purchaseId));
        // Returns are later work on the purchase: it goes only once they are gone (removed one by one).
        long returned = purchaseReturns.countByPurchaseId(purchaseId);
        if (returned > 0) {
            throw new KeyuanException("purchase.error.delete-has-returns", p.getProduct(), returned);
        }
        purchases.delete(p);
        purchases.flush();
        metrics.refreshCustomer(p.getCustomerId());
        events.publishEvent(new CustomerChanged(
                p.getCustomerId(), java.util.Set.of(java.time.YearMonth.from(p.getPurchaseDate()))));
    }
}
