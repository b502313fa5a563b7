package io.keyuan.shared.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The embedded server's root password: generated on its first start, kept beside the data directory in
 * {@code mariadb-root.secret}, readable by the portal's OS user only (as is the data directory), so that another
 * local user can neither log in to the server nor read its files.
 *
 * <p>Crash safety: the new password is written to {@code mariadb-root.secret.new} before the server is told it, and
 * that file becomes the secret only after; a start that finds the {@code .new} file tries it before the empty
 * password, so a crash between the two steps never locks the portal out of its own data.
 */
final class RootPassword {
    static final String FILE = "mariadb-root.secret";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path secret;
    private final Path pending;

    RootPassword(Path home) throws IOException {
        Files.createDirectories(home);
        this.secret = home.resolve(FILE);
        this.pending = home.resolve(FILE + ".new");
    }

    /** Whether a password was set before: then the server starts with its grant tables. */
    boolean isSet() {
        return Files.isRegularFile(secret);
    }

    /** The password to connect with, set first if there is none yet (the server then runs without grant tables). */
    String ensure(String serverUrl) throws IOException, SQLException {
        if (isSet()) {
            return read(secret);
        }
        String password = Files.isRegularFile(pending) ? read(pending) : null;
        if (password == null) {
            password = generate();
            write(pending, password);
        }
        try (Connection c = DriverManager.getConnection(serverUrl, "root", "");
                Statement s = c.createStatement()) {
            // Loads the grant tables: from here on this server checks every login.
            s.execute("FLUSH PRIVILEGES");
            List<String> accounts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT User, Host FROM mysql.user WHERE User IN ('root', '')")) {
                while (rs.next()) {
                    accounts.add(quote(rs.getString(1)) + "@" + quote(rs.getString(2)));
                }
            }
            for (String account : accounts) {
                if (account.startsWith("''@")) {
                    s.execute("DROP USER " + account);
                }
            }
            // The password has only letters and digits, so it can stand in the statement as it is.
            s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
            for (String account : accounts) {
                if (!account.startsWith("''@")) {
                    s.execute("ALTER USER " + account + " IDENTIFIED BY '" + password + "'");
                }
            }
            s.execute("ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + password + "'");
            s.execute("FLUSH PRIVILEGES");
        } catch (SQLException e) {
            // A start after a crash between setting the password and keeping it: the pending one is the password.
            try (Connection c = DriverManager.getConnection(serverUrl, "root", password)) {
                c.isValid(5);
            } catch (SQLException second) {
                e.addSuppressed(second);
                throw e;
            }
        }
        move(pending, secret);
        return password;
    }

    /** Owner-only permissions on a directory and what is in it (where the file system has POSIX permissions). */
    static void ownerOnly(Path dir) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.setPosixFilePermissions(dir, OWNER_DIR);
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static void write(Path file, String password) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String quote(String name) {
        return "'" + name.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
