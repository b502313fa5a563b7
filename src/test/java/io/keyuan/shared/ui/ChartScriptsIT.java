package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.RunningPortalTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The scripts a chart loads are served by the running portal as the element asks for them, signed in or not. */
@RunningPortalTest
class ChartScriptsIT {
    @LocalServerPort
    int port;

    @Test
    void echarts_and_the_drawing_script_are_served_as_javascript() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {Chart.ECHARTS, Chart.DRAW}) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .contains("javascript");
            assertThat(r.body()).as(path).contains(path.contains("echarts") ? "echarts" : "keyuanChart");
        }
    }
}
