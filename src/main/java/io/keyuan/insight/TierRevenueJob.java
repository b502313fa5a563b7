package io.keyuan.insight;

import io.keyuan.shared.db.DatabaseLocks;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** The price tier rollup built again (see MonthlyRebuildJob). */
@Component
class TierRevenueJob extends MonthlyRebuildJob {
    static final String KIND = "insight-tier-rollup";
    static final String LOCK = "keyuan.insight.tier-rollup";

    /** A rebuild always does the same work: it needs nothing but the clock. */
    record Parameters() {}

    private final TierRevenueRollup rollup;

    TierRevenueJob(TierRevenueRollup rollup, DatabaseLocks locks) {
        super(KIND, LOCK, locks);
        this.rollup = rollup;
    }

    @Override
    protected int monthsToBuild() {
        return rollup.monthsToBuild();
    }

    @Override
    protected void rebuild(LongConsumer progress, BooleanSupplier cancelled) {
        rollup.rebuild(progress, cancelled);
    }
}
