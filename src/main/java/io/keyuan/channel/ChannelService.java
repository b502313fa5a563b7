package io.keyuan.channel;

import io.keyuan.channel.domain.ChannelCost;
import io.keyuan.channel.domain.ChannelCostRepository;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.channel.domain.SourceChannelRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import jakarta.persistence.criteria.Predicate;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Source channels and their monthly costs: staff read, managers change. */
@Service
@Transactional
public class ChannelService {
    public static final BigDecimal MAX_COST = new BigDecimal("999999999999.99");
    private final SourceChannelRepository channels;
    private final io.keyuan.shared.db.StaleEdits staleEdits;
    private final ChannelCostRepository costs;
    private final Validator validator;
    private final org.springframework.context.ApplicationEventPublisher events;

    /** The source_channel table's constraints (V2) as the channel form's fields and messages. */
    static final java.util.Map<String, io.keyuan.shared.db.ConstraintMessages.Meaning> CHANNEL_CONSTRAINTS =
            java.util.Map.of(
                    "uk_source_channel_name",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning("name", "channel.error.name-taken"),
                    "ck_source_channel_category",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning(
                                    "category", "constraint.channel-category"),
                    "ck_source_channel_method",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning(
                                    "acquisitionMethod", "constraint.channel-method"));

    /** The channel_cost table's constraints (V2, V15). */
    static final java.util.Map<String, io.keyuan.shared.db.ConstraintMessages.Meaning> COST_CONSTRAINTS =
            java.util.Map.of(
                    "uk_channel_cost_month",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning("month", "constraint.cost-month-taken"),
                    "fk_channel_cost_channel",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning(null, "constraint.channel-gone"),
                    "ck_channel_cost_amount",
                            new io.keyuan.shared.db.ConstraintMessages.Meaning("amount", "validation.not-negative"));

