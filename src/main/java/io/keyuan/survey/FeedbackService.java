package io.keyuan.survey;

import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.PurchaseRef;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.db.StaleEdits;
import io.keyuan.survey.domain.Feedback;
import io.keyuan.survey.domain.FeedbackHistory;
import io.keyuan.survey.domain.FeedbackHistoryRepository;
import io.keyuan.survey.domain.FeedbackRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Complaints and suggestions (投诉与建议): staff (and everyone above them) open, work and comment feedback about a
 * customer. Every change and comment is kept in the item's history with who and when; moves follow
 * {@link FeedbackStatus}; an edit over a version someone else saved is refused. A detractor's survey response opens a
 * follow-up complaint for the customer's owner ({@link #openFollowUp}).
 */
@Service
@Transactional
public class FeedbackService {
    public static final int MAX_PAGE = 500;

    /** The feedback table's constraints (V52) as the form's fields and messages. */
    static final Map<String, ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "uk_feedback_response", new ConstraintMessages.Meaning(null, "feedback.error.response-taken"),
            "fk_feedback_customer", new ConstraintMessages.Meaning("customerId", "feedback.error.customer-missing"));

    private final FeedbackRepository items;
    private final FeedbackHistoryRepository history;
    private final CustomerService customers;
    private final UserDirectory users;
    private final NamedParameterJdbcTemplate jdbc;
    private final StaleEdits staleEdits;
    private final Clock clock;
    private final int followUpDays;

    FeedbackService(
            FeedbackRepository items,
            FeedbackHistoryRepository history,
            CustomerService customers,
            UserDirectory users,
            NamedParameterJdbcTemplate jdbc,
            StaleEdits staleEdits,
            Clock clock,
            @Value("${keyuan.feedback.follow-up-days:3}") int followUpDays) {
        if (followUpDays < 0) {
            throw new IllegalArgumentException("keyuan.feedback.follow-up-days must not be negative: " + followUpDays);
        }
        this.items = items;
        this.history = history;
        this.customers = customers;
        this.users = users;
        this.jdbc = jdbc;
        this.staleEdits = staleEdits;
        this.clock = clock;
        this.followUpDays = followUpDays;
    }

    // ---- opening ----

    /**
     * Opens a feedback item. Refused, naming the field: no kind, category, severity or title; a title or description
     * too long; a customer that does not exist; an owner who is not an active user; a due date before today; a
     * purchase of another customer; a survey response that already has its complaint.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public FeedbackDetail create(NewFeedback n) {
        required("kind", n.kind());
        required("category", n.category());
        required("severity", n.severity());
        String title = title(n.title());
        String description = description(n.description());
        if (n.customerId() == null) {
            throw KeyuanException.onField("customerId", "validation.required");
        }
        if (customers.ref(n.customerId()).isEmpty()) {
            throw KeyuanException.onField("customerId", "feedback.error.customer-missing");
        }
        checkOwner(n.ownerId());
        checkDueDate(n.dueDate());
        checkPurchase(n.purchaseId(), n.customerId());
        if (n.responseId() != null && items.findByResponseId(n.responseId()).isPresent()) {
            throw new KeyuanException("feedback.error.response-taken");
        }
        Feedback f = new Feedback();
        f.setKind(n.kind());
        f.setCategory(n.category());
        f.setSeverity(n.severity());
        f.setStatus(FeedbackStatus.OPEN);
        f.setTitle(title);
        f.setDescription(description);
        f.setCustomerId(n.customerId());
        f.setOwnerId(n.ownerId());
        f.setDueDate(n.dueDate());
        f.setPurchaseId(n.purchaseId());
        f.setResponseId(n.responseId());
        Feedback saved;
        try {
            saved = items.saveAndFlush(f);
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS);
        }
        record(saved.getId(), FeedbackChange.CREATED, null, FeedbackStatus.OPEN.name(), null);
        return detail(saved);
    }

    /**
     * The follow-up of a detractor's response (NPS 0–6): a complaint for the customer's owner (unassigned when the
     * customer has none, or the owner can no longer sign in), with the score in its description, linked to the
     * response and due in {@code keyuan.feedback.follow-up-days} days. Nothing for a promoter, a passive, an
     * anonymous response, a customer gone meanwhile, or a response that has its complaint already — so a response
     * delivered twice opens one complaint. Its own transaction: a refused duplicate never spoils the caller's.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<FeedbackDetail> openFollowUp(ResponseRecorded response) {
        if (!response.detractor() || response.customerId() == null) {
            return Optional.empty();
        }
        if (items.findByResponseId(response.responseId()).isPresent()) {
            return Optional.empty();
        }
        Optional<CustomerRef> customer = customers.ref(response.customerId());
        if (customer.isEmpty()) {
            return Optional.empty();
        }
        Long owner = customers
                .ownerOf(response.customerId())
                .filter(id -> users.activeUsers().stream().anyMatch(u -> u.id() == id))
                .orElse(null);
        int score = response.npsScore();
        FeedbackSeverity severity = score <= 3 ? FeedbackSeverity.HIGH : FeedbackSeverity.MEDIUM;
        return Optional.of(create(new NewFeedback(
                FeedbackKind.COMPLAINT,
                FeedbackCategory.OTHER,
                severity,
                storedText("feedback.follow-up.title", score, customer.get().name()),
                storedText(
                        "feedback.follow-up.description",
                        score,
                        String.valueOf(response.surveyId()),
                        String.valueOf(response.campaignId()),
                        String.valueOf(response.responseId())),
                response.customerId(),
                owner,
                today().plusDays(followUpDays),
                null,
                response.responseId())));
    }

    /** How many days a detractor's follow-up complaint is given. */
    @PreAuthorize(Roles.HAS_STAFF)
    public int followUpDays() {
        return followUpDays;
    }

    // ---- reading ----

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public FeedbackDetail get(long id) {
        return detail(find(id));
    }

    /** The feedback complaint a survey response opened, if any. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<FeedbackDetail> ofResponse(long responseId) {
        return items.findByResponseId(responseId).map(this::detail);
    }

    /** A page of the list, newest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<FeedbackRow> page(FeedbackFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("bad page " + offset + "/" + limit);
        }
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(filter, p);
        p.addValue("today", today()).addValue("limit", limit).addValue("offset", offset);
        List<FeedbackRow> rows = jdbc.query(
                "SELECT f.id, f.kind, f.category, f.severity, f.status, f.title, f.customer_id, f.owner_id,"
                        + " f.due_date, f.created_at,"
                        + " (f.status IN ('OPEN', 'IN_PROGRESS') AND f.due_date < :today) AS overdue"
                        + " FROM feedback f" + where + " ORDER BY f.id DESC LIMIT :limit OFFSET :offset",
                p,
                FeedbackService::row);
        Set<Long> customerIds = new LinkedHashSet<>();
        rows.forEach(r -> customerIds.add(r.customerId()));
        Map<Long, CustomerRef> names = customers.refs(customerIds);
        return rows.stream()
                .map(r -> new FeedbackRow(
                        r.id(),
                        r.kind(),
                        r.category(),
                        r.severity(),
                        r.status(),
                        r.title(),
                        r.customerId(),
                        Optional.ofNullable(names.get(r.customerId()))
                                .map(CustomerRef::name)
                                .orElse(""),
                        r.ownerId(),
                        r.dueDate(),
                        r.overdue(),
                        r.createdAt()))
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(FeedbackFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(filter, p);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM feedback f" + where, p, Long.class);
        return n == null ? 0 : n;
    }

    /** The item's timeline, oldest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<FeedbackHistoryEntry> history(long id) {
        find(id);
        return history.findByFeedbackIdOrderByIdAsc(id).stream()
                .map(h -> new FeedbackHistoryEntry(
                        h.getId(),
                        h.getChange(),
                        h.getOldValue(),
                        h.getNewValue(),
                        h.getNote(),
                        h.getActor(),
                        h.getChangedAt()))
                .toList();
    }

    // ---- working ----

    /**
     * Moves the item to {@code target}, over the version the caller loaded. Only the next step is allowed (see
     * {@link FeedbackStatus#next()}); reopening needs a reason ({@code note}); other moves may carry a note.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public FeedbackDetail move(long id, long version, FeedbackStatus target, String note) {
        required("status", target);
        Feedback f = find(id);
        checkVersion(f, version);
        FeedbackStatus from = f.getStatus();
        if (!from.canMoveTo(target)) {
            throw KeyuanException.onField("status", "feedback.error.transition." + from.name());
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        boolean reopening = from.reopensTo(target);
        if (reopening && text == null) {
            throw KeyuanException.onField("note", "feedback.error.reopen-reason");
        }
        if (text != null && text.length() > Feedback.TEXT_LENGTH) {
            throw KeyuanException.onField("note", "error.too-long", Feedback.TEXT_LENGTH);
        }
        f.setStatus(target);
        Feedback saved = save(f);
        record(id, reopening ? FeedbackChange.REOPENED : FeedbackChange.STATUS, from.name(), target.name(), text);
        return detail(saved);
    }

    /**
     * Changes category, severity, owner, due date, title and description at once, over the version the editor
     * loaded; each changed field is one history entry. The same checks as when opening; an unchanged past due date
     * is kept.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public FeedbackDetail update(long id, FeedbackEdit edit) {
        Feedback f = find(id);
        checkVersion(f, edit.version());
        required("category", edit.category());
        required("severity", edit.severity());
        String title = title(edit.title());
        String description = description(edit.description());
        if (!Objects.equals(edit.ownerId(), f.getOwnerId())) {
            checkOwner(edit.ownerId());
        }
        if (!Objects.equals(edit.dueDate(), f.getDueDate())) {
            checkDueDate(edit.dueDate());
        }
        List<Object[]> changes = new ArrayList<>();
        if (edit.category() != f.getCategory()) {
            changes.add(change(
                    FeedbackChange.CATEGORY,
                    f.getCategory().name(),
                    edit.category().name()));
            f.setCategory(edit.category());
        }
        if (edit.severity() != f.getSeverity()) {
            changes.add(change(
                    FeedbackChange.SEVERITY,
                    f.getSeverity().name(),
                    edit.severity().name()));
            f.setSeverity(edit.severity());
        }
        if (!Objects.equals(edit.ownerId(), f.getOwnerId())) {
            changes.add(change(FeedbackChange.OWNER, text(f.getOwnerId()), text(edit.ownerId())));
            f.setOwnerId(edit.ownerId());
        }
        if (!Objects.equals(edit.dueDate(), f.getDueDate())) {
            changes.add(change(FeedbackChange.DUE_DATE, text(f.getDueDate()), text(edit.dueDate())));
            f.setDueDate(edit.dueDate());
        }
        if (!title.equals(f.getTitle()) || !Objects.equals(description, f.getDescription())) {
            changes.add(change(FeedbackChange.DETAILS, f.getTitle(), title));
            f.setTitle(title);
            f.setDescription(description);
        }
        if (changes.isEmpty()) {
            return detail(f);
        }
        Feedback saved = save(f);
        for (Object[] c : changes) {
            record(id, (FeedbackChange) c[0], (String) c[1], (String) c[2], null);
        }
        return detail(saved);
    }

    /** Adds a comment to the item's timeline; comments are only ever added, so they need no version. */
    @PreAuthorize(Roles.HAS_STAFF)
    public FeedbackHistoryEntry comment(long id, String text) {
        find(id);
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw KeyuanException.onField("comment", "validation.required");
        }
        if (t.length() > Feedback.TEXT_LENGTH) {
            throw KeyuanException.onField("comment", "error.too-long", Feedback.TEXT_LENGTH);
        }
        FeedbackHistory h = record(id, FeedbackChange.COMMENT, null, null, t);
        return new FeedbackHistoryEntry(
                h.getId(), h.getChange(), null, null, h.getNote(), h.getActor(), h.getChangedAt());
    }

    /** How many feedback items a customer has, for the customer page and the customer-delete check. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long countOfCustomer(long customerId) {
        return count(FeedbackFilter.ofCustomer(customerId));
    }

    /**
     * The signed-in user's open items, overdue and due today, in one read of the owner's index range
     * ({@code ix_feedback_owner_status}).
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public FeedbackWork myWork() {
        Optional<UserRef> me = users.current();
        if (me.isEmpty()) {
            return FeedbackWork.NONE;
        }
        return jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(f.due_date < :today), 0), COALESCE(SUM(f.due_date = :today), 0)"
                        + " FROM feedback f WHERE f.owner_id = :owner AND f.status IN ('OPEN', 'IN_PROGRESS')",
                new MapSqlParameterSource("owner", me.get().id()).addValue("today", today()),
                (rs, i) -> new FeedbackWork(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    // ---- internals ----

    private Feedback find(long id) {
        return items.findById(id).orElseThrow(() -> new NotFoundException("feedback", id));
    }

    private void checkVersion(Feedback f, long version) {
        if (f.getVersion() != version) {
            throw new StaleEditException(f.getUpdatedBy(), f.getUpdatedAt());
        }
    }

    private Feedback save(Feedback f) {
        try {
            return items.saveAndFlush(f);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("feedback", f.getId());
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, CONSTRAINTS);
        }
    }

    private FeedbackHistory record(
            long feedbackId, FeedbackChange change, String oldValue, String newValue, String note) {
        return history.save(
                new FeedbackHistory(feedbackId, change, oldValue, newValue, note, actor(), clock.instant()));
    }

    private static Object[] change(FeedbackChange change, String oldValue, String newValue) {
        return new Object[] {change, oldValue, newValue};
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "?" : auth.getName();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BusinessTime.ZONE);
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw KeyuanException.onField(field, "validation.required");
        }
    }

    private static String title(String value) {
        String t = value == null ? "" : value.strip();
        if (t.isEmpty()) {
            throw KeyuanException.onField("title", "validation.required");
        }
        if (t.length() > Feedback.TITLE_LENGTH) {
            throw KeyuanException.onField("title", "error.too-long", Feedback.TITLE_LENGTH);
        }
        return t;
    }

    private static String description(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String d = value.strip();
        if (d.length() > Feedback.TEXT_LENGTH) {
            throw KeyuanException.onField("description", "error.too-long", Feedback.TEXT_LENGTH);
        }
        return d;
    }

    private void checkOwner(Long ownerId) {
        if (ownerId != null && users.activeUsers().stream().noneMatch(u -> u.id() == ownerId)) {
            throw KeyuanException.onField("ownerId", "feedback.error.owner-unknown");
        }
    }

    private void checkDueDate(LocalDate dueDate) {
        if (dueDate != null && dueDate.isBefore(today())) {
            throw KeyuanException.onField("dueDate", "feedback.error.due-past");
        }
    }

    private void checkPurchase(Long purchaseId, long customerId) {
        if (purchaseId == null) {
            return;
        }
        Optional<PurchaseRef> purchase = customers.purchaseRef(purchaseId);
        if (purchase.isEmpty() || purchase.get().customerId() != customerId) {
            throw KeyuanException.onField("purchaseId", "feedback.error.purchase-other-customer");
        }
    }

    private FeedbackDetail detail(Feedback f) {
        return new FeedbackDetail(
                f.getId(),
                f.getVersion(),
                f.getKind(),
                f.getCategory(),
                f.getSeverity(),
                f.getStatus(),
                f.getTitle(),
                f.getDescription(),
                f.getCustomerId(),
                f.getOwnerId(),
                f.getDueDate(),
                f.getPurchaseId(),
                f.getResponseId(),
                f.getStatus().open() && f.getDueDate() != null && f.getDueDate().isBefore(today()),
                f.getCreatedBy(),
                f.getCreatedAt(),
                f.getUpdatedBy(),
                f.getUpdatedAt());
    }

    /** Builds the WHERE clause; every value is a bound parameter. */
    private String where(FeedbackFilter filter, MapSqlParameterSource p) {
        FeedbackFilter f = filter == null ? FeedbackFilter.none() : filter;
        List<String> c = new ArrayList<>();
        if (f.kind() != null) {
            p.addValue("kind", f.kind().name());
            c.add("f.kind = :kind");
        }
        if (f.status() != null) {
            p.addValue("status", f.status().name());
            c.add("f.status = :status");
        }
        if (f.severity() != null) {
            p.addValue("severity", f.severity().name());
            c.add("f.severity = :severity");
        }
        if (f.mine()) {
            Optional<UserRef> me = users.current();
            if (me.isEmpty()) {
                c.add("1 = 0");
            } else {
                p.addValue("owner", me.get().id());
                c.add("f.owner_id = :owner");
            }
        } else if (f.ownerId() != null) {
            p.addValue("owner", f.ownerId());
            c.add("f.owner_id = :owner");
        }
        if (f.overdueOnly()) {
            p.addValue("today", today());
            c.add("f.status IN ('OPEN', 'IN_PROGRESS') AND f.due_date < :today");
        }
        if (f.customerId() != null) {
            p.addValue("customer", f.customerId());
            c.add("f.customer_id = :customer");
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    private static FeedbackRow row(ResultSet rs, int i) throws SQLException {
        return new FeedbackRow(
                rs.getLong("id"),
                FeedbackKind.valueOf(rs.getString("kind")),
                FeedbackCategory.valueOf(rs.getString("category")),
                FeedbackSeverity.valueOf(rs.getString("severity")),
                FeedbackStatus.valueOf(rs.getString("status")),
                rs.getString("title"),
                rs.getLong("customer_id"),
                null,
                rs.getObject("owner_id", Long.class),
                rs.getObject("due_date", LocalDate.class),
                rs.getBoolean("overdue"),
                // written with hibernate.jdbc.time_zone=UTC
                rs.getTimestamp("created_at").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * A text the system writes into a record (a follow-up's title and description) is stored once, in the company's
     * default language (Simplified Chinese), as a person typing it would have.
     */
    private static String storedText(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(
                "i18n.messages",
                java.util.Locale.SIMPLIFIED_CHINESE,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), java.util.Locale.SIMPLIFIED_CHINESE).format(args);
    }
}
