package io.keyuan.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Every {@value #STEP}th sort key of the unfiltered customer list, per sort order, so that a page deep in a
 * million rows starts from the nearest sampled key (a keyset seek) and skips at most {@value #STEP} rows, instead of
 * having MariaDB count half a million index entries for an OFFSET. A sample is built by one streamed pass over the
 * sort index in the background; after a change, or {@value #TTL_MILLIS} ms, it is resampled while the old one keeps
 * serving, so a deep page can be shifted by the rows added or removed since the last sample — never more. Until
 * the first sample exists, pages are read the plain way.
 */
final class PositionSamples {
    static final int STEP = 1_000;
    static final long TTL_MILLIS = 60_000;

    /** The sampled row at {@code position} (0-based) in the given order. */
    record Anchor(int position, Object key, long id) {
        /** The rows from this anchor on, in the sort's direction; the values are bound, never inlined. */
        String condition(CustomerSort sort, MapSqlParameterSource params) {
            params.addValue("anchorKey", key).addValue("anchorId", id);
            String cmp = sort.ascending() ? ">" : "<";
            if (sort.field() == CustomerSort.Field.ID) {
                return "c.id " + cmp + "= :anchorId";
            }
            String col = sort.field().column();
            return "(" + col + " " + cmp + " :anchorKey OR (" + col + " = :anchorKey AND c.id " + cmp + "= :anchorId))";
        }
    }

    private record Sample(long builtAt, List<Object> keys, long[] ids) {}

    private final DataSource dataSource;
    private final Clock clock;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PositionSamples.class);
    private static final java.util.concurrent.ExecutorService BUILDER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "keyuan-customer-order-sampler");
                t.setDaemon(true);
                return t;
            });
    private final Map<CustomerSort, Sample> samples = new ConcurrentHashMap<>();
    private final java.util.Set<CustomerSort> building = ConcurrentHashMap.newKeySet();

    private final int step;

    PositionSamples(DataSource dataSource, Clock clock) {
        this(dataSource, clock, STEP);
    }

    PositionSamples(DataSource dataSource, Clock clock, int step) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.step = step;
    }

    /** Sort orders whose key is never null, so that a keyset seek is exact. */
    static boolean supports(CustomerSort sort) {
        return switch (sort.field()) {
            case ID, NAME, CODE -> true;
            default -> false;
        };
    }

    /** This node changed customers: samples are still close, but resampled on their next use. */
    void expire() {
        samples.replaceAll((sort, sample) -> new Sample(0, sample.keys(), sample.ids()));
    }

    void clear() {
        samples.clear();
    }

    /**
     * The nearest sampled row at or before {@code offset}, or null while there is no sample yet (the caller then
     * pages the plain way). A missing or old sample is (re)built in the background, one at a time per order, so no
     * request waits for a pass over the index.
     */
    Anchor anchor(CustomerSort sort, int offset) {
        Sample sample = samples.get(sort);
        if (sample == null || clock.millis() - sample.builtAt() > TTL_MILLIS) {
            rebuildInBackground(sort);
        }
        if (sample == null) {
            return null;
        }
        int index = offset / step;
        if (index >= sample.ids().length) {
            return null;
        }
        return new Anchor(index * step, sample.keys().get(index), sample.ids()[index]);
    }

    private void rebuildInBackground(CustomerSort sort) {
        if (!building.add(sort)) {
            return;
        }
        BUILDER.execute(() -> {
            try {
                samples.put(sort, build(sort));
            } catch (RuntimeException e) {
                log.warn("Sampling the customer order {} failed: {}", sort, e.getMessage());
            } finally {
                building.remove(sort);
            }
        });
    }

    /** True when a sample for this order is in place (tests and benchmarks wait for it). */
    boolean ready(CustomerSort sort) {
        return samples.containsKey(sort) && !building.contains(sort);
    }

    private Sample build(CustomerSort sort) {
        String dir = sort.ascending() ? "ASC" : "DESC";
        String sql = sort.field() == CustomerSort.Field.ID
                ? "SELECT c.id, c.id FROM customer c ORDER BY c.id " + dir
                : "SELECT " + sort.field().column() + ", c.id FROM customer c ORDER BY "
                        + sort.field().column() + " " + dir + ", c.id " + dir;
        long started = clock.millis();
        List<Object> keys = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                long row = 0;
                while (rs.next()) {
                    if (row++ % step == 0) {
                        keys.add(rs.getObject(1));
                        ids.add(rs.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not sample the customer order " + sort, e);
        }
        return new Sample(started, keys, ids.stream().mapToLong(Long::longValue).toArray());
    }
}
