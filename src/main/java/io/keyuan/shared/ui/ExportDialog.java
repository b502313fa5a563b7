package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/**
 * Watches an export job: progress, a cancel button, and the download once it is done. The export is a job of the
 * job service, not of this dialog: closing the dialog (or the tab) leaves it running, its file waits in "my jobs"
 * until it expires, and nothing of it is written to the system temp folder.
 */
public class ExportDialog extends Dialog {
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final Paragraph hint = new Paragraph();
    final Button cancel = new Button();
    final Button close = new Button();
    final Anchor download;
    private final JobService jobs;
    private final JobId job;
    private final JobWatch watch;
    private JobView last;

    /** Submits the export and opens its dialog; a refusal (queue full, too many jobs) shows as a notification. */
    public static Optional<ExportDialog> start(Component source, JobService jobs, JobRequest request) {
        JobId id;
        try {
            id = jobs.submit(request);
        } catch (KeyuanException | AccessDeniedException e) {
            Notifications.error(source, Notifications.describe(source, e));
            return Optional.empty();
        }
        ExportDialog dialog = new ExportDialog(jobs, id);
        dialog.open();
        return Optional.of(dialog);
    }

    public ExportDialog(JobService jobs, JobId job) {
        this.jobs = jobs;
        this.job = job;
        setHeaderTitle(getTranslation("export.title"));
        setId("export-dialog");
        setWidth("480px");
        setCloseOnOutsideClick(false);
        status.setId("export-status");
        progress.setId("export-progress");
        progress.setValue(0);
        hint.setId("export-hint");
        hint.addClassName("keyuan-audit");
        hint.setText(getTranslation("export.keeps-running"));
        cancel.setText(getTranslation("export.cancel"));
        cancel.setId("export-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        cancel.addClickListener(e -> cancel());
        close.setText(getTranslation("action.close"));
        close.setId("export-close");
        close.addClickListener(e -> close());
        download = JobDownloads.anchor(this, jobs, job);
        download.setId("export-download");
        Button downloadButton = new Button(getTranslation("export.download"), VaadinIcon.DOWNLOAD_ALT.create());
        downloadButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        download.add(downloadButton);
        download.setVisible(false);
        add(status, progress, hint);
        getFooter().add(cancel, close, download);
        watch = JobWatch.follow(this, jobs, job, this::show);
    }

    public JobId job() {
        return job;
    }

    void cancel() {
        Notifications.attempt(this, () -> jobs.cancel(job));
        if (last != null && last.status() == JobStatus.QUEUED) {
            close();
        }
    }

    void show(JobView view) {
        last = view;
        switch (view.status()) {
            case QUEUED, RUNNING -> {
                double fraction = view.fraction();
                progress.setIndeterminate(fraction < 0);
                if (fraction >= 0) {
                    progress.setValue(fraction);
                }
                if (view.cancelRequested()) {
                    status.setText(getTranslation("export.cancelling"));
                } else if (view.status() == JobStatus.RUNNING && view.progressTotal() > 0) {
                    status.setText(getTranslation(
                            "export.running",
                            Formats.number(view.progressDone(), getLocale()),
                            Formats.number(view.progressTotal(), getLocale())));
                } else {
                    status.setText(JobTexts.progress(this, view));
                }
                cancel.setEnabled(!view.cancelRequested());
            }
            case SUCCEEDED -> {
                progress.setIndeterminate(false);
                progress.setValue(1);
                Object rows = view.summary().getOrDefault("rows", view.progressDone());
                long n = rows instanceof Number number ? number.longValue() : view.progressDone();
                status.setText(getTranslation("export.done", Formats.number(n, getLocale())));
                hint.setText(getTranslation("export.kept", Formats.dateTime(view.expiresAt())));
                download.setVisible(view.resultAvailable());
                cancel.setVisible(false);
            }
            case CANCELLED -> ended(getTranslation("export.cancelled"));
            case FAILED -> ended(getTranslation("export.failed") + " " + JobTexts.error(this, view));
        }
    }

    private void ended(String text) {
        status.setText(text);
        progress.setVisible(false);
        hint.setVisible(false);
        cancel.setVisible(false);
    }

    JobWatch watch() {
        return watch;
    }
}