    ChannelService(
            SourceChannelRepository channels,
            ChannelCostRepository costs,
            Validator validator,
            io.keyuan.shared.db.StaleEdits staleEdits,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.channels = channels;
        this.costs = costs;
        this.validator = validator;
        this.staleEdits = staleEdits;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SourceChannel> page(ChannelFilter filter, Pageable pageable) {
        return channels.findAll(spec(filter), pageable).getContent();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(ChannelFilter filter) {
        return channels.count(spec(filter));
    }

    /** Every channel, for pickers and for showing names by id; channels number in the tens. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<ChannelSummary> summaries() {
        return channels.findAllByOrderByNameAsc().stream()
                .map(c -> new ChannelSummary(
                        c.getId(), c.getName(), c.getCategory(), c.getAcquisitionMethod(), c.isActive()))
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<ChannelSummary> summary(long id) {
        return channels.findById(id)
                .map(c -> new ChannelSummary(
                        c.getId(), c.getName(), c.getCategory(), c.getAcquisitionMethod(), c.isActive()));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public SourceChannel get(long id) {
        return channels.findById(id).orElseThrow(() -> new NotFoundException("channel", id));
    }

    /** Creates or updates; an update over a newer version is refused. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SourceChannel save(SourceChannel edited) {
        validate(edited);
        String name = edited.getName().strip();
        boolean taken = edited.isNew()
                ? channels.existsByNameIgnoreCase(name)
                : channels.existsByNameIgnoreCaseAndIdNot(name, edited.getId());
        if (taken) {
            throw KeyuanException.onField("name", "channel.error.name-taken", name);
        }
        SourceChannel target;
        if (edited.isNew()) {
            target = new SourceChannel();
        } else {
            target = get(edited.getId());
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
        }
        target.setName(name);
        target.setCategory(edited.getCategory());
        target.setAcquisitionMethod(edited.getAcquisitionMethod());
        target.setActive(edited.isActive());
        target.setDescription(blankToNull(edited.getDescription()));
        try {
            return channels.saveAndFlush(target);
        } catch (DataIntegrityViolationException e) {
            throw io.keyuan.shared.db.ConstraintMessages.refusal(e, CHANNEL_CONSTRAINTS, name);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("source_channel", target.getId());
        }
    }

    /** Creates a channel from another module's description of it; same rules as {@link #save}. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ChannelSummary create(ChannelDraft draft) {
        SourceChannel c = new SourceChannel();
        c.setName(draft.name());
        c.setCategory(draft.category());
        c.setAcquisitionMethod(draft.method());
        c.setActive(draft.active());
        c.setDescription(draft.description());
        SourceChannel saved = save(c);
        return new ChannelSummary(
                saved.getId(), saved.getName(), saved.getCategory(), saved.getAcquisitionMethod(), saved.isActive());
    }

    /** Deletes a channel no customer refers to; otherwise asks to deactivate it instead. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        SourceChannel channel = get(id);
        if (channel.getVersion() != expectedVersion) {
            throw new StaleEditException(channel.getUpdatedBy(), channel.getUpdatedAt());
        }
        try {
            // Its costs go with it, as the confirmation says; they no longer cascade in the database, so that no
            // other delete (an undone import, say) can take costs a manager entered.
            costs.deleteAllOfChannel(id);
            channels.delete(channel);
            channels.flush();
        } catch (DataIntegrityViolationException e) {
            throw new KeyuanException("channel.error.in-use", channel.getName());
        }
        events.publishEvent(new ChannelDeleted(id));
    }

    /** Tells listeners, once this transaction commits, that channels or costs changed in bulk (an import, an undo). */
    @PreAuthorize(Roles.HAS_STAFF)
    public void bulkChanged() {
        events.publishEvent(new ChannelsBulkChanged("channel or cost import"));
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<ChannelCostRow> costs(long channelId) {
        return costs.findByChannelIdOrderByMonthDesc(channelId).stream()
                .map(ChannelService::toRow)
                .toList();
    }

    /** Sets the cost of one month, replacing what was there. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public ChannelCostRow setCost(long channelId, YearMonth month, BigDecimal amount, String note) {
        get(channelId);
        if (month == null) {
            throw KeyuanException.onField("month", "channel.error.month-required");
        }
        try {
            ChannelRules.costMonth(month, java.time.LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
        } catch (KeyuanException e) {
            throw KeyuanException.onField("month", e.messageKey(), e.args());
        }
        if (amount == null) {
            throw KeyuanException.onField("amount", "channel.error.amount");
        }
        try {
            io.keyuan.shared.Amounts.money(amount);
        } catch (KeyuanException e) {
            throw KeyuanException.onField("amount", e.messageKey(), e.args());
        }
        if (amount.compareTo(MAX_COST) > 0) {
            throw KeyuanException.onField("amount", "channel.error.amount");
        }
        if (note != null && note.length() > ChannelCost.NOTE_LENGTH) {
            throw KeyuanException.onField("note", "error.too-long", ChannelCost.NOTE_LENGTH);
        }
        ChannelCost cost =
                costs.findByChannelIdAndMonth(channelId, month.atDay(1)).orElseGet(ChannelCost::new);
        cost.setChannelId(channelId);
        cost.setMonth(month.atDay(1));
        cost.setAmount(amount);
        cost.setNote(blankToNull(note));
        ChannelCostRow saved;
        try {
            saved = toRow(costs.saveAndFlush(cost));
        } catch (DataIntegrityViolationException e) {
            throw io.keyuan.shared.db.ConstraintMessages.refusal(e, COST_CONSTRAINTS);
        }
        events.publishEvent(new ChannelCostChanged(channelId, month));
        return saved;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public void deleteCost(long costId) {
        costs.findById(costId).ifPresent(c -> {
            costs.delete(c);
            costs.flush();
            events.publishEvent(new ChannelCostChanged(c.getChannelId(), YearMonth.from(c.getMonth())));
        });
    }

    private void validate(SourceChannel channel) {
        Set<ConstraintViolation<SourceChannel>> violations = validator.validate(channel);
        if (!violations.isEmpty()) {
            ConstraintViolation<SourceChannel> v = violations.iterator().next();
            throw KeyuanException.onField(
                    v.getPropertyPath().toString(),
                    "error.invalid-field",
                    v.getPropertyPath().toString());
        }
    }

    private static Specification<SourceChannel> spec(ChannelFilter filter) {
        ChannelFilter f = filter == null ? ChannelFilter.none() : filter;
        return (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            if (f.name() != null && !f.name().isBlank()) {
                p.add(cb.like(
                        cb.lower(root.get("name")),
                        "%" + escapeLike(f.name().strip().toLowerCase()) + "%",
                        '\\'));
            }
            if (f.category() != null) {
                p.add(cb.equal(root.get("category"), f.category()));
            }
            if (f.method() != null) {
                p.add(cb.equal(root.get("acquisitionMethod"), f.method()));
            }
            if (f.active() != null) {
                p.add(cb.equal(root.get("active"), f.active()));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static ChannelCostRow toRow(ChannelCost c) {
        return new ChannelCostRow(
                c.getId(),
                c.getVersion(),
                c.getChannelId(),
                YearMonth.from(c.getMonth()),
                c.getAmount(),
                c.getNote(),
                c.getUpdatedBy(),
                c.getUpdatedAt());
    }
}
