package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobRequest;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobSubscription;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.jobs.TestJobs;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Where an export's customer data goes: while it runs, POI's streaming workbook spills rows to the system temp
 * folder; when it ends (done, or cancelled, or its dialog closed mid-way) nothing with the customers' data is left
 * there, and the workbook itself is only in the job's folder.
 */
@AsStaff
class CustomerExportFilesTest extends KeyuanViewTest {
    private static final int CUSTOMERS = 2_500;

    @Autowired
    JobService jobs;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    private final List<String> gates = new ArrayList<>();

    @AfterEach
    void openGates() {
        gates.forEach(TestJobs::open);
    }

    /** A city no other test uses, with enough customers that the export reports progress before it ends. */
    private String customersOf(String marker) {
        List<SqlParameterSource> rows = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            rows.add(new MapSqlParameterSource("code", "TMP" + marker + i)
                    .addValue("name", marker + "客户" + i)
                    .addValue("city", marker));
        }
        jdbc.batchUpdate(
                "INSERT INTO customer (code, name, kind, city, version, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (:code, :name, 'PERSON', :city, 0, UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6),"
                        + " 'test')",
                rows.toArray(SqlParameterSource[]::new));
        return marker;
    }

    /** Keeps both workers busy, so that the next job waits in the queue until {@link #freeWorkers}. */
    private void busyWorkers() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            String token = "w" + unique();
            TestJobs.hold(token);
            gates.add(token);
            SystemActor.run(() -> jobs.submit(JobRequest.of(TestJobs.KIND, TestJobs.params(token, 1, false))));
            TestJobs.awaitRunning(token);
        }
    }

    private void freeWorkers() {
        gates.forEach(TestJobs::open);
    }

    /** Files under the system temp folder, changed since {@code since}, whose bytes hold {@code text}. */
    private static List<Path> tempFilesHolding(String text, Instant since) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tmp, 3)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try {
                    if (Files.isRegularFile(f)
                            && Files.isReadable(f)
                            && Files.size(f) < 50_000_000
                            && Files.getLastModifiedTime(f).toInstant().isAfter(since.minusSeconds(2))
                            && contains(Files.readAllBytes(f), needle)) {
                        found.add(f);
                    }
                } catch (IOException | SecurityException ignored) {
                    // another process's file, gone or private
                }
            }
        } catch (java.io.UncheckedIOException ignored) {
            // a folder vanished under the walk: the files found so far stand
        }
        return found;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The city filter in the grid's header row. */
    private TextField cityFilter() {
        com.vaadin.flow.component.grid.Grid<?> grid =
                $(com.vaadin.flow.component.grid.Grid.class).id("customer-grid");
        return grid.getHeaderRows().stream()
                .flatMap(r -> r.getCells().stream())
                .map(c -> c.getComponent())
                .filter(c -> c instanceof TextField
                        && c.getId().filter("filter-city"::equals).isPresent())
                .map(TextField.class::cast)
                .findFirst()
                .orElseThrow();
    }

    /** Starts the export from the list filtered to the city, and pauses its job once it has written 1,000 rows. */
    private ExportDialog startPausedExport(
            String city, CountDownLatch paused, CountDownLatch resume, List<JobSubscription> subs)
            throws InterruptedException {
        busyWorkers();
        navigate(CustomerListView.class);
        test(cityFilter()).setValue(city);
        test($(Button.class).id("customer-export")).click();
        ExportDialog dialog = $(ExportDialog.class).single();
        JobId job = dialog.job();
        // a watcher is called on the job's own thread: holding it there holds the export mid-way
        subs.add(jobs.watch(job, v -> {
            if (Thread.currentThread().getName().startsWith("keyuan-job") && v.progressDone() >= 1000) {
                paused.countDown();
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        freeWorkers();
        assertThat(paused.await(60, TimeUnit.SECONDS))
                .as("the export reached 1,000 rows")
                .isTrue();
        return dialog;
    }

    @Test
    void an_export_whose_dialog_is_closed_mid_way_ends_in_my_jobs_and_leaves_nothing_in_the_temp_folder()
            throws Exception {
        Instant start = Instant.now();
        String city = customersOf("临" + unique());
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<JobSubscription> subs = new ArrayList<>();
        ExportDialog dialog = startPausedExport(city, paused, resume, subs);
        try {
            assertThat(tempFilesHolding(city, start))
                    .as("mid-way, POI spills the rows written so far to the temp folder (the check sees them)")
                    .isNotEmpty();

            dialog.close();
        } finally {
            resume.countDown();
            subs.forEach(JobSubscription::remove);
        }
        JobView done = jobs.await(dialog.job(), Duration.ofMinutes(1));

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.summary()).containsEntry("rows", CUSTOMERS);
        assertThat(tempFilesHolding(city, start))
                .as("no customer data left in the temp folder")
                .isEmpty();
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        jobs.download(done.id()).transferTo(workbook);
        assertThat(sheetText(workbook.toByteArray())).contains(city + "客户0", city + "客户" + (CUSTOMERS - 1));
    }

    @Test
    void an_export_cancelled_mid_way_leaves_no_file_anywhere() throws Exception {
        Instant start = Instant.now();
        String city = customersOf("消" + unique());
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        List<JobSubscription> subs = new ArrayList<>();
        ExportDialog dialog = startPausedExport(city, paused, resume, subs);
        try {
            jobs.cancel(dialog.job());
        } finally {
            resume.countDown();
            subs.forEach(JobSubscription::remove);
        }
        JobView end = jobs.await(dialog.job(), Duration.ofMinutes(1));

        assertThat(end.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(end.resultAvailable()).isFalse();
        assertThat(tempFilesHolding(city, start)).isEmpty();
        Path folder = Path.of(
                        "target",
                        "keyuan-jobs",
                        jdbc.getJdbcTemplate().queryForObject("SELECT DATABASE()", String.class))
                .resolve(String.valueOf(end.id().value()));
        assertThat(filesUnder(folder)).as("nor in the jobs folder").isEmpty();
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The first sheet's XML of a workbook (through a file: the JDK's zip stream cannot read POI's workbooks). */
    private static String sheetText(byte[] xlsx) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "export-check", ".xlsx");
        try {
            Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                return new String(
                        zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))
                                .readAllBytes(),
                        StandardCharsets.UTF_8);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
