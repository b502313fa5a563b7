package io.keyuan.pipeline;

import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.CustomerSource;
import io.keyuan.customer.NewPurchase;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.pipeline.domain.DealContact;
import io.keyuan.pipeline.domain.DealRepository;
import io.keyuan.pipeline.domain.Pipeline;
import io.keyuan.pipeline.domain.PipelineRepository;
import io.keyuan.pipeline.domain.PipelineStage;
import io.keyuan.pipeline.domain.PipelineStageRepository;
import io.keyuan.security.UserDirectory;
import io.keyuan.security.UserRef;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deals: staff open, edit and move them through their pipeline's stages. A move names the version the mover saw;
 * the deal's row is locked while the move is checked, so of two people moving the same deal at once one wins and
 * the other is refused with the deal's current stage. Every stage change is kept. The board reads per-stage totals
 * with SQL aggregates and only the first cards of each column.
 */
@Service
@Transactional
public class DealService {
    public static final int MAX_PAGE = 200;

    private final DealRepository deals;
    private final io.keyuan.shared.db.StaleEdits staleEdits;
    private final PipelineRepository pipelines;
    private final PipelineStageRepository stages;
    private final CustomerService customers;
    private final ChannelService channels;
    private final UserDirectory users;
    private final NamedParameterJdbcTemplate jdbc;
    private final Validator validator;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    /** The deal table's constraints (V20, V21) as the deal form's fields and messages. */
    static final Map<String, io.keyuan.shared.db.ConstraintMessages.Meaning> CONSTRAINTS = Map.of(
            "fk_deal_pipeline",
                    new io.keyuan.shared.db.ConstraintMessages.Meaning(null, "constraint.deal-pipeline-gone"),
            "fk_deal_stage",
                    new io.keyuan.shared.db.ConstraintMessages.Meaning("stageId", "constraint.deal-stage-gone"),
            "fk_deal_customer",
                    new io.keyuan.shared.db.ConstraintMessages.Meaning("customerId", "constraint.deal-customer-gone"),
            "fk_deal_channel",
                    new io.keyuan.shared.db.ConstraintMessages.Meaning("channelId", "constraint.channel-gone"),
            "ck_deal_value", new io.keyuan.shared.db.ConstraintMessages.Meaning("value", "validation.not-negative"));

    DealService(
            DealRepository deals,
            PipelineRepository pipelines,
            PipelineStageRepository stages,
            CustomerService customers,
            ChannelService channels,
            UserDirectory users,
            NamedParameterJdbcTemplate jdbc,
            Validator validator,
            Clock clock,
            io.keyuan.shared.db.StaleEdits staleEdits,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.deals = deals;
        this.staleEdits = staleEdits;
        this.pipelines = pipelines;
        this.stages = stages;
        this.customers = customers;
        this.channels = channels;
        this.users = users;
        this.jdbc = jdbc;
        this.validator = validator;
        this.clock = clock;
    }

    // ---- one deal ----

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Deal get(long id) {
        Deal d = deals.findById(id).orElseThrow(() -> new NotFoundException("deal", id));
        d.getContacts().size();
        return d;
    }

