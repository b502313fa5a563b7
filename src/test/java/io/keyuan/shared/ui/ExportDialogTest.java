package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.internal.MockVaadin;
import io.keyuan.customer.ui.CustomerListView;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.jobs.TestJobs;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsStaff
class ExportDialogTest extends KeyuanViewTest {
    @Autowired
    JobService jobs;

    private String token;

    @AfterEach
    void openGate() {
        if (token != null) {
            TestJobs.open(token);
        }
    }

    private ExportDialog start(boolean hold) throws InterruptedException {
        token = "e" + unique();
        if (hold) {
            TestJobs.hold(token);
        }
        navigate(CustomerListView.class);
        ExportDialog dialog = ExportDialog.start(
                        $(CustomerListView.class).single(),
                        jobs,
                        JobRequest.of(TestJobs.KIND, TestJobs.params(token, 3, true))
                                .about("jobs.subject.file", token + ".xlsx"))
                .orElseThrow();
        MockVaadin.clientRoundtrip();
        if (hold) {
            TestJobs.awaitRunning(token);
        }
        return dialog;
    }

    private static void until(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
    }

    @Test
    void the_dialog_shows_the_jobs_progress_and_then_its_download() throws Exception {
        ExportDialog dialog = start(true);
        assertThat(dialog.status.getText()).isNotBlank();
        assertThat(dialog.download.isVisible()).isFalse();
        assertThat(dialog.hint.getText()).isEqualTo(t("export.keeps-running"));

        TestJobs.open(token);
        until(dialog.download::isVisible);

        assertThat(dialog.download.isVisible()).isTrue();
        assertThat(dialog.progress.getValue()).isEqualTo(1.0);
        assertThat(dialog.cancel.isVisible()).isFalse();
        assertThat(dialog.status.getText()).isEqualTo(t("export.done", "3"));
    }

    @Test
    void closing_the_dialog_keeps_the_export_which_waits_in_my_jobs_and_drops_the_dialogs_watcher() throws Exception {
        ExportDialog dialog = start(true);
        assertThat(dialog.watch().subscribed()).isTrue();

        dialog.close();
        MockVaadin.clientRoundtrip();
        assertThat(dialog.watch().subscribed())
                .as("no listener outlives the dialog")
                .isFalse();
        TestJobs.open(token);

        JobView done = jobs.await(dialog.job(), Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.resultAvailable()).isTrue();
        assertThat(jobs.mine(5)).extracting(JobView::id).contains(dialog.job());
    }

    @Test
    void cancel_in_the_dialog_stops_the_export_and_says_so() throws Exception {
        ExportDialog dialog = start(true);

        test(dialog.cancel).click();
        TestJobs.open(token);
        until(() -> dialog.status.getText().equals(t("export.cancelled")));

        assertThat(dialog.status.getText()).isEqualTo(t("export.cancelled"));
        assertThat(dialog.download.isVisible()).isFalse();
        assertThat(jobs.get(dialog.job()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_refused_export_says_why_and_opens_no_dialog() {
        navigate(CustomerListView.class);

        var dialog = ExportDialog.start(
                $(CustomerListView.class).single(), jobs, JobRequest.of("funnel-report-export", java.util.Map.of()));

        assertThat(dialog).isEmpty();
        assertThat(notificationTexts()).contains(t("error.forbidden"));
    }
}
