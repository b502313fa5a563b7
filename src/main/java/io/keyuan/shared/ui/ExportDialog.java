package io.keyuan.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * Runs an export in the background into a temporary file, with a progress bar and a cancel button, then offers
 * the file for download — so that a million-row export neither freezes the page nor ties a download to a
 * browser that waits a minute for the first byte. The file is deleted when the dialog closes.
 */
public class ExportDialog extends Dialog {
    private static final ExecutorService EXPORTS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "keyuan-export");
        t.setDaemon(true);
        return t;
    });

    /** The export itself: writes to {@code out}, reports rows written, stops when asked; returns the row count. */
    @FunctionalInterface
    public interface Work {
        long write(OutputStream out, LongConsumer progress, BooleanSupplier cancelled);
    }

    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final Button cancel = new Button();
    final Anchor download = new Anchor();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Path file;
    private volatile boolean open = true;

    public ExportDialog(String fileName, long expectedRows, Work work) {
        setHeaderTitle(getTranslation("export.title"));
        setId("export-dialog");
        setWidth("460px");
        setCloseOnOutsideClick(false);
        status.setId("export-status");
        status.setText(getTranslation("export.running", Formats.number(expectedRows, getLocale())));
        progress.setId("export-progress");
        progress.setValue(0);
        cancel.setText(getTranslation("action.cancel"));
        cancel.setId("export-cancel");
        cancel.addClickListener(e -> {
            cancelled.set(true);
            close();
        });
        Button downloadButton = new Button(getTranslation("export.download"), VaadinIcon.DOWNLOAD_ALT.create());
        downloadButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        download.setId("export-download");
        download.add(downloadButton);
        download.setVisible(false);
        download.setHref((DownloadHandler) event -> {
            event.setFileName(fileName);
            event.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            Path f = file;
            if (f != null) {
                try {
                    Files.copy(f, event.getOutputStream());
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        });
        add(status, progress);
        getFooter().add(cancel, download);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                open = false;
                cancelled.set(true);
                deleteFile();
            }
        });
        start(expectedRows, work);
    }

    private void start(long expectedRows, Work work) {
        UI ui = UI.getCurrent();
        long[] last = {0};
        EXPORTS.submit(new DelegatingSecurityContextRunnable(() -> {
            Path target = null;
            try {
                target = Files.createTempFile("keyuan-export", ".xlsx");
                long rows;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
                    rows = work.write(
                            out,
                            done -> {
                                long now = System.nanoTime();
                                if (now - last[0] > 250_000_000L) {
                                    last[0] = now;
                                    ui.access(() -> progress.setValue(
                                            Math.min(1.0, done / (double) Math.max(1, expectedRows))));
                                }
                            },
                            cancelled::get);
                }
                file = target;
                Path written = target;
                ui.access(() -> {
                    if (!open) {
                        deleteFile();
                        return;
                    }
                    progress.setValue(1.0);
                    status.setText(getTranslation("export.done", Formats.number(rows, getLocale())));
                    download.setVisible(true);
                    cancel.setText(getTranslation("action.close"));
                });
                if (!open) {
                    Files.deleteIfExists(written);
                }
            } catch (CancellationException e) {
                delete(target);
            } catch (IOException | RuntimeException e) {
                delete(target);
                ui.access(() -> {
                    status.setText(getTranslation("export.failed"));
                    progress.setVisible(false);
                });
            }
        }));
    }

    private static void delete(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private void deleteFile() {
        delete(file);
        file = null;
    }
}