    /**
     * Opens a deal or saves its fields (not its stage: that is {@link #move}). A new deal starts in the stage it
     * names or the pipeline's first open stage, owned by the current user unless another owner is given, with
     * the customer's source channel and acquisition method unless others are given.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public Deal save(Deal edited) {
        normalize(edited);
        validate(edited);
        if (edited.getCustomerId() == null) {
            throw KeyuanException.onField("customerId", "validation.required");
        }
        CustomerSource source = customers
                .source(edited.getCustomerId())
                .orElseThrow(() -> KeyuanException.onField("customerId", "deal.error.customer-missing"));
        Deal target;
        if (edited.isNew()) {
            Pipeline pipeline = pipelines
                    .findById(edited.getPipelineId())
                    .orElseThrow(() -> new NotFoundException("pipeline", edited.getPipelineId()));
            if (pipeline.isTemplate()) {
                throw new KeyuanException("deal.error.template");
            }
            List<PipelineStage> all = stages.findByPipelineIdOrderByPositionAscIdAsc(pipeline.getId());
            PipelineStage start = edited.getStageId() == 0
                    ? all.stream()
                            .filter(s -> s.getKind() == StageKind.OPEN)
                            .findFirst()
                            .orElseThrow(() -> new KeyuanException("deal.error.no-open-stage"))
                    : all.stream()
                            .filter(s -> s.getId() == edited.getStageId())
                            .findFirst()
                            .orElseThrow(() -> KeyuanException.onField("stageId", "deal.error.stage-other-pipeline"));
            if (start.getKind() != StageKind.OPEN) {
                throw KeyuanException.onField("stageId", "deal.error.start-open");
            }
            target = new Deal();
            target.setPipelineId(pipeline.getId());
            target.setStageId(start.getId());
            target.setStageEnteredAt(clock.instant());
            if (edited.getChannelId() == null) {
                edited.setChannelId(source.channelId());
            }
            if (edited.getAcquisitionMethod() == null) {
                edited.setAcquisitionMethod(source.method());
            }
            if (edited.getOwnerId() == null) {
                edited.setOwnerId(users.current().map(UserRef::id).orElse(null));
            }
        } else {
            target = get(edited.getId());
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
        }
        Long channelBefore = target.isNew() ? edited.getChannelId() : target.getChannelId();
        if (edited.getChannelId() != null
                && channels.summary(edited.getChannelId()).isEmpty()) {
            throw KeyuanException.onField("channelId", "deal.error.channel-missing");
        }
        target.setTitle(edited.getTitle());
        target.setCustomerId(edited.getCustomerId());
        target.setValue(edited.getValue());
        target.setOwnerId(edited.getOwnerId());
        target.setExpectedClose(edited.getExpectedClose());
        target.setChannelId(edited.getChannelId());
        target.setAcquisitionMethod(edited.getAcquisitionMethod());
        target.setNotes(edited.getNotes());
        target.getContacts().clear();
        for (DealContact c : edited.getContacts()) {
            target.getContacts().add(new DealContact(c.getName(), c.getRole(), c.getPhone()));
        }
        try {
            boolean isNew = target.isNew();
            Deal saved = deals.saveAndFlush(target);
            if (isNew) {
                recordChange(saved.getId(), null, saved.getStageId(), saved.getStageEnteredAt());
            }
            if (isNew || !java.util.Objects.equals(channelBefore, saved.getChannelId())) {
                events.publishEvent(
                        new DealChanged(saved.getId(), channelBefore, saved.getChannelId(), saved.getCreatedAt()));
            }
            return saved;
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw io.keyuan.shared.db.ConstraintMessages.refusal(e, CONSTRAINTS);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("deal", target.getId());
        }
    }

    @PreAuthorize(Roles.HAS_STAFF)
    public void delete(long id, long expectedVersion) {
        Deal d = get(id);
        if (d.getVersion() != expectedVersion) {
            throw new StaleEditException(d.getUpdatedBy(), d.getUpdatedAt());
        }
        deals.delete(d);
        deals.flush();
        events.publishEvent(new DealChanged(d.getId(), d.getChannelId(), d.getChannelId(), d.getCreatedAt()));
    }

    /** Tells listeners, once this transaction commits, that deals changed in bulk (an import, an undo). */
    @PreAuthorize(Roles.HAS_STAFF)
    public void bulkChanged() {
        events.publishEvent(new DealsBulkChanged("deal import"));
    }

    // ---- moving ----

    /** Moves a deal to an open or won stage (a lost stage needs {@link #markLost}'s reason). */
    @PreAuthorize(Roles.HAS_STAFF)
    public DealCard move(long dealId, long expectedVersion, long toStageId) {
        return doMove(dealId, expectedVersion, toStageId, null, null);
    }

    /** Moves a deal to a lost stage; the reason is required. */
    @PreAuthorize(Roles.HAS_STAFF)
    public DealCard markLost(long dealId, long expectedVersion, long lostStageId, String reason) {
        return doMove(dealId, expectedVersion, lostStageId, reason, null);
    }

    /** Moves a deal to a won stage and, when {@code purchase} is given, records it with the deal's customer. */
    @PreAuthorize(Roles.HAS_STAFF)
    public DealCard win(long dealId, long expectedVersion, long wonStageId, WinPurchase purchase) {
        return doMove(dealId, expectedVersion, wonStageId, null, purchase);
    }

