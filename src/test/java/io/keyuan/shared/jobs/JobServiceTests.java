package io.keyuan.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(username = "job-owner", roles = "STAFF")
class JobServiceTests {
    static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    JobService jobs;

    @Autowired
    JobEngine engine;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    java.util.List<JobHandler> handlers;

    private final List<String> held = new ArrayList<>();

    @AfterEach
    void openEveryGate() {
        held.forEach(TestJobs::open);
    }

    private String holding() {
        String token = "t" + TestData.unique();
        TestJobs.hold(token);
        held.add(token);
        return token;
    }

    private static JobRequest request(TestJobs.Parameters p) {
        return JobRequest.of(TestJobs.KIND, p).about("jobs.subject.file", p.token());
    }

    private static <T> T as(String user, String role, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext c = SecurityContextHolder.createEmptyContext();
        List<SimpleGrantedAuthority> roles = switch (role) {
            case "ADMIN" ->
                List.of(
                        new SimpleGrantedAuthority("ROLE_ADMIN"),
                        new SimpleGrantedAuthority("ROLE_MANAGER"),
                        new SimpleGrantedAuthority("ROLE_STAFF"));
            case "MANAGER" ->
                List.of(new SimpleGrantedAuthority("ROLE_MANAGER"), new SimpleGrantedAuthority("ROLE_STAFF"));
            default -> List.of(new SimpleGrantedAuthority("ROLE_STAFF"));
        };
        c.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, roles));
        SecurityContextHolder.setContext(c);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private static String read(JobDownload d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_job_runs_as_its_owner_with_progress_pushed_to_a_watcher_and_a_result_file() throws Exception {
        String token = holding();
        JobId id = jobs.submit(request(TestJobs.params(token, 5, true)));
        List<JobView> heard = new CopyOnWriteArrayList<>();
        JobSubscription s = jobs.watch(id, heard::add);
        TestJobs.awaitRunning(token);
        assertThat(jobs.get(id).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(jobs.activeCount()).isGreaterThanOrEqualTo(1);

        TestJobs.open(token);
        JobView done = jobs.await(id, MINUTE);
        // the watchers hear of the end just after it is stored, on the job's thread
        long deadline = System.nanoTime() + MINUTE.toNanos();
        while (heard.stream().noneMatch(v -> v.status() == JobStatus.SUCCEEDED) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        s.remove();

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.owner()).isEqualTo("job-owner");
        assertThat(done.summary()).containsEntry("ranAs", "job-owner");
        assertThat(done.progressDone()).isEqualTo(5);
        assertThat(done.progressTotal()).isEqualTo(5);
        assertThat(done.startedAt()).isNotNull();
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.expiresAt()).isAfter(done.finishedAt().plus(Duration.ofHours(23)));
        assertThat(done.resultName()).isEqualTo("test-" + token + ".txt");
        assertThat(done.resultAvailable()).isTrue();
        assertThat(done.subjectArgs()).containsExactly(token);
        assertThat(heard).extracting(JobView::status).contains(JobStatus.RUNNING, JobStatus.SUCCEEDED);
        assertThat(jobs.mine(10)).extracting(JobView::id).contains(id);

        JobDownload file = jobs.download(id);
        assertThat(file.fileName()).isEqualTo("test-" + token + ".txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(read(file)).startsWith("row 1 " + token).contains("row 5 " + token);
        assertThat(engine.files().folder(id.value()))
                .as("kept in the configured jobs folder (target/keyuan-jobs in tests), not a temp file of its own")
                .startsWith(java.nio.file.Path.of("target", "keyuan-jobs").toAbsolutePath());
    }

    @Test
    void another_user_can_neither_see_cancel_nor_download_a_job_and_an_admin_can() throws Exception {
        JobId id = jobs.submit(request(TestJobs.params("t" + TestData.unique(), 1, true)));
        assertThat(jobs.await(id, MINUTE).status()).isEqualTo(JobStatus.SUCCEEDED);

        as("job-other", "MANAGER", () -> {
            assertThatThrownBy(() -> jobs.get(id)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.download(id)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.cancel(id)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.retry(id)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.watch(id, v -> {})).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> jobs.everyone(10)).isInstanceOf(AccessDeniedException.class);
            assertThat(jobs.mine(JobService.MAX_LIST)).extracting(JobView::id).doesNotContain(id);
            return null;
        });
        as("job-admin", "ADMIN", () -> {
            assertThat(read(jobs.download(id))).contains("row 1");
            assertThat(jobs.everyone(JobService.MAX_LIST))
                    .extracting(JobView::id)
                    .contains(id);
            return null;
        });
    }

    @Test
    void cancel_stops_a_running_job_and_deletes_its_partial_file() throws Exception {
        String token = holding();
        JobId id = jobs.submit(request(TestJobs.params(token, 3, true)));
        TestJobs.awaitRunning(token);
        Path part = engine.files().folder(id.value()).resolve(JobFiles.PART);
        assertThat(part).as("the job has begun its file").exists();

        assertThat(jobs.cancel(id)).isTrue();
        JobView end = jobs.await(id, MINUTE);

        assertThat(end.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(end.resultAvailable()).isFalse();
        assertThat(part).doesNotExist();
        assertThat(engine.files().folder(id.value()).resolve(JobFiles.RESULT)).doesNotExist();
        assertThatThrownBy(() -> jobs.download(id))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("jobs.error.no-result"));
        assertThat(jobs.cancel(id)).as("an ended job cannot be cancelled").isFalse();
    }

    @Test
    void a_queued_job_cancelled_before_a_worker_takes_it_never_runs() throws Exception {
        String first = holding();
        String second = holding();
        SystemActor.run(() -> {
            // both workers busy
            jobs.submit(request(TestJobs.params(first, 1, false)));
            jobs.submit(request(TestJobs.params(second, 1, false)));
        });
        TestJobs.awaitRunning(first);
        TestJobs.awaitRunning(second);
        JobId waiting = jobs.submit(request(TestJobs.params("t" + TestData.unique(), 1, false)));
        assertThat(jobs.get(waiting).status()).isEqualTo(JobStatus.QUEUED);

        assertThat(jobs.cancel(waiting)).isTrue();

        JobView end = jobs.get(waiting);
        assertThat(end.status()).isEqualTo(JobStatus.CANCELLED);
        TestJobs.open(first);
        TestJobs.open(second);
        JobView after = jobs.await(waiting, MINUTE);
        assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(after.startedAt()).as("never started").isNull();
        assertThat(after.summary()).doesNotContainKey("ranAs");
    }

    @Test
    void the_bounded_queue_refuses_a_job_when_every_worker_and_place_is_taken() throws Exception {
        JobSettings settings = engine.settings();
        int capacity = settings.workers + settings.queueCapacity;
        String token = holding();
        List<JobId> taken = new ArrayList<>();
        SystemActor.run(() -> {
            for (int i = 0; i < capacity; i++) {
                taken.add(jobs.submit(request(TestJobs.params(token, 1, false))));
            }
        });

        assertThatThrownBy(() -> SystemActor.run(() -> jobs.submit(request(TestJobs.params(token, 1, false)))))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("jobs.error.full");
                    assertThat(e.args()).containsExactly(capacity);
                });

        TestJobs.open(token);
        for (JobId id : taken) {
            assertThat(SystemActor.call(() -> jobs.await(id, MINUTE)).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
        assertThat(jobs.await(jobs.submit(request(TestJobs.params("t" + TestData.unique(), 1, false))), MINUTE)
                        .status())
                .as("the places are free again")
                .isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    @WithMockUser(username = "job-busy-user", roles = "STAFF")
    void one_user_may_not_have_more_than_a_few_jobs_going_at_once() throws Exception {
        String token = holding();
        int limit = engine.settings().perUser;
        List<JobId> mine = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            mine.add(jobs.submit(request(TestJobs.params(token, 1, false))));
        }

        assertThatThrownBy(() -> jobs.submit(request(TestJobs.params(token, 1, false))))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("jobs.error.too-many"));

        TestJobs.open(token);
        for (JobId id : mine) {
            assertThat(jobs.await(id, MINUTE).status()).isEqualTo(JobStatus.SUCCEEDED);
        }
    }

    @Test
    void a_running_job_whose_node_stopped_beating_is_failed_naming_the_node_and_retried_with_its_parameters() {
        String token = "t" + TestData.unique();
        Instant now = Instant.now();
        long crashed = insertRow(
                "job-owner",
                JobStatus.RUNNING,
                "dead-node-" + token,
                now.minus(Duration.ofMinutes(10)),
                JobJson.write(TestJobs.params(token, 2, true)));
        long alive = insertRow(
                "job-owner",
                JobStatus.RUNNING,
                "live-node-" + token,
                now.minusSeconds(5),
                JobJson.write(TestJobs.params(token, 2, true)));
        try {
            // what every node does at startup, and every minute
            List<JobId> failed = engine.recoverInterrupted();

            assertThat(failed).doesNotContain(JobId.of(alive));
            JobView dead = jobs.get(JobId.of(crashed));
            assertThat(dead.status()).isEqualTo(JobStatus.FAILED);
            assertThat(dead.errorKey()).isEqualTo("jobs.error.interrupted");
            assertThat(dead.errorArgs()).containsExactly("dead-node-" + token);
            assertThat(dead.finishedAt()).isNotNull();
            assertThat(dead.retryable()).isTrue();
            assertThat(jobs.get(JobId.of(alive)).status())
                    .as("a live node's job is left alone")
                    .isEqualTo(JobStatus.RUNNING);

            JobId again = jobs.retry(JobId.of(crashed));

            JobView rerun = jobs.await(again, MINUTE);
            assertThat(rerun.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(rerun.retryOf()).isEqualTo(JobId.of(crashed));
            assertThat(rerun.summary()).containsEntry("token", token);
            assertThat(rerun.progressTotal()).as("the same parameters").isEqualTo(2);
            assertThat(rerun.subjectArgs()).containsExactly(token);
            assertThat(read(jobs.download(again))).contains("row 2 " + token);
        } finally {
            jdbc.update("UPDATE job SET status = 'FAILED' WHERE id = :id", new MapSqlParameterSource("id", alive));
        }
    }

    @Test
    void a_retry_reads_the_same_input_file_which_was_copied_into_the_jobs_own_folder() throws Exception {
        Path upload = Files.createTempFile("job-input", ".txt");
        Files.writeString(upload, "客户,电话\n张三,13800000000\n");
        String token = "t" + TestData.unique();
        JobId first = jobs.submit(request(new TestJobs.Parameters(token, 1, false, "jobs.error.no-result"))
                .withInput(upload, "客户.csv"));
        Files.delete(upload);
        JobView failed = jobs.await(first, MINUTE);
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.errorKey()).isEqualTo("jobs.error.no-result");
        assertThat(failed.inputName()).isEqualTo("客户.csv");
        assertThat(failed.summary()).containsEntry("input", "客户,电话\n张三,13800000000\n");

        JobView again = jobs.await(jobs.retry(first), MINUTE);

        assertThat(again.summary()).containsEntry("input", "客户,电话\n张三,13800000000\n");
        assertThat(again.inputName()).isEqualTo("客户.csv");
    }

    @Test
    void a_failed_job_says_why_in_words_never_with_a_stack_trace() {
        JobView bug = jobs.await(
                jobs.submit(request(new TestJobs.Parameters("t" + TestData.unique(), 1, false, "boom"))), MINUTE);
        JobView refused = jobs.await(
                jobs.submit(
                        request(new TestJobs.Parameters("t" + TestData.unique(), 1, false, "jobs.error.input-gone"))),
                MINUTE);

        assertThat(bug.status()).isEqualTo(JobStatus.FAILED);
        assertThat(bug.errorKey()).isEqualTo("jobs.error.unexpected");
        assertThat(bug.errorArgs()).isEmpty();
        assertThat(refused.errorKey()).isEqualTo("jobs.error.input-gone");
    }

    @Test
    void result_files_are_deleted_when_they_expire() {
        JobId id = jobs.submit(request(TestJobs.params("t" + TestData.unique(), 1, true)));
        assertThat(jobs.await(id, MINUTE).resultAvailable()).isTrue();
        Path folder = engine.files().folder(id.value());
        assertThat(folder.resolve(JobFiles.RESULT)).exists();

        jdbc.update(
                "UPDATE job SET expires_at = :past WHERE id = :id",
                new MapSqlParameterSource("id", id.value())
                        .addValue("past", LocalDateTime.ofInstant(Instant.now().minusSeconds(60), ZoneOffset.UTC)));
        engine.cleanUp();

        assertThat(folder).doesNotExist();
        JobView expired = jobs.get(id);
        assertThat(expired.resultAvailable()).isFalse();
        assertThat(expired.resultName()).as("what it was stays listed").isNotNull();
        assertThatThrownBy(() -> jobs.download(id))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("jobs.error.result-gone"));
    }

    @Test
    void a_stop_asked_on_another_node_reaches_the_running_job() throws Exception {
        String token = holding();
        JobId id = jobs.submit(request(TestJobs.params(token, 3, true)));
        TestJobs.awaitRunning(token);

        // another node's cancel is a row update; this node reads it within a second
        jdbc.update(
                "UPDATE job SET cancel_requested = TRUE WHERE id = :id", new MapSqlParameterSource("id", id.value()));

        assertThat(jobs.await(id, MINUTE).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void a_watcher_hears_about_a_job_running_on_another_node_through_the_table() {
        String token = "t" + TestData.unique();
        long remote = insertRow(
                "job-owner",
                JobStatus.RUNNING,
                "other-node-" + token,
                Instant.now(),
                JobJson.write(TestJobs.params(token, 1, false)));
        List<JobView> heard = new CopyOnWriteArrayList<>();
        JobSubscription s = jobs.watch(JobId.of(remote), heard::add);
        try {
            jdbc.update(
                    "UPDATE job SET progress_done = 40, progress_total = 100 WHERE id = :id",
                    new MapSqlParameterSource("id", remote));
            engine.pollWatched();
            jdbc.update(
                    "UPDATE job SET status = 'SUCCEEDED', finished_at = UTC_TIMESTAMP(6) WHERE id = :id",
                    new MapSqlParameterSource("id", remote));
            engine.pollWatched();

            assertThat(heard).extracting(JobView::progressDone).contains(0L, 40L);
            assertThat(heard.getLast().status()).isEqualTo(JobStatus.SUCCEEDED);
        } finally {
            s.remove();
        }
        int before = engine.watcherCount();
        jobs.watch(JobId.of(remote), v -> {}).remove();
        assertThat(engine.watcherCount()).as("a removed watcher is gone").isEqualTo(before);
    }

    @Test
    void two_nodes_firing_the_same_schedule_make_one_job() {
        String key = "test-schedule@" + TestData.unique();
        JobId a = SystemActor.call(() -> jobs.submit(
                request(TestJobs.params("t" + TestData.unique(), 1, false)).oncePer(key)));
        JobId b = SystemActor.call(() -> jobs.submit(
                request(TestJobs.params("t" + TestData.unique(), 1, false)).oncePer(key)));

        assertThat(b).isEqualTo(a);
    }

    @Test
    @WithMockUser(username = "job-staff", roles = "STAFF")
    void a_kind_that_needs_a_manager_is_refused_to_staff() {
        assertThatThrownBy(() -> jobs.submit(JobRequest.of("lifecycle-refresh", java.util.Map.of())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void every_job_kind_has_a_name_in_every_language() {
        for (JobHandler h : handlers) {
            if (h.kind().startsWith("test-")) {
                continue;
            }
            for (Locale locale : KeyuanI18NProvider.LOCALES) {
                assertThat(KeyuanI18NProvider.has("jobs.kind." + h.kind(), locale))
                        .as("jobs.kind." + h.kind() + " in " + locale)
                        .isTrue();
            }
        }
        assertThat(handlers)
                .extracting(JobHandler::kind)
                .contains("customer-export", "lifecycle-refresh", "segment-refresh", "deal-export");
    }

    private long insertRow(String owner, JobStatus status, String node, Instant heartbeat, String parameters) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        LocalDateTime beat = LocalDateTime.ofInstant(heartbeat, ZoneOffset.UTC);
        jdbc.update(
                """
                INSERT INTO job (kind, owner, parameters, subject_key, subject_args, status, retryable, node,
                                 queued_at, started_at, heartbeat_at)
                VALUES (:kind, :owner, :parameters, 'jobs.subject.file', :args, :status, TRUE, :node,
                        :beat, :beat, :beat)""",
                new MapSqlParameterSource("kind", TestJobs.KIND)
                        .addValue("owner", owner)
                        .addValue("parameters", parameters)
                        .addValue(
                                "args",
                                JobJson.args(JobJson.read(parameters, TestJobs.Parameters.class)
                                        .token()))
                        .addValue("status", status.name())
                        .addValue("node", node)
                        .addValue("beat", beat),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }
}
