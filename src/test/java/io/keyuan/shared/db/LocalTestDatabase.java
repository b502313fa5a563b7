package io.keyuan.shared.db;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Test code only: when a test context asks for it ({@code keyuan.db.probe-local=true}) and the MariaDB server on
 * 127.0.0.1:3306 (root, no password) answers, drops and recreates the database {@code keyuan.db.local-database} once
 * per JVM, before the context starts, and points {@code keyuan.db.url} at it — so every test run starts from the
 * migrations, and the application itself has no code that can drop a database. Registered in
 * src/test/resources/META-INF/spring.factories.
 */
public final class LocalTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static final Set<String> RECREATED = new HashSet<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        boolean probe = env.getProperty("keyuan.db.probe-local", Boolean.class, false);
        String url = env.getProperty("keyuan.db.url", "");
        if (!probe || !url.isBlank()) {
            return;
        }
        if (!answers()) {
            freshEmbedded(env.getProperty("keyuan.db.embedded.data-dir", ""));
            return;
        }
        String name = env.getProperty("keyuan.db.local-database", "keyuan_test");
        fresh(name);
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "keyuanLocalTestDatabase",
                        Map.of(
                                "keyuan.db.url", "jdbc:mariadb://127.0.0.1:3306/" + name,
                                "keyuan.db.user", "root",
                                "keyuan.db.password", "")));
    }

    static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 3306), 500);
        } catch (Exception e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", credentials())) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    /** Drops and recreates the test database once per JVM; only names of test databases are accepted. */
    static String fresh(String name) {
        if (!name.matches("keyuan_test[a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a test database name: " + name);
        }
        synchronized (RECREATED) {
            if (RECREATED.add(name)) {
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", credentials());
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                    s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                } catch (Exception e) {
                    RECREATED.remove(name);
                    throw new IllegalStateException("Could not prepare database " + name, e);
                }
            }
        }
        return "jdbc:mariadb://127.0.0.1:3306/" + name;
    }

    /**
     * No local server: the tests fall back to the embedded MariaDB, whose data directory the application keeps
     * between runs; a test run starts it empty, as it does the local database (test folders only).
     */
    static void freshEmbedded(String dataDir) {
        if (dataDir.isBlank() || !dataDir.contains("keyuan-test")) {
            return;
        }
        synchronized (RECREATED) {
            if (RECREATED.add("embedded:" + dataDir)) {
                try {
                    org.springframework.util.FileSystemUtils.deleteRecursively(java.nio.file.Path.of(dataDir));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("Could not empty the test data directory " + dataDir, e);
                }
            }
        }
    }

    private static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "2000");
        return p;
    }
}
