package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size limit of an upload holds on the server, for a request that never saw the browser's check: driven
 * through the upload handler's server-side entry point ({@link UploadHandler#handleUploadRequest}) with a request
 * body of 400 MB that claims no size, as a hand-made POST to the upload URL would be.
 */
@AsStaff
class UploadsTest extends KeyuanViewTest {
    private static final long LIMIT = 1024 * 1024;
    private static final long HUGE = 400L * 1024 * 1024;

    @Test
    void a_body_past_the_limit_is_cut_off_near_the_limit_deleted_and_refused_with_a_clear_message() throws Exception {
        AtomicLong read = new AtomicLong();
        List<File> received = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        UploadHandler handler = Uploads.toTempFile(LIMIT, (m, f) -> received.add(f), refused::add);
        List<Path> before = partials();

        UploadEvent event = event(zeros(HUGE, read), -1);
        handler.handleUploadRequest(event);
        drainUiAccess();

        assertThat(read.get()).isGreaterThan(LIMIT).isLessThanOrEqualTo(LIMIT + 64 * 1024);
        assertThat(received).isEmpty();
        assertThat(partials()).isEqualTo(before);
        assertThat(event.isRejected()).isTrue();
        String message = Uploads.tooBigMessage(Locale.ENGLISH, LIMIT);
        assertThat(message).contains("1 MB").doesNotContain("upload.too-big");
        assertThat(refused).hasSize(1);
        assertThat(refused.getFirst()).isEqualTo(event.getRejectionMessage()).contains("1");
    }

    @Test
    void a_declared_size_past_the_limit_is_refused_before_a_byte_is_read() throws Exception {
        AtomicLong read = new AtomicLong();
        List<String> refused = new ArrayList<>();
        UploadHandler handler = Uploads.toTempFile(LIMIT, (m, f) -> {}, refused::add);

        handler.handleUploadRequest(event(zeros(HUGE, read), HUGE));
        drainUiAccess();

        assertThat(read.get()).isZero();
        assertThat(refused).hasSize(1);
    }

    @Test
    void a_file_within_the_limit_arrives_whole() throws Exception {
        AtomicLong read = new AtomicLong();
        List<File> received = new ArrayList<>();
        UploadHandler handler = Uploads.toTempFile(LIMIT, (m, f) -> received.add(f), m -> {});

        handler.handleUploadRequest(event(zeros(LIMIT, read), -1));
        drainUiAccess();

        assertThat(received).hasSize(1);
        assertThat(received.getFirst()).hasSize(LIMIT);
        Files.delete(received.getFirst().toPath());
    }

    /** The handler hands its results to the UI with ui.access, as it would from the upload request's thread. */
    private static void drainUiAccess() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }

    private static UploadEvent event(InputStream body, long declaredSize) {
        VaadinRequest request = (VaadinRequest) Proxy.newProxyInstance(
                VaadinRequest.class.getClassLoader(), new Class<?>[] {VaadinRequest.class}, (p, method, args) -> {
                    if (method.getName().equals("getInputStream")) {
                        return body;
                    }
                    Class<?> type = method.getReturnType();
                    return type == boolean.class ? false : type == int.class ? 0 : type == long.class ? 0L : null;
                });
        return new UploadEvent(
                request,
                null,
                VaadinSession.getCurrent(),
                "big.xlsx",
                declaredSize,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                new Element("div"),
                null);
    }

    /** {@code size} zero bytes, made up as they are read, counting how many were. */
    private static InputStream zeros(long size, AtomicLong read) {
        return new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = size - read.get();
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                read.addAndGet(n);
                return n;
            }
        };
    }

    private static List<Path> partials() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("keyuan-upload-"))
                    .sorted()
                    .toList();
        }
    }
}
