package io.keyuan.pricing;

import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobView;
import java.time.Duration;
import java.util.Optional;

/** Tests wait here for the tier derivations a change queued (as the tier list follows them) to end. */
public final class TierDerivationWait {
    private TierDerivationWait() {}

    /** Returns once no derivation is queued or running; fails after a minute per job. */
    public static void settled(TierService tiers, JobService jobs) {
        SystemActor.run(() -> {
            for (Optional<JobView> job = tiers.currentDerivation(); job.isPresent(); job = tiers.currentDerivation()) {
                jobs.await(job.get().id(), Duration.ofMinutes(1));
            }
        });
    }
}
