package io.keyuan.pricing;

import io.keyuan.segmentation.SegmentDeleted;
import io.keyuan.segmentation.SegmentMembershipRefreshed;
import io.keyuan.shared.db.DatabaseLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * When customers' tiers are derived again: after a membership refresh changed segments (on the refresh job's thread),
 * after a segment was deleted or a tier or its segments changed (as a {@link TierDerivationJob} of the manager's,
 * so that their screen does not wait seconds for a million customers), and daily just after midnight (business
 * time), when manual overrides of the day before expire.
 *
 * <p>The project keeps no Modulith event publication registry (no events starter, no event_publication table), so
 * these listen as the project's other cross-module listeners do: after the publisher's commit
 * ({@code fallbackExecution} for a publisher with no transaction), on the publisher's thread — a refresh job's
 * thread for a membership refresh — and the derivation runs in a transaction of its own. A failure is logged, not
 * thrown back at the publisher, whose work has committed; the next trigger derives again from scratch.
 */
@Component
class TierDerivationTriggers {
    private static final Logger log = LoggerFactory.getLogger(TierDerivationTriggers.class);
    private final TierDerivation derivation;
    private final TierService tiers;
    private final DatabaseLocks locks;

    TierDerivationTriggers(TierDerivation derivation, @Lazy TierService tiers, DatabaseLocks locks) {
        this.derivation = derivation;
        this.tiers = tiers;
        this.locks = locks;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void membershipRefreshed(SegmentMembershipRefreshed event) {
        if (event.segments().stream().anyMatch(SegmentMembershipRefreshed.SegmentChange::changed)) {
            derive("membership refresh " + event.runId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void segmentDeleted(SegmentDeleted event) {
        deriveInBackground("segment " + event.segmentId() + " deleted");
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void tiersChanged(TiersChanged event) {
        deriveInBackground("tiers changed: " + event.what());
    }

    /** Every node fires; the lock lets one derive, the others skip (they would find nothing left to change). */
    @Scheduled(cron = "${keyuan.pricing.tier-expiry-cron:0 1 0 * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    void daily() {
        locks.runExclusively("keyuan.pricing.tier-derivation", () -> derive("daily expiry of manual tiers"));
    }

    /**
     * As a job of the caller's. When none can be queued (the caller is no manager, or this node's queue is full),
     * here and now instead: late is better than stale.
     */
    private void deriveInBackground(String why) {
        try {
            tiers.startRederive(why);
        } catch (RuntimeException e) {
            log.warn("Price tier derivation not queued after {} ({}); deriving now", why, e.toString());
            derive(why);
        }
    }

    private void derive(String why) {
        try {
            derivation.rederive();
        } catch (RuntimeException e) {
            log.error("Price tiers not derived after {}", why, e);
        }
    }
}
