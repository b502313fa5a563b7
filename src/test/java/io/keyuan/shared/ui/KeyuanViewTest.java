package io.keyuan.shared.ui;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.SystemActor;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import testsupport.browserless.BrowserlessSpringEnvironment;

/**
 * Base of the browserless view tests: one Spring context for all of them (the local MariaDB, database
 * {@code keyuan_test}, the same context as the service tests, migrated once per JVM), a fresh Vaadin session and UI per test, and the signed-in
 * user taken from Spring Security — either declared with {@link AsStaff} / {@link AsManager} / {@link AsAdmin}
 * ({@code @WithMockUser} with the cumulative roles a real login grants) or switched inside a test with
 * {@link #loginAs(Role)}. The three users also exist in the database, so that views which look the signed-in user
 * up by name find them.
 *
 * <p>Tests share the database: each creates its own rows with unique names and asserts only on those.
 */
@io.keyuan.KeyuanIntegrationTest
public abstract class KeyuanViewTest extends BrowserlessTest {
    public static final String STAFF_USER = "view.staff";
    public static final String MANAGER_USER = "view.manager";
    public static final String ADMIN_USER = "view.admin";

    private static volatile boolean usersCreated;

    @Autowired
    protected ApplicationContext applicationContext;

    @Autowired
    private UserAdminService userAdmin;

    @Override
    protected Set<String> scanPackages() {
        return Set.of("io.keyuan");
    }

    @BeforeEach
    @Override
    protected void initVaadinEnvironment() {
        ensureUsers();
        startVaadin();
    }

    @AfterEach
    void forgetUser() {
        SecurityContextHolder.clearContext();
    }

    private void startVaadin() {
        scanTesters();
        BrowserlessSpringEnvironment.start(applicationContext, discoverRoutes());
        initSignalsSupport();
    }

    private void ensureUsers() {
        if (usersCreated) {
            return;
        }
        synchronized (KeyuanViewTest.class) {
            if (usersCreated) {
                return;
            }
            SystemActor.run(() -> {
                Set<String> existing =
                        userAdmin.list().stream().map(u -> u.username()).collect(Collectors.toSet());
                createIfMissing(existing, STAFF_USER, "测试员工", Role.STAFF);
                createIfMissing(existing, MANAGER_USER, "测试经理", Role.MANAGER);
                createIfMissing(existing, ADMIN_USER, "测试管理员", Role.ADMIN);
            });
            usersCreated = true;
        }
    }

    private void createIfMissing(Set<String> existing, String username, String displayName, Role role) {
        if (!existing.contains(username)) {
            userAdmin.create(username, displayName, role.name(), "view-test-" + unique());
        }
    }

    /**
     * Signs in as the test user of {@code role} — with the authorities a real login grants, every role up to and
     * including this one — and opens a fresh session, as a browser would after signing in.
     */
    protected void loginAs(Role role) {
        loginAs(
                switch (role) {
                    case STAFF -> STAFF_USER;
                    case MANAGER -> MANAGER_USER;
                    case ADMIN -> ADMIN_USER;
                },
                role);
    }

    /** Signs in as {@code username} holding {@code role} (and the roles below it), in a fresh session. */
    protected void loginAs(String username, Role role) {
        List<SimpleGrantedAuthority> authorities = role.grants().stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        User principal = new User(username, "n/a", authorities);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        SecurityContextHolder.setContext(context);
        restartVaadin();
    }

    /** A new session and UI for the current security context. */
    protected void restartVaadin() {
        cleanVaadinEnvironment();
        startVaadin();
    }

    /** Navigates like a user typing the address, and returns the view (or error page) that opened. */
    protected HasElement open(String location) {
        UI.getCurrent().navigate(location);
        return getCurrentView();
    }

    protected static void setLocale(Locale locale) {
        UI.getCurrent().setLocale(locale);
    }

    /** Runs the UI.access tasks that background threads queued for this session. */
    protected static void runPendingUiTasks() {
        MockVaadin.runUIQueue();
    }

    protected String t(String key, Object... args) {
        return UI.getCurrent().getTranslation(key, args);
    }

    /** The text of every open notification. */
    protected List<String> notificationTexts() {
        return $(Notification.class).all().stream().map(n -> test(n).getText()).toList();
    }

    /** All text the component renders, for "no stack trace on screen" checks. */
    protected static String textOf(Component c) {
        return c.getElement().getTextRecursively();
    }

    /** Lower-case letters, unique enough to keep this test's rows apart from every other test's. */
    public static String unique() {
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return sb.toString();
    }
}
