package io.keyuan.insight;

import io.keyuan.channel.ChannelCostChanged;
import io.keyuan.channel.ChannelDeleted;
import io.keyuan.channel.ChannelsBulkChanged;
import io.keyuan.customer.CustomerChanged;
import io.keyuan.customer.CustomersBulkChanged;
import io.keyuan.pipeline.DealChanged;
import io.keyuan.pipeline.DealsBulkChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the channel rollups current: after each change another module published has committed, the keys it touched
 * are recomputed in a transaction of their own (the project enables no async execution, so on the publisher's
 * thread, a few milliseconds). A bulk change (an import, an undo) asks for a rebuild instead, which the catch-up
 * schedule starts as a job. A failure is logged and asks for a rebuild too: the publisher's work has committed and
 * must not fail for a figure derived from it.
 */
@Component
class RollupMaintenance {
    private static final Logger log = LoggerFactory.getLogger(RollupMaintenance.class);
    private final ChannelRollup rollup;

    RollupMaintenance(ChannelRollup rollup) {
        this.rollup = rollup;
    }

    @ApplicationModuleListener
    void on(CustomerChanged e) {
        safely("customer " + e.customerId(), () -> rollup.customerChanged(e.customerId(), e.purchaseMonths()));
    }

    @ApplicationModuleListener
    void on(DealChanged e) {
        safely("deal " + e.dealId(), () -> rollup.dealChanged(e.channelBefore(), e.channelAfter(), e.openedAt()));
    }

    @ApplicationModuleListener
    void on(ChannelCostChanged e) {
        safely(
                "cost of channel " + e.channelId() + " in " + e.month(),
                () -> rollup.costChanged(e.channelId(), e.month()));
    }

    @ApplicationModuleListener
    void on(ChannelDeleted e) {
        safely("deleted channel " + e.channelId(), () -> rollup.channelDeleted(e.channelId()));
    }

    @ApplicationModuleListener
    void on(CustomersBulkChanged e) {
        rollup.requestRebuild(e.what());
    }

    @ApplicationModuleListener
    void on(DealsBulkChanged e) {
        rollup.requestRebuild(e.what());
    }

    @ApplicationModuleListener
    void on(ChannelsBulkChanged e) {
        rollup.requestRebuild(e.what());
    }

    private void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Channel rollup not updated after a change of {}; a rebuild is requested", what, e);
            try {
                rollup.requestRebuild("incremental update failed: " + what);
            } catch (RuntimeException again) {
                log.error("Channel rollup rebuild not requested either", again);
            }
        }
    }
}
