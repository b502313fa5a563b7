package io.keyuan.pricing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The health check's issues, worst first, with the count of each kind (every kind present, 0 when clean), when the
 * check ran and who ran it (the user name; null for a check run directly, not as a job).
 */
public record HealthReport(
        List<HealthIssue> issues, Map<HealthIssue.Kind, Integer> counts, Instant checkedAt, String checkedBy) {
    public HealthReport {
        issues = List.copyOf(issues);
        counts = Map.copyOf(counts);
    }

    static HealthReport of(List<HealthIssue> issues, Instant at, String by) {
        Map<HealthIssue.Kind, Integer> counts = new EnumMap<>(HealthIssue.Kind.class);
        for (HealthIssue.Kind k : HealthIssue.Kind.values()) {
            counts.put(k, 0);
        }
        issues.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
        return new HealthReport(issues, counts, at, by);
    }

    public boolean clean() {
        return issues.isEmpty();
    }
}
