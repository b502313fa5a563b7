package io.keyuan.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.streams.FileUploadCallback;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Uploads that enforce their size limit on the server. {@code Upload.setMaxFileSize} is checked in the browser only:
 * a request that bypasses it would write any number of bytes to the temp folder. Every upload of the portal goes
 * through {@link #toTempFile}: it counts the bytes while receiving, stops reading as soon as they pass the limit,
 * deletes the partial file, rejects the upload with a translated message and calls nothing but the "too big" hook.
 */
public final class Uploads {
    static final String TOO_BIG = "upload.too-big";
    private static final int BUFFER = 64 * 1024;

    private Uploads() {}

    /**
     * Receives one file into a temp file of at most {@code maxBytes} bytes, then calls {@code received} (in the UI's
     * access, as Vaadin's own temp-file handler does not) — or, when the file is larger, {@code tooBig} with the
     * translated message (also in the UI's access), having deleted what was written.
     */
    public static UploadHandler toTempFile(long maxBytes, FileUploadCallback received, Consumer<String> tooBig) {
        return new LimitedTempFileHandler(maxBytes, received, tooBig);
    }

    /** The message a user sees when a file is over the limit. */
    public static String tooBigMessage(Locale locale, long maxBytes) {
        return I18NProvider.translate(locale, TOO_BIG, Math.max(1, maxBytes / (1024 * 1024)));
    }

    /** The receiving itself, apart from Vaadin's request plumbing so that it can be driven with any stream. */
    static Path receive(InputStream in, long maxBytes) throws IOException {
        Path file = Files.createTempFile("keyuan-upload-", ".part");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes - total + 1))) > 0) {
                total += n;
                if (total > maxBytes) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
            kept = true;
            return file;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    static final class LimitedTempFileHandler implements UploadHandler {
        private final long maxBytes;
        private final FileUploadCallback received;
        private final Consumer<String> tooBig;

        LimitedTempFileHandler(long maxBytes, FileUploadCallback received, Consumer<String> tooBig) {
            this.maxBytes = maxBytes;
            this.received = received;
            this.tooBig = tooBig;
        }

        @Override
        public long getFileSizeMax() {
            return maxBytes;
        }

        @Override
        public void handleUploadRequest(UploadEvent event) throws IOException {
            UI ui = event.getUI();
            Locale locale = ui != null ? ui.getLocale() : Locale.SIMPLIFIED_CHINESE;
            if (event.getFileSize() > maxBytes) {
                refuse(event, ui, locale);
                return;
            }
            Path file;
            try (InputStream in = event.getInputStream()) {
                file = receive(in, maxBytes);
            }
            if (file == null) {
                refuse(event, ui, locale);
                return;
            }
            UploadMetadata metadata = new UploadMetadata(event.getFileName(), event.getContentType(), Files.size(file));
            File received = file.toFile();
            run(ui, () -> {
                try {
                    this.received.complete(metadata, received);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        private void refuse(UploadEvent event, UI ui, Locale locale) {
            String message = tooBigMessage(locale, maxBytes);
            event.reject(message);
            run(ui, () -> tooBig.accept(message));
        }

        private static void run(UI ui, Runnable work) {
            if (ui != null) {
                ui.access(work::run);
            } else {
                work.run();
            }
        }
    }
}
