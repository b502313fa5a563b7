package io.keyuan.customer;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * RFM scores need the quintile cuts that only a full metrics refresh takes. A database that had purchases before
 * the scores existed (an upgrade) would show no scores, and match no RFM rule, until the nightly refresh; so when
 * the portal starts on such a database it runs that refresh once, as a job (it shows in the jobs list, and a crash
 * leaves it failed with a retry), under the same lock as the nightly one; nodes starting together make one job.
 */
@Component
class RfmScoresCatchUp {
    private static final Logger log = LoggerFactory.getLogger(RfmScoresCatchUp.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final CustomerMetricsService metrics;
    private final boolean enabled;

    RfmScoresCatchUp(
            NamedParameterJdbcTemplate jdbc,
            CustomerMetricsService metrics,
            @Value("${keyuan.metrics.catch-up-on-start:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.enabled = enabled;
    }

    /**
     * Only a serving portal catches up; a command-line run (bench, import) must not start work behind itself, and
     * the browser journeys switch it off so that no refresh runs under them.
     */
    @EventListener(WebServerInitializedEvent.class)
    void onServerStarted() {
        if (enabled) {
            onStart();
        }
    }

    /** The job that catches up, when one was needed. */
    java.util.Optional<io.keyuan.shared.jobs.JobId> onStart() {
        if (!needed()) {
            return java.util.Optional.empty();
        }
        io.keyuan.shared.jobs.JobId job = metrics.catchUp();
        log.info("Customers have purchases but RFM cut points were never taken: refreshing metrics once (job {})", job);
        return java.util.Optional.of(job);
    }

    boolean needed() {
        Boolean never = jdbc.queryForObject(
                "SELECT k.computed_at IS NULL AND EXISTS (SELECT 1 FROM customer_metrics m"
                        + " WHERE m.last_purchase IS NOT NULL) FROM customer_rfm_cuts k WHERE k.id = 1",
                Map.of(),
                Boolean.class);
        return Boolean.TRUE.equals(never);
    }
}
