package io.keyuan.insight;

import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the channel rollups are rebuilt as a job of the system's: nightly (after the customer metrics and segment
 * refreshes), and — checked every minute — when they were never built or a bulk change asked for a rebuild since
 * the last one. Every node fires; the job's key (the firing's minute, or the request's time) lets only the first
 * node insert a job, and the job's database lock keeps rebuilds from overlapping.
 */
@Component
class RollupSchedule {
    private static final Logger log = LoggerFactory.getLogger(RollupSchedule.class);
    private final JobService jobs;
    private final ChannelRollup rollup;
    private final Clock clock;

    RollupSchedule(JobService jobs, ChannelRollup rollup, Clock clock) {
        this.jobs = jobs;
        this.rollup = rollup;
        this.clock = clock;
    }

    @Scheduled(cron = "${keyuan.insight.rollup-cron:0 15 4 * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    Optional<JobId> nightly() {
        String firing = ZonedDateTime.now(clock.withZone(BusinessTime.ZONE))
                .truncatedTo(ChronoUnit.MINUTES)
                .toLocalDateTime()
                .toString();
        return submit(request("nightly", null).oncePer(ChannelRollupJob.KIND + "@" + firing));
    }

    @Scheduled(cron = "${keyuan.insight.catch-up-cron:30 * * * * *}", zone = "${keyuan.zone:Asia/Shanghai}")
    Optional<JobId> catchUp() {
        ChannelRollup.State state = rollup.state();
        if (!state.pending()) {
            return Optional.empty();
        }
        String key = state.requestedAt() == null
                ? "first-" + java.time.LocalDate.now(clock)
                : "request-" + state.requestedAt();
        return submit(request("requested", state.requestedAt()).oncePer(ChannelRollupJob.KIND + "@" + key));
    }

    static JobRequest request(String reason, java.time.Instant requestedAt) {
        return JobRequest.of(ChannelRollupJob.KIND, new ChannelRollupJob.Parameters(reason, requestedAt))
                .about("insight.rollup.job.subject");
    }

    private Optional<JobId> submit(JobRequest request) {
        try {
            JobId id = SystemActor.call(() -> jobs.submit(request));
            log.info("Channel rollup rebuild ({}): job {}", request.parameters(), id);
            return Optional.of(id);
        } catch (KeyuanException e) {
            // a full queue: the next minute tries again
            log.info("Channel rollup rebuild not started: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
