package io.keyuan.insight;

import java.time.Instant;

/**
 * How current the channel figures are: {@code asOf} when the snapshot of the last full rebuild began (null: never
 * built), kept current since by every change; {@code pending} when a bulk change (an import, an undo) asked for a
 * rebuild that has not run yet ({@code requestedAt}); {@code rebuilding} while one runs.
 */
public record RollupStatus(
        Instant asOf,
        Instant rebuiltAt,
        Long rebuildMillis,
        Instant requestedAt,
        boolean pending,
        boolean rebuilding) {}
