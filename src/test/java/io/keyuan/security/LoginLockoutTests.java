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
import org.springframework.security.web.authentication.WebAuthenticationDetails;

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

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void authenticationManager() throws Exception {
        authenticationManager = authenticationConfiguration.getAuthenticationManager();
        throttle.forget();
    }

    @Test
    void the_policy_defaults_to_five_per_name_twenty_per_address_fifty_per_account_and_fifteen_minutes() {
        assertThat(securityProperties.maxFailedLogins()).isEqualTo(5);
        assertThat(securityProperties.maxFailedLoginsPerAddress()).isEqualTo(20);
        assertThat(securityProperties.accountLockAfter()).isEqualTo(50);
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
    void five_wrong_passwords_from_one_address_pause_that_name_there_but_not_from_elsewhere() {
        String username = newUser("STAFF");
        for (int i = 1; i <= 5; i++) {
            assertThatThrownBy(() -> login(username, "wrong-password", "10.0.0.1"))
                    .isInstanceOf(BadCredentialsException.class);
            assertThat(failedAttempts(username)).isEqualTo(i);
        }

        assertThatThrownBy(() -> login(username, PASSWORD, "10.0.0.1")).isInstanceOf(SignInThrottledException.class);
        assertThat(failedAttempts(username))
                .as("a paused attempt checks no password")
                .isEqualTo(5);
        assertThat(lockedUntil(username)).as("the account itself is not locked").isNull();
        assertThat(login(username, PASSWORD, "10.0.0.2").isAuthenticated())
                .as("the user signs in from their own device")
                .isTrue();
    }

    @Test
    void a_name_that_does_not_exist_is_paused_exactly_like_one_that_does() {
        String username = newUser("STAFF");
        String nobody = "nobody." + TestData.unique();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(username, "wrong-password", "10.0.1.1"))
                    .isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> login(nobody, "wrong-password", "10.0.1.1"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(username, "wrong-password", "10.0.1.1"))
                .isInstanceOf(SignInThrottledException.class);
        assertThatThrownBy(() -> login(nobody, "wrong-password", "10.0.1.1"))
                .isInstanceOf(SignInThrottledException.class);
    }

    @Test
    void twenty_wrong_passwords_from_one_address_for_any_names_pause_every_name_from_there() {
        String username = newUser("STAFF");
        for (int i = 0; i < 20; i++) {
            String name = "guess" + i + "." + TestData.unique();
            assertThatThrownBy(() -> login(name, "wrong-password", "10.0.2.1"))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> login(username, PASSWORD, "10.0.2.1")).isInstanceOf(SignInThrottledException.class);
        assertThat(login(username, PASSWORD, "10.0.2.2").isAuthenticated()).isTrue();
    }

    @Test
    void fifty_wrong_passwords_in_a_row_from_many_addresses_lock_the_account_and_a_wrong_one_still_says_only_wrong() {
        String username = newUser("STAFF");
        for (int i = 0; i < 50; i++) {
            String address = "10.1." + (i / 4) + "." + i;
            assertThatThrownBy(() -> login(username, "wrong-password", address))
                    .isInstanceOf(BadCredentialsException.class);
        }
        Instant lockedUntil = lockedUntil(username);
        assertThat(lockedUntil).isNotNull();
        assertThat(lockedUntil)
                .isBetween(
                        clock.instant().plus(Duration.ofMinutes(15)).minusSeconds(30),
                        clock.instant().plus(Duration.ofMinutes(15)).plusSeconds(1));

        assertThatThrownBy(() -> login(username, "wrong-password", "10.2.0.1"))
                .as("a wrong password on a locked account tells nothing about the account")
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login(username, PASSWORD, "10.2.0.2")).isInstanceOf(LockedException.class);
    }

    @Test
    void an_admin_unlock_lets_a_locked_and_paused_user_sign_in_again() {
        String username = newUser("STAFF");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(username, "nope-nope")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> login(username, PASSWORD)).isInstanceOf(SignInThrottledException.class);
        jdbc.update(
                "UPDATE app_user SET locked_until = ? WHERE username = ?",
                LocalDateTime.ofInstant(clock.instant().plusSeconds(600), ZoneOffset.UTC),
                username);
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
    void a_disabled_user_cannot_sign_in_and_only_the_right_password_learns_why() {
        String username = newUser("STAFF");
        UserAccount account = account(username);
        SystemActor.run(() -> userAdmin.update(account.id(), account.version(), "x", "STAFF", false));

        assertThatThrownBy(() -> login(username, "wrong-password")).isInstanceOf(BadCredentialsException.class);
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

    /** As the login form's filter does: the token carries the client's address. */
    private Authentication login(String username, String password, String address) {
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return authenticationManager.authenticate(token);
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
