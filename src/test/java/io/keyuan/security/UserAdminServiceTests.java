package io.keyuan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.SystemActor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
class UserAdminServiceTests {
    private static final String PASSWORD = "Geheim-12345";

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void admin_creates_a_user_whose_password_is_stored_as_bcrypt() {
        String username = "u." + TestData.unique();

        UserAccount created = userAdmin.create("  " + username + " ", " 张三 ", "MANAGER", PASSWORD);

        assertThat(created.username()).isEqualTo(username);
        assertThat(created.displayName()).isEqualTo("张三");
        assertThat(created.role()).isEqualTo("MANAGER");
        assertThat(created.enabled()).isTrue();
        assertThat(created.locked()).isFalse();
        assertThat(created.createdBy()).isEqualTo("root-admin");
        String hash =
                jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = ?", String.class, username);
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(encoder.matches(PASSWORD, hash)).isTrue();
        assertThat(userAdmin.list()).extracting(UserAccount::username).contains(username);
    }

    @Test
    @WithMockUser(username = "some-staff", roles = "STAFF")
    void staff_cannot_use_the_user_administration() {
        assertThatThrownBy(() -> userAdmin.create("u." + TestData.unique(), "x", "STAFF", PASSWORD))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> userAdmin.list()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithMockUser(
            username = "some-manager",
            roles = {"STAFF", "MANAGER"})
    void manager_cannot_use_the_user_administration() {
        String username = "u." + TestData.unique();
        assertThatThrownBy(() -> userAdmin.create(username, "x", "STAFF", PASSWORD))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> userAdmin.list()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> userAdmin.unlock(1, 0)).isInstanceOf(AccessDeniedException.class);
        assertThat(countUsers(username)).isZero();
    }

