package io.keyuan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.security.domain.AppUser;
import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.shared.SystemActor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Demo data only where it belongs, and demo accounts that open no door but their own. */
@KeyuanIntegrationTest
class DemoStartupTests {
    private static final String EXTERNAL = "jdbc:mariadb://db.example:3306/keyuan";

    @Autowired
    DemoStartup startup;

    @Autowired
    AppUserRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void an_external_database_gets_no_demo_data_by_default() {
        assertThat(DemoStartup.demoWanted("", EXTERNAL)).isFalse();
        assertThat(DemoStartup.demoWanted(null, EXTERNAL)).isFalse();
    }

    @Test
    void the_embedded_database_gets_demo_data_by_default() {
        assertThat(DemoStartup.demoWanted("", "")).isTrue();
    }

    @Test
    void keyuan_demo_true_asks_for_demo_data_on_an_external_database_too() {
        assertThat(DemoStartup.demoWanted("true", EXTERNAL)).isTrue();
        assertThat(DemoStartup.demoWanted(" TRUE ", EXTERNAL)).isTrue();
    }

    @Test
    void keyuan_demo_false_keeps_demo_data_off_the_embedded_database() {
        assertThat(DemoStartup.demoWanted("false", "")).isFalse();
    }

    @Test
    void the_test_context_itself_runs_without_demo_data() {
        // application-test.properties says keyuan.demo.enabled=false, over the local server's keyuan.db.url.
        assertThat(startup.demo()).isFalse();
    }

    @Test
    void demo_users_get_passwords_of_their_own_not_the_admins_nor_each_others() {
        AppUser admin = users.findByUsername("admin").orElseThrow();
        Map<String, String> passwords = SystemActor.call(startup::createDemoUsers);

        String staff = passwords.get("wang.fang");
        String manager = passwords.get("li.qiang");
        assertThat(staff).hasSizeGreaterThanOrEqualTo(12).isNotEqualTo(manager);
        assertThat(encoder.matches(staff, admin.getPasswordHash())).isFalse();
        assertThat(encoder.matches(manager, admin.getPasswordHash())).isFalse();
        assertThat(encoder.matches(
                        staff, users.findByUsername("wang.fang").orElseThrow().getPasswordHash()))
                .isTrue();
        assertThat(encoder.matches(
                        manager, users.findByUsername("li.qiang").orElseThrow().getPasswordHash()))
                .isTrue();
        assertThat(users.findByUsername("wang.fang").orElseThrow().getRole().name())
                .isEqualTo("STAFF");
        assertThat(users.findByUsername("li.qiang").orElseThrow().getRole().name())
                .isEqualTo("MANAGER");
    }
}
