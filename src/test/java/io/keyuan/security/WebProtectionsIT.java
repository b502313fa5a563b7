package io.keyuan.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.LoginFormToken;
import io.keyuan.RunningPortalTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Over real HTTP: the headers every page carries, the session cookie, and the login form's CSRF protection. */
@RunningPortalTest
class WebProtectionsIT {
    private static final String PASSWORD = "Protections-pass-7";

    @LocalServerPort
    int port;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void fullBuckets() {
        throttle.forget();
    }

    @Test
    void the_login_page_carries_the_security_headers_and_a_same_site_http_only_session_cookie() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> page = get(browser, "/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertSecurityHeaders(page);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("JSESSIONID=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
        assertThat(page.headers().firstValue("Strict-Transport-Security"))
                .as("HSTS only on requests that came over TLS")
                .isEmpty();
    }

    @Test
    void a_login_form_posted_without_the_pages_token_is_refused_and_signs_nobody_in() throws Exception {
        String user = user();
        HttpClient attacker = browser();
        // The victim's browser has a session of the portal (it visited it), but a form from another site cannot
        // know the page's token.
        get(attacker, "/login");

        HttpResponse<String> forged = post(attacker, "/login", "username=" + user + "&password=" + PASSWORD);

        // Vaadin's handler of a missing token sends back to the login page (a wrong password would add "?error")
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElseThrow())
                .contains("/login")
                .doesNotContain("error");
        post(attacker, "/login", "username=" + user + "&password=wrong-guess-1");
        assertThat(SystemActor.call(() -> userAdmin.list()).stream()
                        .filter(a -> a.username().equals(user))
                        .findFirst()
                        .orElseThrow()
                        .failedAttempts())
                .as("a forged form gets no password checked")
                .isZero();
        HttpResponse<String> after = get(attacker, "/customers");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void the_login_form_with_the_pages_token_signs_in_and_signed_in_pages_are_not_stored() throws Exception {
        String user = user();
        HttpClient browser = browser();
        String page = get(browser, "/login").body();

        HttpResponse<String> login =
                post(browser, "/login", "username=" + user + "&password=" + PASSWORD + LoginFormToken.field(page));

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        HttpResponse<String> customers = get(browser, "/customers");
        assertThat(customers.statusCode()).isEqualTo(200);
        assertSecurityHeaders(customers);
        assertThat(customers.headers().firstValue("Cache-Control").orElseThrow())
                .contains("no-store");
    }

    private static void assertSecurityHeaders(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'", "form-action 'self'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(r.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    private String user() {
        String name = "web." + TestData.unique();
        SystemActor.run(() -> userAdmin.create(name, "网页防护", "STAFF", PASSWORD));
        return name;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept", "text/html")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient http, String path, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
