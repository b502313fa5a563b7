package io.keyuan.insight;

import io.keyuan.shared.db.DatabaseLocks;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Component;

/** The monthly customer snapshot built again (see MonthlyRebuildJob). */
@Component
class CustomerSnapshotJob extends MonthlyRebuildJob {
    static final String KIND = "insight-customer-snapshot";
    static final String LOCK = "keyuan.insight.customer-snapshot";

    /** A rebuild always does the same work: it needs nothing but the clock. */
    record Parameters() {}

    private final CustomerSnapshots rollup;

    CustomerSnapshotJob(CustomerSnapshots rollup, DatabaseLocks locks) {
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
