package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import io.keyuan.customer.ui.CustomerListView;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.jobs.TestJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JobsPanelTest extends KeyuanViewTest {
    @Autowired
    JobService jobs;

    private final List<String> held = new ArrayList<>();

    @AfterEach
    void openGates() {
        held.forEach(TestJobs::open);
    }

    private String holding() {
        String token = "p" + unique();
        TestJobs.hold(token);
        held.add(token);
        return token;
    }

    private JobId submit(String token, boolean file, String fail) {
        return jobs.submit(JobRequest.of(TestJobs.KIND, new TestJobs.Parameters(token, 2, file, fail))
                .about("jobs.subject.file", "文件-" + token + ".xlsx"));
    }

    private JobsDialog openJobs() {
        navigate(CustomerListView.class);
        test($(JobsButton.class).id("jobs-button")).click();
        return $(JobsDialog.class).single();
    }

    private static int rowOf(JobsPanel panel, JobId id) {
        List<JobView> items = panel.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private Optional<Component> action(JobsPanel panel, JobId id, String prefix) {
        int row = rowOf(panel, id);
        Component cell = test(panel.grid).getCellComponent(row, test(panel.grid).getColumnPosition("actions"));
        return cell.getChildren()
                .filter(c -> c.getId().filter((prefix + id)::equals).isPresent())
                .findFirst();
    }

    /** Lets pushed updates reach the page until {@code done} holds (or a minute has passed). */
    private static void until(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            runPendingUiTasks();
        }
    }

    @Test
    void a_new_user_sees_the_empty_state_and_then_their_finished_job_with_its_download_but_not_others_jobs()
            throws Exception {
        String other = "p" + unique();
        loginAs("panel.other." + unique(), Role.STAFF);
        JobId theirs = submit(other, true, null);
        loginAs("panel.user." + unique(), Role.STAFF);

        JobsDialog dialog = openJobs();
        assertThat(dialog.panel.items()).isEmpty();
        assertThat(dialog.panel.grid.getEmptyStateText()).isEqualTo(t("jobs.empty"));
        assertThat(dialog.panel.everyone.isVisible())
                .as("staff see their own jobs only")
                .isFalse();
        dialog.close();

        JobId mine = submit("p" + unique(), true, null);
        assertThat(jobs.await(mine, Duration.ofMinutes(1)).status()).isEqualTo(JobStatus.SUCCEEDED);
        dialog = openJobs();

        JobsPanel panel = dialog.panel;
        assertThat(panel.items()).extracting(JobView::id).containsExactly(mine).doesNotContain(theirs);
        assertThat(test(panel.grid).getCellText(0, test(panel.grid).getColumnPosition("subject")))
                .startsWith("文件-")
                .endsWith(".xlsx");
        assertThat(test(panel.grid)
                        .getCellComponent(0, test(panel.grid).getColumnPosition("status"))
                        .getElement()
                        .getTextRecursively())
                .contains(t("enum.JobStatus.SUCCEEDED"));
        assertThat(test(panel.grid).getCellText(0, test(panel.grid).getColumnPosition("started")))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(action(panel, mine, "job-download-")).get().isInstanceOf(Anchor.class);
        assertThat(action(panel, mine, "job-cancel-")).isEmpty();
    }

    @Test
    void a_running_job_is_cancelled_from_the_panel_and_then_retried_and_the_badge_counts_it() throws Exception {
        loginAs("panel.cancel." + unique(), Role.STAFF);
        String token = holding();
        JobId running = submit(token, false, null);
        TestJobs.awaitRunning(token);
        navigate(CustomerListView.class);
        JobsButton button = $(JobsButton.class).id("jobs-button");
        assertThat(button.badge.isVisible()).isTrue();
        assertThat(button.badge.getText()).isEqualTo("1");

        JobsDialog dialog = openJobs();
        JobsPanel panel = dialog.panel;
        assertThat(test(panel.grid)
                        .getCellComponent(0, test(panel.grid).getColumnPosition("status"))
                        .getElement()
                        .getTextRecursively())
                .contains(t("enum.JobStatus.RUNNING"));
        test((Button) action(panel, running, "job-cancel-").orElseThrow()).click();
        TestJobs.open(token);
        until(() -> !panel.items().getFirst().active());

        assertThat(panel.items().getFirst().status()).isEqualTo(JobStatus.CANCELLED);
        Button retry = (Button) action(panel, running, "job-retry-").orElseThrow();
        test(retry).click();
        until(() -> panel.items().size() == 2 && !panel.items().getFirst().active());
        JobView again = panel.items().getFirst();
        assertThat(again.retryOf()).isEqualTo(running);
        assertThat(again.status()).isEqualTo(JobStatus.SUCCEEDED);
        until(() -> !button.badge.isVisible());
        assertThat(button.badge.isVisible()).as("nothing running any more").isFalse();
    }

    @Test
    void a_failed_job_says_why_in_words() throws Exception {
        loginAs("panel.failed." + unique(), Role.STAFF);
        JobId failed = submit("p" + unique(), false, "boom");
        jobs.await(failed, Duration.ofMinutes(1));

        JobsPanel panel = openJobs().panel;

        String status = test(panel.grid)
                .getCellComponent(0, test(panel.grid).getColumnPosition("status"))
                .getElement()
                .getTextRecursively();
        assertThat(status).contains(t("enum.JobStatus.FAILED"), t("jobs.error.unexpected"));
        assertThat(status).doesNotContain("Exception", "at io.keyuan");
    }

    @Test
    void an_admin_may_show_everyones_jobs_with_who_started_them() throws Exception {
        String staff = "panel.staff." + unique();
        loginAs(staff, Role.STAFF);
        JobId theirs = submit("p" + unique(), true, null);
        jobs.await(theirs, Duration.ofMinutes(1));
        loginAs(ADMIN_USER, Role.ADMIN);
        JobsPanel panel = openJobs().panel;
        assertThat(panel.everyone.isVisible()).isTrue();
        assertThat(panel.items()).extracting(JobView::id).doesNotContain(theirs);

        panel.everyone.setValue(true);

        assertThat(panel.items()).extracting(JobView::id).contains(theirs);
        assertThat(panel.grid.getColumnByKey("owner").isVisible()).isTrue();
        assertThat(test(panel.grid)
                        .getCellText(rowOf(panel, theirs), test(panel.grid).getColumnPosition("owner")))
                .isEqualTo(staff);
        assertThat(action(panel, theirs, "job-download-"))
                .as("admins may fetch any result")
                .isPresent();
    }

    @Test
    void closing_the_panel_removes_its_watchers() throws Exception {
        loginAs("panel.leak." + unique(), Role.STAFF);
        String token = holding();
        JobId running = submit(token, false, null);
        TestJobs.awaitRunning(token);
        JobsDialog dialog = openJobs();
        assertThat(dialog.panel.items()).extracting(JobView::id).contains(running);
        assertThat(dialog.panel.watching())
                .as("the running job and the user's count")
                .isEqualTo(2);

        dialog.close();
        com.vaadin.browserless.internal.MockVaadin.clientRoundtrip();

        assertThat(dialog.panel.watching()).as("no watcher left behind").isZero();
    }
}
