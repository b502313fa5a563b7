package io.keyuan.shared.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The jobs folder: one sub-folder per job, named by its id, holding {@code input/} (what the job reads, kept for a
 * retry), {@code work/} (scratch) and {@code result} (what it wrote; {@code result.part} while it writes). Folders
 * and files are readable by the portal's own OS user only, since they hold customer data.
 */
@Component
class JobFiles {
    static final String INPUT = "input";
    static final String WORK = "work";
    static final String RESULT = "result";
    static final String PART = "result.part";

    private static final Logger log = LoggerFactory.getLogger(JobFiles.class);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    /**
     * Under the configured folder, one folder per database: the portal, the benchmarks (their own database) and the
     * tests may share a home folder, and each sweeps only the job folders its own table knows.
     */
    JobFiles(JobSettings settings, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        String database = jdbc.queryForObject("SELECT DATABASE()", String.class);
        String name = database == null ? "default" : database.replaceAll("[^A-Za-z0-9_.-]", "_");
        this.root = settings.directory.resolve(name);
    }

    Path root() {
        return root;
    }

    Path folder(long id) {
        return root.resolve(Long.toString(id));
    }

    /** The job's folder, created (owner-only) if missing. */
    Path ensureFolder(long id) throws IOException {
        createPrivateDirectories(root);
        Path folder = folder(id);
        createPrivateDirectories(folder);
        return folder;
    }

    Path ensureSubFolder(long id, String name) throws IOException {
        Path sub = ensureFolder(id).resolve(name);
        createPrivateDirectories(sub);
        return sub;
    }

    /** Copies {@code source} into the job's input folder; returns the stored path relative to the jobs folder. */
    String storeInput(long id, Path source) throws IOException {
        Path target = ensureSubFolder(id, INPUT).resolve("file");
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        restrict(target);
        return root.relativize(target).toString();
    }

    /** The file a relative path from the table names, or null when it does not name one inside the jobs folder. */
    Path resolve(String relative) {
        if (relative == null) {
            return null;
        }
        Path p = root.resolve(relative).normalize();
        return p.startsWith(root) ? p : null;
    }

    Path newResultPart(long id) throws IOException {
        Path part = ensureFolder(id).resolve(PART);
        Files.deleteIfExists(part);
        Files.createFile(part);
        restrict(part);
        return part;
    }

    /** Turns the written part into the result; returns its path relative to the jobs folder. */
    String publishResult(long id) throws IOException {
        Path folder = folder(id);
        Path result = folder.resolve(RESULT);
        Files.move(folder.resolve(PART), result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return root.relativize(result).toString();
    }

    /** Deletes what a job that did not succeed wrote, keeping its input for a retry. */
    void deleteOutputs(long id) {
        Path folder = folder(id);
        delete(folder.resolve(PART));
        delete(folder.resolve(RESULT));
        delete(folder.resolve(WORK));
    }

    /** Deletes everything of the job. */
    void deleteAll(long id) {
        delete(folder(id));
    }

    /** The ids of the job folders present in the jobs folder (on this node's disk, or the shared one). */
    List<Long> folderIds() {
        List<Long> ids = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return ids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && name.matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            log.warn("Could not list the jobs folder {}: {}", root, e.toString());
        }
        return ids;
    }

    boolean hasAnyFile(long id) {
        return Files.exists(folder(id));
    }

    static void delete(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // deleted meanwhile by another node's sweep of a shared folder
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + p, e);
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException ignored) {
            // another worker made it first
        }
        restrictDirectory(dir);
    }

    private static void restrictDirectory(Path dir) {
        try {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder keeps its default rights
        }
    }

    static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system
        }
    }
}
