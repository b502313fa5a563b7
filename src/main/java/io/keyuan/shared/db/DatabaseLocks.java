package io.keyuan.shared.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Named MariaDB locks for work that only one node may do at a time (scheduled refreshes). A lock belongs to the
 * connection that took it, so the lock is taken and released on one connection kept for the whole run: through a
 * pooled template the release could go to another connection and the lock would stay held.
 */
@Component
public class DatabaseLocks {
    private final DataSource dataSource;

    DatabaseLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} while holding the lock {@code name}; returns false at once, without running it, when
     * another session holds the lock.
     */
    public boolean runExclusively(String name, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!take(connection, name)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    release.setString(1, name);
                    release.executeQuery().close();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("database lock " + name, e);
        }
    }

    private static boolean take(Connection connection, String name) throws SQLException {
        try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            get.setString(1, name);
            try (ResultSet rs = get.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }
}
