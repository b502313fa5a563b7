package io.keyuan.shared.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrated databases of their own for tests that run outside Spring, such as jqwik properties (jqwik's engine has
 * no Spring test context): the local MariaDB when it answers, as the integration tests choose, else an embedded one
 * in its own data directory. Each is recreated once per JVM and migrated by Flyway exactly as the application's.
 */
public final class TestDatabases {
    private static final Map<String, DataSource> MIGRATED = new ConcurrentHashMap<>();

    private TestDatabases() {}

    /** The database {@code <integration test database>_<suffix>}, fresh and migrated on first use in this JVM. */
    public static DataSource migrated(String suffix) {
        String name = System.getProperty("keyuan.db.local-database", "keyuan_test") + "_" + suffix;
        return MIGRATED.computeIfAbsent(name, n -> {
            HikariDataSource dataSource = fresh(suffix, n);
            migrate(dataSource, null);
            return dataSource;
        });
    }

    /**
     * The database {@code <integration test database>_<suffix>}, fresh on first use in this JVM and migrated up to
     * {@code version} only: for a test of a later migration over data as it was before, which then calls
     * {@link #migrate}, and closes it. Use each suffix for one such test.
     */
    public static HikariDataSource migratedTo(String suffix, String version) {
        String name = System.getProperty("keyuan.db.local-database", "keyuan_test") + "_" + suffix;
        HikariDataSource dataSource = fresh(suffix, name);
        migrate(dataSource, version);
        return dataSource;
    }

    /** Applies the application's migrations up to {@code version} (all of them when null), as the application does. */
    public static void migrate(DataSource dataSource, String version) {
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .outOfOrder(true);
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }

    /** A fresh, empty database {@code n}: the local server's when it answers, else an embedded one. */
    private static HikariDataSource fresh(String suffix, String n) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-" + suffix);
        config.setMaximumPoolSize(2);
        if (LocalTestDatabase.answers()) {
            config.setJdbcUrl(LocalTestDatabase.fresh(n));
            config.setUsername("root");
            config.setPassword("");
        } else {
            DatabaseConfiguration.EmbeddedDatabase db = DatabaseConfiguration.EmbeddedDatabase.start(
                    new File(System.getProperty("java.io.tmpdir"), "keyuan-test/mariadb-" + suffix), 0, n);
            config.setJdbcUrl(db.jdbcUrl());
            config.setUsername(db.user());
            config.setPassword(db.password());
        }
        config.addDataSourceProperty("useUnicode", "true");
        config.addDataSourceProperty("characterEncoding", "utf8mb4");
        config.addDataSourceProperty("sessionVariables", "time_zone='+00:00'");
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("preserveInstants", "true");
        return new HikariDataSource(config);
    }
}