    private DealCard doMove(
            long dealId, long expectedVersion, long toStageId, String lostReason, WinPurchase purchase) {
        // Locking read: a concurrent mover waits here and then sees this move's version.
        List<Map<String, Object>> found = jdbc.queryForList(
                "SELECT pipeline_id, stage_id, customer_id, channel_id, created_at, version, updated_by, updated_at"
                        + " FROM deal WHERE id = :id FOR UPDATE",
                Map.of("id", dealId));
        if (found.isEmpty()) {
            throw new NotFoundException("deal", dealId);
        }
        Map<String, Object> row = found.getFirst();
        long pipelineId = ((Number) row.get("pipeline_id")).longValue();
        long fromStageId = ((Number) row.get("stage_id")).longValue();
        long version = ((Number) row.get("version")).longValue();
        if (version != expectedVersion) {
            throw new DealMovedException(
                    (String) row.get("updated_by"), instant(row.get("updated_at")), fromStageId, version);
        }
        if (fromStageId == toStageId) {
            return card(dealId);
        }
        Pipeline pipeline =
                pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundException("pipeline", pipelineId));
        List<PipelineStage> all = stages.findByPipelineIdOrderByPositionAscIdAsc(pipelineId);
        PipelineStage from =
                all.stream().filter(s -> s.getId() == fromStageId).findFirst().orElseThrow();
        PipelineStage to = all.stream()
                .filter(s -> s.getId() == toStageId)
                .findFirst()
                .orElseThrow(() -> new KeyuanException("deal.error.stage-other-pipeline"));
        checkRules(pipeline, all, from, to);
        String reason = lostReason == null || lostReason.isBlank() ? null : lostReason.strip();
        if (to.getKind() == StageKind.LOST) {
            if (reason == null) {
                throw KeyuanException.onField("lostReason", "deal.error.lost-reason-required");
            }
            if (reason.length() > Deal.LOST_REASON_LENGTH) {
                throw KeyuanException.onField("lostReason", "error.too-long", Deal.LOST_REASON_LENGTH);
            }
        }
        Long purchaseId = null;
        if (purchase != null) {
            if (to.getKind() != StageKind.WON) {
                throw new KeyuanException("deal.error.purchase-only-when-won");
            }
            long customerId = ((Number) row.get("customer_id")).longValue();
            purchaseId = customers.recordPurchase(new NewPurchase(
                    customerId,
                    purchase.date() == null ? LocalDate.now(clock) : purchase.date(),
                    purchase.product(),
                    purchase.quantity(),
                    purchase.amount(),
                    purchase.channel()));
        }
        Instant now = clock.instant();
        jdbc.update(
                """
                UPDATE deal SET stage_id = :to, stage_entered_at = :now, lost_reason = :reason,
                    purchase_id = COALESCE(:purchase, purchase_id), version = version + 1,
                    updated_at = :now, updated_by = :who
                WHERE id = :id AND version = :version
                """,
                new MapSqlParameterSource()
                        .addValue("to", toStageId)
                        .addValue("now", Timestamp.from(now))
                        .addValue("reason", to.getKind() == StageKind.LOST ? reason : null)
                        .addValue("purchase", purchaseId)
                        .addValue("who", PipelineService.actor())
                        .addValue("id", dealId)
                        .addValue("version", expectedVersion));
        recordChange(dealId, fromStageId, toStageId, now);
        Long channel = row.get("channel_id") == null ? null : ((Number) row.get("channel_id")).longValue();
        // A move can win a deal or take a win back: what is won counts by the month the deal was opened.
        events.publishEvent(new DealChanged(dealId, channel, channel, instant(row.get("created_at"))));
        return card(dealId);
    }

    /** Refuses a move the pipeline forbids, with the reason. Lost stages are exits, not steps on the path. */
    static void checkRules(Pipeline pipeline, List<PipelineStage> all, PipelineStage from, PipelineStage to) {
        List<PipelineStage> path =
                all.stream().filter(s -> s.getKind() != StageKind.LOST).toList();
        int i = path.indexOf(from);
        int j = path.indexOf(to);
        boolean backward = (from.getKind() == StageKind.LOST && to.getKind() != StageKind.LOST)
                || (from.getKind() == StageKind.WON && to.getKind() == StageKind.LOST)
                || (i >= 0 && j >= 0 && j < i);
        if (backward && !pipeline.isAllowBackward()) {
            throw new KeyuanException(
                    from.getKind() == StageKind.OPEN ? "deal.error.backward-forbidden" : "deal.error.reopen-forbidden");
        }
        if (!pipeline.isAllowSkip() && i >= 0 && j > i + 1) {
            throw new KeyuanException("deal.error.skip-forbidden");
        }
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<StageChange> history(long dealId) {
        return jdbc.query(
                "SELECT id, from_stage_id, to_stage_id, changed_at, changed_by FROM deal_stage_change"
                        + " WHERE deal_id = :id ORDER BY changed_at, id",
                Map.of("id", dealId),
                (rs, i) -> new StageChange(
                        rs.getLong("id"),
                        rs.getObject("from_stage_id", Long.class),
                        rs.getLong("to_stage_id"),
                        rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("changed_by")));
    }

    private void recordChange(long dealId, Long from, long to, Instant at) {
        jdbc.update(
                "INSERT INTO deal_stage_change (deal_id, from_stage_id, to_stage_id, changed_at, changed_by)"
                        + " VALUES (:deal, :from, :to, :at, :who)",
                new MapSqlParameterSource()
                        .addValue("deal", dealId)
                        .addValue("from", from)
                        .addValue("to", to)
                        .addValue("at", Timestamp.from(at))
                        .addValue("who", PipelineService.actor()));
    }

    // ---- the board and the list ----

    /** The board: every stage with its totals under the filter and its first {@code perColumn} cards. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Board board(long pipelineId, DealFilter filter, int perColumn) {
        Pipeline pipeline =
                pipelines.findById(pipelineId).orElseThrow(() -> new NotFoundException("pipeline", pipelineId));
        List<StageRow> stageRows = stages.findByPipelineIdOrderByPositionAscIdAsc(pipelineId).stream()
                .map(PipelineService::row)
                .toList();
        MapSqlParameterSource p =
                new MapSqlParameterSource().addValue("p", pipelineId).addValue("now", Timestamp.from(clock.instant()));
        String where = where(filter, p);
        Map<Long, Object[]> totals = new HashMap<>();
        jdbc.query("""
                SELECT d.stage_id, COUNT(*) n, COALESCE(SUM(d.deal_value), 0) v,
                    COALESCE(SUM(d.deal_value * s.probability), 0) w,
                    SUM(CASE WHEN s.kind = 'OPEN' AND s.stale_after_days IS NOT NULL
                        AND d.stage_entered_at < DATE_SUB(:now, INTERVAL s.stale_after_days DAY) THEN 1 ELSE 0 END) st
                FROM deal d JOIN pipeline_stage s ON s.id = d.stage_id
                WHERE d.pipeline_id = :p""" + where + " GROUP BY d.stage_id", p, rs -> {
            totals.put(rs.getLong(1), new Object[] {
                rs.getLong(2),
                rs.getBigDecimal(3),
                rs.getBigDecimal(4).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP),
                rs.getLong(5)
            });
        });
        List<BoardColumn> columns = new ArrayList<>();
        for (StageRow s : stageRows) {
            Object[] t = totals.getOrDefault(s.id(), new Object[] {0L, BigDecimal.ZERO, BigDecimal.ZERO, 0L});
            long count = (Long) t[0];
            List<DealCard> cards = count == 0 ? List.of() : cardsOf(s, filter, 0, perColumn);
            columns.add(new BoardColumn(s, count, (BigDecimal) t[1], (BigDecimal) t[2], (Long) t[3], cards));
        }
        return new Board(PipelineService.summary(pipeline), columns);
    }

    /** More cards of one column ("show more"), in the board's order: longest in the stage (stale) first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<DealCard> column(long stageId, DealFilter filter, int offset, int limit) {
        PipelineStage s = stages.findById(stageId).orElseThrow(() -> new NotFoundException("stage", stageId));
        return cardsOf(PipelineService.row(s), filter, offset, limit);
    }

    private List<DealCard> cardsOf(StageRow stage, DealFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("bad page " + offset + "/" + limit);
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("s", stage.id())
                .addValue("limit", limit)
                .addValue("offset", offset);
        String sql = SELECT_CARD + " WHERE d.stage_id = :s" + where(filter, p)
                + " ORDER BY d.stage_entered_at, d.id LIMIT :limit OFFSET :offset";
        Map<Long, StageRow> byId = Map.of(stage.id(), stage);
        return jdbc.query(sql, p, (rs, i) -> toCard(rs, byId));
    }

    /** The list view's page of a pipeline's deals, last changed first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<DealCard> page(long pipelineId, DealFilter filter, int offset, int limit) {
        return page(pipelineId, filter, DealSort.newestFirst(), offset, limit);
    }

    /** A page of the deal list in the given order (blank values last either way). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<DealCard> page(long pipelineId, DealFilter filter, DealSort sort, int offset, int limit) {
        DealSort order = sort == null ? DealSort.newestFirst() : sort;
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("bad page " + offset + "/" + limit);
        }
        Map<Long, StageRow> byId = new HashMap<>();
        stages.findByPipelineIdOrderByPositionAscIdAsc(pipelineId)
                .forEach(s -> byId.put(s.getId(), PipelineService.row(s)));
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("p", pipelineId)
                .addValue("limit", limit)
                .addValue("offset", offset);
        String sql = SELECT_CARD + " JOIN pipeline_stage s ON s.id = d.stage_id WHERE d.pipeline_id = :p"
                + where(filter, p) + " ORDER BY " + order.orderBy() + " LIMIT :limit OFFSET :offset";
        return jdbc.query(sql, p, (rs, i) -> toCard(rs, byId));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(long pipelineId, DealFilter filter) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("p", pipelineId);
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM deal d WHERE d.pipeline_id = :p" + where(filter, p), p, Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Everyone's deals: open now, and closed (won or lost) from {@code from} to before {@code to}. Read over the
     * stages' index ranges ({@code ix_deal_board} covers the open value, {@code ix_deal_stage_entered} the closed
     * counts), whatever the number of deals.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public DealTotals totals(Instant from, Instant to) {
        return totals(null, from, to);
    }

    /** The signed-in user's own deals (they own them), as {@link #totals(Instant, Instant)}. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public DealTotals myTotals(Instant from, Instant to) {
        return users.current().map(u -> totals(u.id(), from, to)).orElse(DealTotals.NONE);
    }

    private DealTotals totals(Long ownerId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("bad period " + from + ".." + to);
        }
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("owner", ownerId)
                .addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to));
        String owner = ownerId == null ? "" : " AND d.owner_id = :owner";
        Object[] open = jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(d.deal_value), 0) FROM pipeline_stage s"
                        + " JOIN deal d ON d.pipeline_id = s.pipeline_id AND d.stage_id = s.id"
                        + " WHERE s.kind = 'OPEN'" + owner,
                p,
                (rs, i) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2)});
        Object[] closed = jdbc.queryForObject(
                "SELECT COALESCE(SUM(s.kind = 'WON'), 0), COALESCE(SUM(CASE WHEN s.kind = 'WON' THEN d.deal_value END), 0),"
                        + " COALESCE(SUM(s.kind = 'LOST'), 0) FROM pipeline_stage s"
                        + " JOIN deal d ON d.stage_id = s.id"
                        + " WHERE s.kind IN ('WON', 'LOST') AND d.stage_entered_at >= :from AND d.stage_entered_at < :to"
                        + owner,
                p,
                (rs, i) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3)});
        return new DealTotals(
                (Long) open[0], (BigDecimal) open[1], (Long) closed[0], (BigDecimal) closed[1], (Long) closed[2]);
    }

    /**
     * Sets a deal's value from a record that drives it (a quote attached to the deal), without the form's version
     * check: the driving record is the source of the value.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public DealCard followValue(long dealId, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            throw KeyuanException.onField("value", "validation.not-negative");
        }
        Deal d = get(dealId);
        d.setValue(value);
        try {
            deals.saveAndFlush(d);
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw io.keyuan.shared.db.ConstraintMessages.refusal(e, CONSTRAINTS);
        }
        return card(dealId);
    }

    /** A customer's deals, last changed first, for pickers (attach a quote to a deal). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<DealCard> ofCustomer(long customerId, int limit) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
        Map<Long, StageRow> byId = new HashMap<>();
        MapSqlParameterSource p =
                new MapSqlParameterSource().addValue("c", customerId).addValue("limit", limit);
        List<DealCard> cards = new java.util.ArrayList<>();
        jdbc.query(
                SELECT_CARD + " WHERE d.customer_id = :c ORDER BY d.updated_at DESC, d.id DESC LIMIT :limit", p, rs -> {
                    long stageId = rs.getLong("stage_id");
                    StageRow s = byId.computeIfAbsent(
                            stageId,
                            id -> stages.findById(id).map(PipelineService::row).orElse(null));
                    cards.add(toCard(rs, s == null ? Map.of() : Map.of(stageId, s)));
                });
        return cards;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public DealCard card(long dealId) {
        List<Map<String, Object>> stage =
                jdbc.queryForList("SELECT stage_id FROM deal WHERE id = :id", Map.of("id", dealId));
        if (stage.isEmpty()) {
            throw new NotFoundException("deal", dealId);
        }
        long stageId = ((Number) stage.getFirst().get("stage_id")).longValue();
        StageRow s = PipelineService.row(stages.findById(stageId).orElseThrow());
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("id", dealId);
        return jdbc.query(SELECT_CARD + " WHERE d.id = :id", p, (rs, i) -> toCard(rs, Map.of(s.id(), s)))
                .getFirst();
    }

    // The customer's name is read with the card (one query per page of cards) rather than looked up per card.
    private static final String SELECT_CARD =
            "SELECT d.id, d.version, d.title, d.customer_id, c.name customer_name, d.deal_value, d.owner_id,"
                    + " d.expected_close, d.channel_id, d.stage_id, d.stage_entered_at, d.updated_at"
                    + " FROM deal d JOIN customer c ON c.id = d.customer_id";

    private DealCard toCard(ResultSet rs, Map<Long, StageRow> stagesById) throws SQLException {
        long stageId = rs.getLong("stage_id");
        Instant entered = rs.getTimestamp("stage_entered_at").toInstant();
        StageRow stage = stagesById.get(stageId);
        boolean stale = stage != null
                && stage.kind() == StageKind.OPEN
                && stage.staleAfterDays() != null
                && entered.isBefore(clock.instant().minus(Duration.ofDays(stage.staleAfterDays())));
        return new DealCard(
                rs.getLong("id"),
                rs.getLong("version"),
                rs.getString("title"),
                rs.getLong("customer_id"),
                rs.getString("customer_name"),
                rs.getBigDecimal("deal_value"),
                rs.getObject("owner_id", Long.class),
                rs.getObject("expected_close", LocalDate.class),
                rs.getObject("channel_id", Long.class),
                stageId,
                entered,
                stale,
                rs.getTimestamp("updated_at").toInstant());
    }

    /** The filter as bound conditions on deal d; whitelisted columns only. */
    static String where(DealFilter filter, MapSqlParameterSource p) {
        if (filter == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (filter.ownerId() != null) {
            p.addValue("fOwner", filter.ownerId());
            sb.append(" AND d.owner_id = :fOwner");
        }
        if (filter.channelId() != null) {
            p.addValue("fChannel", filter.channelId());
            sb.append(" AND d.channel_id = :fChannel");
        }
        if (filter.openedFrom() != null) {
            p.addValue("fFrom", Timestamp.from(startOf(filter.openedFrom())));
            sb.append(" AND d.created_at >= :fFrom");
        }
        if (filter.openedTo() != null) {
            p.addValue("fTo", Timestamp.from(startOf(filter.openedTo().plusDays(1))));
            sb.append(" AND d.created_at < :fTo");
        }
        if (filter.minValue() != null) {
            p.addValue("fMin", filter.minValue());
            sb.append(" AND d.deal_value >= :fMin");
        }
        if (filter.maxValue() != null) {
            p.addValue("fMax", filter.maxValue());
            sb.append(" AND d.deal_value <= :fMax");
        }
        if (filter.title() != null && !filter.title().isBlank()) {
            String t = filter.title()
                    .strip()
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            p.addValue("fTitle", "%" + t + "%");
            sb.append(" AND d.title LIKE :fTitle");
        }
        return sb.toString();
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(BusinessTime.ZONE).toInstant();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    private static void normalize(Deal d) {
        d.setTitle(d.getTitle() == null ? null : d.getTitle().strip());
        d.setNotes(
                d.getNotes() == null || d.getNotes().isBlank()
                        ? null
                        : d.getNotes().strip());
        if (d.getValue() == null) {
            d.setValue(BigDecimal.ZERO);
        }
        d.getContacts()
                .removeIf(c -> c == null || c.getName() == null || c.getName().isBlank());
        for (DealContact c : d.getContacts()) {
            c.setName(c.getName().strip());
            c.setPhone(
                    c.getPhone() == null || c.getPhone().isBlank()
                            ? null
                            : c.getPhone().strip());
        }
    }

    private void validate(Deal d) {
        List<ConstraintViolation<Deal>> violations = new ArrayList<>(validator.validate(d));
        if (!violations.isEmpty()) {
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            ConstraintViolation<Deal> v = violations.getFirst();
            throw KeyuanException.onField(
                    v.getPropertyPath().toString(),
                    "error.invalid-field-detail",
                    v.getPropertyPath().toString(),
                    v.getMessage());
        }
    }
}
