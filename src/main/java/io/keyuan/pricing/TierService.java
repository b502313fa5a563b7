package io.keyuan.pricing;

import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.pricing.domain.PriceTierRepository;
import io.keyuan.pricing.domain.TierOverride;
import io.keyuan.pricing.domain.TierOverrideRepository;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.ConstraintMessages;
import io.keyuan.shared.db.StaleEdits;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Price tiers in priority order and the segments each is bound to, manual tiers for single customers, and the
 * derivation of every customer's tier. Managers edit tiers; staff read them and set or clear a customer's manual
 * tier.
 */
@Service
@Transactional
public class TierService {
    static final Map<String, ConstraintMessages.Meaning> TIER_CONSTRAINTS = Map.of(
            "uk_price_tier_code", new ConstraintMessages.Meaning("code", "pricing.tier.error.code-taken"),
            "uk_price_tier_name", new ConstraintMessages.Meaning("name", "pricing.tier.error.name-taken"),
            "uk_price_tier_priority", new ConstraintMessages.Meaning("priority", "pricing.tier.error.priority-taken"));

    private final PriceTierRepository tiers;
    private final TierOverrideRepository overrides;
    private final SegmentService segments;
    private final TierDerivation derivation;
    private final JdbcTemplate jdbc;
    private final StaleEdits staleEdits;
    private final ApplicationEventPublisher events;
    private final JobService jobs;
    private final Clock clock;

    TierService(
            PriceTierRepository tiers,
            TierOverrideRepository overrides,
            SegmentService segments,
            TierDerivation derivation,
            JdbcTemplate jdbc,
            StaleEdits staleEdits,
            ApplicationEventPublisher events,
            JobService jobs,
            Clock clock) {
        this.tiers = tiers;
        this.overrides = overrides;
        this.segments = segments;
        this.derivation = derivation;
        this.jdbc = jdbc;
        this.staleEdits = staleEdits;
        this.events = events;
        this.jobs = jobs;
        this.clock = clock;
    }

    // ---- tiers

