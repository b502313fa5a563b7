package io.keyuan.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.RunningPortalTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Over real HTTP with session cookies, as browsers hold them: once an administrator disables a user, changes their
 * role or resets their password, every open session of that user is refused on its next request and sent to the
 * login page, while the administrator's own session goes on.
 */
@RunningPortalTest
class SessionRevocationIT {
    private static final String PASSWORD = "revocation-pass-1";

    @LocalServerPort
    int port;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_disabled_users_open_sessions_all_end_and_the_admins_goes_on() throws Exception {
        String admin = user("ADMIN");
        String staff = user("STAFF");
        Browser adminBrowser = signIn(admin);
        Browser first = signIn(staff);
        Browser second = signIn(staff);
        assertThat(first.status("/customers")).isEqualTo(200);
        assertThat(second.status("/customers")).isEqualTo(200);

        UserAccount account = find(staff);
        TestData.as(
                admin,
                () -> userAdmin.update(account.id(), account.version(), account.displayName(), "STAFF", false),
                "ADMIN",
                "MANAGER",
                "STAFF");

        assertThat(first.get("/customers")).satisfies(SessionRevocationIT::isLoginRedirect);
        assertThat(second.get("/customers")).satisfies(SessionRevocationIT::isLoginRedirect);
        assertThat(adminBrowser.status("/admin/users")).isEqualTo(200);

        // the session is gone for good, not only refused while the account is disabled
        UserAccount disabled = find(staff);
        TestData.as(
                admin,
                () -> userAdmin.update(disabled.id(), disabled.version(), disabled.displayName(), "STAFF", true),
                "ADMIN",
                "MANAGER",
                "STAFF");
        assertThat(first.get("/customers")).satisfies(SessionRevocationIT::isLoginRedirect);
    }

    @Test
    void a_demoted_managers_session_ends() throws Exception {
        String manager = user("MANAGER");
        Browser browser = signIn(manager);
        assertThat(browser.status("/segments")).isEqualTo(200);

        UserAccount account = find(manager);
        SystemActor.run(() -> userAdmin.update(account.id(), account.version(), account.displayName(), "STAFF", true));

        assertThat(browser.get("/segments")).satisfies(SessionRevocationIT::isLoginRedirect);
        // signing in again gives the new role's session
        assertThat(signIn(manager).status("/customers")).isEqualTo(200);
    }

    @Test
    void a_password_reset_ends_the_users_sessions_and_a_name_change_does_not() throws Exception {
        String staff = user("STAFF");
        Browser browser = signIn(staff);

        UserAccount account = find(staff);
        SystemActor.run(() -> userAdmin.update(account.id(), account.version(), "新名字", "STAFF", true));
        assertThat(browser.status("/customers")).isEqualTo(200);

        UserAccount renamed = find(staff);
        SystemActor.run(() -> userAdmin.resetPassword(renamed.id(), renamed.version(), "another-pass-2"));
        assertThat(browser.get("/customers")).satisfies(SessionRevocationIT::isLoginRedirect);
    }

    @Test
    void a_change_made_on_another_node_ends_the_session_on_its_next_request() throws Exception {
        String staff = user("STAFF");
        Browser browser = signIn(staff);
        assertThat(browser.status("/customers")).isEqualTo(200);

        // another node's administrator: only the shared database hears of it, this node's sessions do not
        jdbc.update(
                "UPDATE app_user SET enabled = FALSE, security_stamp = security_stamp + 1 WHERE username = ?", staff);

        assertThat(browser.get("/customers")).satisfies(SessionRevocationIT::isLoginRedirect);
    }

    @Test
    void a_vaadin_request_of_an_ended_session_is_told_its_session_expired() throws Exception {
        String staff = user("STAFF");
        Browser browser = signIn(staff);
        // the page's UI, as the browser opens it, and the CSRF token its messages carry
        String init = browser.get("/?v-r=init&location=customers").body();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"")
                .matcher(init);
        assertThat(key.find()).isTrue();
        String message = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[],\"syncId\":0,\"clientId\":0}";
        assertThat(browser.post("/?v-r=uidl&v-uiId=0", "application/json", message)
                        .body())
                .doesNotContain("sessionExpired");

        UserAccount account = find(staff);
        SystemActor.run(() -> userAdmin.update(account.id(), account.version(), account.displayName(), "STAFF", false));

        HttpResponse<String> uidl = browser.post("/?v-r=uidl&v-uiId=0", "application/json", message);
        assertThat(uidl.body()).contains("sessionExpired");
    }

    private static void isLoginRedirect(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private String user(String role) {
        String name = "rev." + TestData.unique();
        SystemActor.run(() -> userAdmin.create(name, "会话测试", role, PASSWORD));
        return name;
    }

    private UserAccount find(String username) {
        return SystemActor.call(() -> userAdmin.list().stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow());
    }

    private Browser signIn(String username) throws Exception {
        Browser browser = new Browser();
        String page = browser.get("/login").body();
        HttpResponse<String> login = browser.post(
                "/login",
                "application/x-www-form-urlencoded",
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + PASSWORD
                        + io.keyuan.LoginFormToken.field(page));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    /** One cookie jar: one browser's sessions. */
    private final class Browser {
        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        int status(String path) throws Exception {
            return get(path).statusCode();
        }

        HttpResponse<String> post(String path, String type, String body) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
