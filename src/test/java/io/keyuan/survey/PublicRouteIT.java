package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.RunningPortalTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over real HTTP, with no session: the portal's security filter chain lets the answer page's address through (the
 * route is {@code @AnonymousAllowed}, which Vaadin's security configurer permits) and nothing else of the survey
 * module — the designer and campaigns still send an anonymous visitor to the login page.
 */
@RunningPortalTest
class PublicRouteIT {
    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean sentToLogin(HttpResponse<String> r) {
        return r.statusCode() == 302
                && r.headers().firstValue("Location").orElse("").contains("login");
    }

    @Test
    void an_answer_link_is_served_without_signing_in() throws Exception {
        HttpResponse<String> r = get("/a/AAAAAAAAAAAAAAAAAAAAAAAA");

        assertThat(r.statusCode()).as("%s", r.headers().map()).isEqualTo(200);
    }

    @Test
    void the_other_survey_addresses_still_need_a_sign_in() throws Exception {
        for (String path : new String[] {"/surveys", "/surveys/1", "/campaigns", "/campaigns/1/phone"}) {
            HttpResponse<String> r = get(path);
            assertThat(sentToLogin(r) || r.statusCode() == 401 || r.statusCode() == 403)
                    .as("%s answered %d %s", path, r.statusCode(), r.headers().map())
                    .isTrue();
        }
    }
}