    /** Every tier, first priority first, with its customer count; tiers number in the handful. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<TierRow> tiers() {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT tier_id, COUNT(*) FROM customer_price_tier GROUP BY tier_id", rs -> {
            counts.put(rs.getLong(1), rs.getLong(2));
        });
        return tiers.findAllByOrderByPriorityAsc().stream()
                .map(t -> new TierRow(
                        t.getId(),
                        t.getCode(),
                        t.getName(),
                        t.getPriority(),
                        t.getDescription(),
                        t.getVersion(),
                        t.getSegmentIds().stream().sorted().toList(),
                        counts.getOrDefault(t.getId(), 0L)))
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public PriceTier get(long id) {
        return tiers.findById(id).orElseThrow(() -> new NotFoundException("price-tier", id));
    }

    /**
     * Creates or updates a tier with its segments; a new tier with no priority (0) goes last. Codes, names and
     * priorities are unique; an update over a newer version is refused.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceTier save(PriceTier edited) {
        String code = required("code", edited.getCode(), PriceTier.CODE_LENGTH);
        String name = required("name", edited.getName(), PriceTier.NAME_LENGTH);
        String description =
                edited.getDescription() == null || edited.getDescription().isBlank()
                        ? null
                        : edited.getDescription().strip();
        if (description != null && description.length() > PriceTier.DESCRIPTION_LENGTH) {
            throw KeyuanException.onField("description", "error.too-long", PriceTier.DESCRIPTION_LENGTH);
        }
        int priority = edited.getPriority();
        if (priority < 0) {
            throw KeyuanException.onField("priority", "pricing.tier.error.priority");
        }
        long self = edited.isNew() ? -1L : edited.getId();
        if (tiers.existsByCodeIgnoreCaseAndIdNot(code, self)) {
            throw KeyuanException.onField("code", "pricing.tier.error.code-taken", code);
        }
        if (tiers.existsByNameIgnoreCaseAndIdNot(name, self)) {
            throw KeyuanException.onField("name", "pricing.tier.error.name-taken", name);
        }
        PriceTier target;
        if (edited.isNew()) {
            target = new PriceTier();
            if (priority == 0) {
                priority = tiers.maxPriority() + 1;
            }
        } else {
            target = tiers.findById(edited.getId()).orElseThrow(StaleEditException::deleted);
            if (target.getVersion() != edited.getVersion()) {
                throw new StaleEditException(target.getUpdatedBy(), target.getUpdatedAt());
            }
            if (priority == 0) {
                priority = target.getPriority();
            }
        }
        if (tiers.existsByPriorityAndIdNot(priority, self)) {
            throw KeyuanException.onField("priority", "pricing.tier.error.priority-taken", priority);
        }
        target.setCode(code);
        target.setName(name);
        target.setPriority(priority);
        target.setDescription(description);
        target.setSegmentIds(new LinkedHashSet<>(edited.getSegmentIds()));
        PriceTier saved = flush(target, code);
        changed("tier " + code);
        return saved;
    }

    /** Deletes a tier no rule, bundle, quote or manual tier names; customers in it lose it at once. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        PriceTier tier = tiers.findById(id).orElseThrow(StaleEditException::deleted);
        if (tier.getVersion() != expectedVersion) {
            throw new StaleEditException(tier.getUpdatedBy(), tier.getUpdatedAt());
        }
        long manual = overrides.countByTierId(id);
        if (manual > 0) {
            throw new KeyuanException("pricing.tier.error.has-manual", tier.getName(), manual);
        }
        try {
            tiers.delete(tier);
            tiers.flush();
        } catch (DataIntegrityViolationException e) {
            throw new KeyuanException("pricing.tier.error.in-use", tier.getName());
        }
        jdbc.update("DELETE FROM customer_price_tier WHERE tier_id = ?", id);
        changed("tier deleted");
    }

    /** Swaps the tier's priority with the one before it (nothing happens to the first); customers follow on commit. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void moveUp(long id) {
        PriceTier tier = get(id);
        tiers.findFirstByPriorityLessThanOrderByPriorityDesc(tier.getPriority()).ifPresent(other -> swap(tier, other));
    }

    /** Swaps the tier's priority with the one after it; nothing happens to the last. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void moveDown(long id) {
        PriceTier tier = get(id);
        tiers.findFirstByPriorityGreaterThanOrderByPriorityAsc(tier.getPriority())
                .ifPresent(other -> swap(tier, other));
    }

    /** Through a free priority, so that the unique key never sees two tiers on one. */
    private void swap(PriceTier a, PriceTier b) {
        int pa = a.getPriority();
        int pb = b.getPriority();
        a.setPriority(-Math.max(pa, pb) - 1);
        flush(a, a.getCode());
        b.setPriority(pa);
        flush(b, b.getCode());
        a.setPriority(pb);
        flush(a, a.getCode());
        changed("priorities");
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceTier bind(long tierId, long segmentId) {
        PriceTier tier = get(tierId);
        segments.segment(segmentId); // refuses an unknown segment
        if (tier.getSegmentIds().add(segmentId)) {
            flush(tier, tier.getCode());
            changed("tier bound");
        }
        return tier;
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public PriceTier unbind(long tierId, long segmentId) {
        PriceTier tier = get(tierId);
        if (tier.getSegmentIds().remove(segmentId)) {
            flush(tier, tier.getCode());
            changed("tier unbound");
        }
        return tier;
    }

    /** Every segment of every rule set, rule set by rule set, for binding tiers and naming their segments. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentChoice> segmentChoices() {
        List<SegmentChoice> out = new ArrayList<>();
        for (RuleSetSummary set : segments.ruleSets()) {
            for (SegmentSummary s : segments.segments(set.id())) {
                out.add(new SegmentChoice(s.id(), set.name(), s.name()));
            }
        }
        return out;
    }

    private PriceTier flush(PriceTier tier, String code) {
        try {
            return tiers.saveAndFlush(tier);
        } catch (DataIntegrityViolationException e) {
            throw ConstraintMessages.refusal(e, TIER_CONSTRAINTS, code);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("price_tier", tier.getId());
        }
    }

    // ---- manual tiers

    /** The customer's manual tier, valid or expired, if staff set one. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public Optional<ManualTier> manual(long customerId) {
        return overrides.findById(customerId).map(o -> {
            String tierName =
                    tiers.findById(o.getTierId()).map(PriceTier::getName).orElse("#" + o.getTierId());
            boolean valid = o.getValidUntil() == null || !o.getValidUntil().isBefore(today());
            return new ManualTier(
                    customerId,
                    o.getTierId(),
                    tierName,
                    o.getReason(),
                    o.getValidUntil(),
                    o.getUpdatedBy(),
                    o.getUpdatedAt(),
                    valid);
        });
    }

    /**
     * Sets (or replaces) a customer's manual tier: a reason is required, the end date (inclusive, business time) may
     * be open but not past. It wins over the segments until it ends.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    public ManualTier setManual(long customerId, Long tierId, String reason, LocalDate validUntil) {
        if (tierId == null) {
            throw KeyuanException.onField("tierId", "validation.required");
        }
        if (!tiers.existsById(tierId)) {
            throw KeyuanException.onField("tierId", "pricing.tier.error.tier-gone");
        }
        String why = required("reason", reason, TierOverride.REASON_LENGTH);
        if (validUntil != null && validUntil.isBefore(today())) {
            throw KeyuanException.onField("validUntil", "pricing.tier.error.until-past");
        }
        TierOverride o = overrides.findById(customerId).orElseGet(() -> {
            TierOverride fresh = new TierOverride();
            fresh.setCustomerId(customerId);
            return fresh;
        });
        o.setTierId(tierId);
        o.setReason(why);
        o.setValidUntil(validUntil);
        try {
            overrides.saveAndFlush(o);
        } catch (DataIntegrityViolationException e) {
            throw new KeyuanException("pricing.tier.error.customer-gone");
        }
        derivation.rederive(customerId);
        return manual(customerId).orElseThrow();
    }

    /** Removes a customer's manual tier; the segments decide their tier again at once. */
    @PreAuthorize(Roles.HAS_STAFF)
    public void clearManual(long customerId) {
        overrides.findById(customerId).ifPresent(o -> {
            overrides.delete(o);
            overrides.flush();
        });
        derivation.rederive(customerId);
    }

    // ---- derivation

    /**
     * Derives every customer's tier again now (the command line's benchmark, and a manager who does not want to wait
     * for the next refresh); returns how many customers have a tier.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public long rederiveAll() {
        return derivation.rederive();
    }

    /**
     * Starts deriving every customer's tier as a job of the calling manager's and returns its id; the tier list and
     * "my jobs" follow it. When a derivation is already queued and not yet running, that one is returned instead: it
     * will read this change too. One that is running may have read the tiers before the change, so another queues.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public JobId startRederive(String reason) {
        Optional<JobView> current = jobs.active(TierDerivationJob.KIND);
        if (current.isPresent() && current.get().status() == JobStatus.QUEUED) {
            return current.get().id();
        }
        return jobs.submit(JobRequest.of(TierDerivationJob.KIND, new TierDerivationJob.Parameters(reason))
                .about("pricing.tier.job-subject"));
    }

    /** The derivation queued or running now (started by any manager, on any node), if there is one. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public Optional<JobView> currentDerivation() {
        return jobs.active(TierDerivationJob.KIND);
    }

    private void changed(String what) {
        events.publishEvent(new TiersChanged(what));
        events.publishEvent(new PriceBookChanged("tier"));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BusinessTime.ZONE));
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw KeyuanException.onField(field, "validation.required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw KeyuanException.onField(field, "error.too-long", max);
        }
        return v;
    }
}
