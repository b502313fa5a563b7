package io.keyuan.shared.db;

import io.keyuan.shared.StaleEditException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who saved a record and when, for a save that lost the race after its version check (the optimistic lock
 * failed at flush): read with a lock in the caller's transaction, since a plain read there would see the
 * snapshot from before the other save.
 */
@Component
public class StaleEdits {
    private final NamedParameterJdbcTemplate jdbc;

    StaleEdits(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /** The refusal naming the last saver of row {@code id} of {@code table} (an audited table). */
    public StaleEditException latest(String table, Long id) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        if (id == null) {
            return StaleEditException.deleted();
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT updated_by, updated_at FROM " + table + " WHERE id = :id FOR UPDATE", Map.of("id", id));
        if (rows.isEmpty()) {
            return StaleEditException.deleted();
        }
        return new StaleEditException(
                (String) rows.getFirst().get("updated_by"), utc(rows.getFirst().get("updated_at")));
    }

    /** A DATETIME column as written with {@code hibernate.jdbc.time_zone=UTC}. */
    static Instant utc(Object column) {
        return switch (column) {
            case null -> null;
            case Instant i -> i;
            case Timestamp t -> t.toLocalDateTime().toInstant(ZoneOffset.UTC);
            case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            default -> null;
        };
    }
}
