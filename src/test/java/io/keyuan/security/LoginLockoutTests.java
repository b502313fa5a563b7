package io.keyuan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.SystemActor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Login through the application's own AuthenticationManager (the one the login form's filter chain delegates
 * to), so that its authentication events reach LoginAttemptListener as they do in production.
 */
@KeyuanIntegrationTest
class LoginLockoutTests {
    private static final String PASSWORD = "Correct-horse-1";

    @Autowired
    AuthenticationConfiguration authenticationConfiguration;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    SecurityProperties securityProperties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    AuthenticationManager authenticationManager;

    @BeforeEach
    void authenticationManager() throws Exception {
        authenticationManager = authenticationConfiguration.getAuthenticationManager();
    }

    @Test
    void the_lockout_policy_defaults_to_five_attempts_and_fifteen_minutes() {
        assertThat(securityProperties.maxFailedLogins()).isEqualTo(5);
        assertThat(securityProperties.lockFor()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void the_right_password_signs_in_with_the_roles_of_the_users_role() {
        String username = newUser("MANAGER");

        Authentication auth = login(username, PASSWORD);

        assertThat(auth.isAuthenticated()).isTrue();
        // Spring Security 7 adds a FACTOR_PASSWORD authority besides the roles
        assertThat(auth.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .filteredOn(a -> a.startsWith("ROLE_"))
                .containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_MANAGER");
    }

    @Test
    void five_wrong_passwords_lock_the_account_even_against_the_right_password() {
        String username = newUser("STAFF");
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> login(username, "wrong-password")).isInstanceOf(BadCredentialsException.class);
            assertThat(failedAttempts(username)).isEqualTo(i);
            assertThat(lockedUntil(username)).isNull();
        }
        Instant beforeFifth = clock.instant();
        assertThatThrownBy(() -> login(username, "wrong-password")).isInstanceOf(BadCredentialsException.class);

        Instant lockedUntil = lockedUntil(username);
        assertThat(lockedUntil).isNotNull();
        assertThat(lockedUntil)
                .isBetween(
                        beforeFifth.plus(Duration.ofMinutes(15)).minusSeconds(1),
                        clock.instant().plus(Duration.ofMinutes(15)).plusSeconds(1));
        assertThatThrownBy(() -> login(username, PASSWORD)).isInstanceOf(LockedException.class);
    }

    @Test
    void an_admin_unlock_lets_a_locked_user_sign_in_again() {
        String username = newUser("STAFF");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(username, "nope-nope")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(username, PASSWORD)).isInstanceOf(LockedException.class);
        UserAccount account = account(username);
        assertThat(account.locked()).isTrue();

        SystemActor.run(() -> userAdmin.unlock(account.id(), account.version()));

        assertThat(login(username, PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void a_lock_that_has_expired_no_longer_blocks() {
        String username = newUser("STAFF");
        // the database holds UTC date-times
        jdbc.update(
                "UPDATE app_user SET locked_until = ? WHERE username = ?",
                LocalDateTime.ofInstant(clock.instant().minusSeconds(60), ZoneOffset.UTC),
                username);

        assertThat(login(username, PASSWORD).isAuthenticated()).isTrue();
        assertThat(lockedUntil(username)).isNull();
    }

    @Test
    void a_disabled_user_cannot_sign_in() {
        String username = newUser("STAFF");
        UserAccount account = account(username);
        SystemActor.run(() -> userAdmin.update(account.id(), account.version(), "x", "STAFF", false));

        assertThatThrownBy(() -> login(username, PASSWORD)).isInstanceOf(DisabledException.class);
    }

    @Test
    void a_successful_login_resets_the_failure_count() {
        String username = newUser("STAFF");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(username, "wrong-password")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(failedAttempts(username)).isEqualTo(4);

        login(username, PASSWORD);
        assertThat(failedAttempts(username)).isZero();

        // four more wrong ones do not reach the limit, because the count started again
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(username, "wrong-password")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(lockedUntil(username)).isNull();
        assertThat(login(username, PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void a_password_longer_than_bcrypt_accepts_is_refused_like_a_wrong_one() {
        String username = newUser("STAFF");

        assertThatThrownBy(() -> login(username, "长".repeat(30))).isInstanceOf(BadCredentialsException.class);
        assertThat(failedAttempts(username)).isEqualTo(1);
    }

    @Test
    void an_unknown_username_is_refused_like_a_wrong_password() {
        assertThatThrownBy(() -> login("nobody." + TestData.unique(), PASSWORD))
                .isInstanceOf(BadCredentialsException.class);
    }

    private Authentication login(String username, String password) {
        return authenticationManager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));
    }

    private String newUser(String role) {
        String username = "login." + TestData.unique();
        SystemActor.run(() -> userAdmin.create(username, "Login test", role, PASSWORD));
        return username;
    }

    private UserAccount account(String username) {
        return SystemActor.call(() -> userAdmin.list()).stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow();
    }

    private int failedAttempts(String username) {
        return jdbc.queryForObject("SELECT failed_attempts FROM app_user WHERE username = ?", Integer.class, username);
    }

    private Instant lockedUntil(String username) {
        LocalDateTime t = jdbc.queryForObject(
                "SELECT locked_until FROM app_user WHERE username = ?",
                (rs, i) -> rs.getObject(1, LocalDateTime.class),
                username);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
