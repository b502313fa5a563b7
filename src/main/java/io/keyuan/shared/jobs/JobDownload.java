package io.keyuan.shared.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A finished job's result file, handed out by {@link JobService#download} after the caller was checked: its name and
 * type for the browser, and the bytes on demand.
 */
public final class JobDownload {
    private final String fileName;
    private final String contentType;
    private final long size;
    private final Path file;

    JobDownload(String fileName, String contentType, long size, Path file) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.size = size;
        this.file = file;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    /** Copies the file to {@code out}; refused when the file was deleted meanwhile (it expired). */
    public void transferTo(OutputStream out) {
        try {
            Files.copy(file, out);
        } catch (NoSuchFileException e) {
            throw new io.keyuan.shared.KeyuanException("jobs.error.result-gone");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