    @Test
    void nobody_signed_in_cannot_use_the_user_administration() {
        assertThatThrownBy(() -> userAdmin.list()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void malformed_usernames_are_refused_on_the_username_field() {
        for (String bad : new String[] {"", "ab", "has space", "名字", "a/b", "x".repeat(65), null}) {
            assertThatThrownBy(() -> userAdmin.create(bad, "x", "STAFF", PASSWORD))
                    .as("username %s", bad)
                    .isInstanceOfSatisfying(KeyuanException.class, e -> {
                        assertThat(e.field()).isEqualTo("username");
                        assertThat(e.messageKey()).isEqualTo("user.error.username-format");
                    });
        }
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void a_taken_username_is_refused_on_the_username_field() {
        String username = "u." + TestData.unique();
        userAdmin.create(username, "first", "STAFF", PASSWORD);

        assertThatThrownBy(() -> userAdmin.create(username, "second", "STAFF", PASSWORD))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("username");
                    assertThat(e.messageKey()).isEqualTo("user.error.username-taken");
                });
        assertThat(jdbc.queryForObject("SELECT display_name FROM app_user WHERE username = ?", String.class, username))
                .isEqualTo("first");
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void passwords_shorter_than_eight_or_longer_than_72_or_blank_are_refused() {
        for (String bad : new String[] {null, "", "1234567", " ".repeat(12), "p".repeat(73)}) {
            String username = "u." + TestData.unique();
            assertThatThrownBy(() -> userAdmin.create(username, "x", "STAFF", bad))
                    .isInstanceOfSatisfying(
                            KeyuanException.class, e -> assertThat(e.field()).isEqualTo("password"));
            assertThat(countUsers(username)).isZero();
        }
        UserAccount ok = userAdmin.create("u." + TestData.unique(), "x", "STAFF", "Kx9-lamp-7");
        assertThatThrownBy(() -> userAdmin.resetPassword(ok.id(), ok.version(), "short"))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("password"));
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void common_passwords_runs_of_keys_and_the_user_name_are_refused_on_create_and_reset() {
        String username = "zhao.lei" + TestData.unique();
        for (String common : new String[] {
            "password123",
            "PassWord123",
            "woaini1314",
            "1qaz2wsx",
            "12345678",
            "87654321",
            "aaaaaaaa",
            "abcdefgh",
            "qwertyuiop"
        }) {
            assertThatThrownBy(() -> userAdmin.create(username, "x", "STAFF", common))
                    .as(common)
                    .isInstanceOfSatisfying(KeyuanException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.messageKey()).isEqualTo("user.error.password-common");
                    });
        }
        for (String named : new String[] {
            username + "!",
            "x" + username.toUpperCase(),
            new StringBuilder(username).reverse().toString()
        }) {
            assertThatThrownBy(() -> userAdmin.create(username, "x", "STAFF", named))
                    .as(named)
                    .isInstanceOfSatisfying(KeyuanException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.messageKey()).isEqualTo("user.error.password-username");
                    });
        }
        assertThat(countUsers(username)).isZero();

        UserAccount ok = userAdmin.create(username, "x", "STAFF", "Lantern-river-42");
        assertThatThrownBy(() -> userAdmin.resetPassword(ok.id(), ok.version(), "Password1"))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("user.error.password-common"));
        assertThatThrownBy(() -> userAdmin.resetPassword(ok.id(), ok.version(), username + "2026"))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("user.error.password-username"));
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void a_password_longer_than_bcrypts_72_bytes_is_refused_on_the_password_field() {
        // 30 Chinese characters are within the 72-character limit but take 90 bytes, more than bcrypt accepts
        String password = "我的密码很长很长".repeat(4).substring(0, 30);
        String username = "u." + TestData.unique();

        assertThatThrownBy(() -> userAdmin.create(username, "x", "STAFF", password))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(countUsers(username)).isZero();
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void a_password_of_chinese_characters_within_72_bytes_works() {
        String password = "我的密码是安全的";
        UserAccount created = userAdmin.create("u." + TestData.unique(), "x", "STAFF", password);

        String hash =
                jdbc.queryForObject("SELECT password_hash FROM app_user WHERE id = ?", String.class, created.id());
        assertThat(encoder.matches(password, hash)).isTrue();
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void an_unknown_role_or_blank_display_name_is_refused() {
        assertThatThrownBy(() -> userAdmin.create("u." + TestData.unique(), "x", "SUPERUSER", PASSWORD))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("role"));
        assertThatThrownBy(() -> userAdmin.create("u." + TestData.unique(), " ", "STAFF", PASSWORD))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
    }

    @Test
    @WithMockUser(
            username = "root-admin",
            roles = {"STAFF", "MANAGER", "ADMIN"})
    void a_stale_update_is_refused_and_changes_nothing() {
        UserAccount created = userAdmin.create("u." + TestData.unique(), "before", "STAFF", PASSWORD);
        UserAccount updated = userAdmin.update(created.id(), created.version(), "after", "MANAGER", true);
        assertThat(updated.version()).isGreaterThan(created.version());

        assertThatThrownBy(() -> userAdmin.update(created.id(), created.version(), "stale", "ADMIN", false))
                .isInstanceOf(StaleEditException.class);
        assertThatThrownBy(() -> userAdmin.resetPassword(created.id(), created.version(), "Another-12345"))
                .isInstanceOf(StaleEditException.class);

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT display_name, role, enabled, password_hash, version FROM app_user WHERE id = ?", created.id());
        assertThat(row.get("display_name")).isEqualTo("after");
        assertThat(row.get("role")).isEqualTo("MANAGER");
        assertThat(row.get("enabled")).isEqualTo(true);
        assertThat(encoder.matches(PASSWORD, (String) row.get("password_hash"))).isTrue();
        assertThat(((Number) row.get("version")).longValue()).isEqualTo(updated.version());
    }

    @Test
    void an_admin_cannot_demote_or_disable_themselves() {
        String admin = "adm." + TestData.unique();
        UserAccount self = SystemActor.call(() -> userAdmin.create(admin, "self", "ADMIN", PASSWORD));

        TestData.as(
                admin,
                () -> {
                    assertThatThrownBy(() -> userAdmin.update(self.id(), self.version(), "self", "MANAGER", true))
                            .isInstanceOfSatisfying(
                                    KeyuanException.class,
                                    e -> assertThat(e.messageKey()).isEqualTo("user.error.self-demote"));
                    assertThatThrownBy(() -> userAdmin.update(self.id(), self.version(), "self", "ADMIN", false))
                            .isInstanceOfSatisfying(
                                    KeyuanException.class,
                                    e -> assertThat(e.messageKey()).isEqualTo("user.error.self-demote"));
                    UserAccount renamed = userAdmin.update(self.id(), self.version(), "renamed", "ADMIN", true);
                    assertThat(renamed.displayName()).isEqualTo("renamed");
                },
                "STAFF",
                "MANAGER",
                "ADMIN");

        Map<String, Object> row = jdbc.queryForMap("SELECT role, enabled FROM app_user WHERE id = ?", self.id());
        assertThat(row.get("role")).isEqualTo("ADMIN");
        assertThat(row.get("enabled")).isEqualTo(true);
    }

    @Test
    void another_admin_can_demote_and_disable_an_admin() {
        String target = "adm." + TestData.unique();
        UserAccount created = SystemActor.call(() -> userAdmin.create(target, "target", "ADMIN", PASSWORD));

        UserAccount demoted = TestData.as(
                "other-admin",
                () -> userAdmin.update(created.id(), created.version(), "target", "STAFF", false),
                "STAFF",
                "MANAGER",
                "ADMIN");

        assertThat(demoted.role()).isEqualTo("STAFF");
        assertThat(demoted.enabled()).isFalse();
        assertThat(demoted.updatedBy()).isEqualTo("other-admin");
    }

    private int countUsers(String username) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
        return n == null ? 0 : n;
    }
}
