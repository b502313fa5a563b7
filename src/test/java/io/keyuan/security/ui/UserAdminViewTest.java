package io.keyuan.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsAdmin;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AsAdmin
class UserAdminViewTest extends KeyuanViewTest {
    @Autowired
    UserAdminService userAdmin;

    private Optional<UserAccount> account(String username) {
        return SystemActor.call(() -> userAdmin.list()).stream()
                .filter(u -> u.username().equals(username))
                .findFirst();
    }

    private List<String> gridUsernames() {
        @SuppressWarnings("unchecked")
        GridTester<Grid<UserAccount>, UserAccount> grid = test($(Grid.class).id("user-grid"));
        return IntStream.range(0, grid.size())
                .mapToObj(i -> grid.getRow(i).username())
                .toList();
    }

    private Dialog fillCreateDialog(String username, String displayName, String roleKey, String password) {
        test($(Button.class).id("user-new")).click();
        Dialog dialog = $(Dialog.class).id("user-create-dialog");
        assertThat(dialog.isOpened()).isTrue();
        test($(TextField.class).id("user-username")).setValue(username);
        test($(TextField.class).id("user-display-name")).setValue(displayName);
        if (roleKey != null) {
            test($(Select.class).id("user-role")).selectItem(t(roleKey));
        }
        test($(PasswordField.class).id("user-password")).setValue(password);
        test($(Button.class).id("user-save")).click();
        return dialog;
    }

    @Test
    void the_grid_lists_the_users() {
        navigate(UserAdminView.class);

        assertThat(gridUsernames()).contains("admin", STAFF_USER, MANAGER_USER, ADMIN_USER);
    }

    @Test
    void admin_creates_a_user_who_then_appears_in_the_grid() {
        String username = "new." + unique();
        navigate(UserAdminView.class);

        Dialog dialog = fillCreateDialog(username, "新同事", "enum.Role.MANAGER", "correct-horse-1");

        assertThat(dialog.isOpened()).isFalse();
        UserAccount created = account(username).orElseThrow();
        assertThat(created.displayName()).isEqualTo("新同事");
        assertThat(created.role()).isEqualTo("MANAGER");
        assertThat(created.enabled()).isTrue();
        assertThat(created.createdBy()).isEqualTo(ADMIN_USER);
        assertThat(gridUsernames()).contains(username);
    }

    @Test
    void a_too_short_password_is_shown_on_the_password_field_and_nobody_is_created() {
        String username = "short." + unique();
        navigate(UserAdminView.class);

        Dialog dialog = fillCreateDialog(username, "短密码", null, "1234567");

        PasswordField password = $(PasswordField.class).id("user-password");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo(t("user.error.password", 8, 72));
        assertThat(account(username)).isEmpty();
    }

    @Test
    void a_username_already_taken_is_shown_on_the_username_field() {
        navigate(UserAdminView.class);
        int before = SystemActor.call(() -> userAdmin.list()).size();

        Dialog dialog = fillCreateDialog(STAFF_USER, "重复", null, "long-enough-password");

        TextField username = $(TextField.class).id("user-username");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo(t("user.error.username-taken", STAFF_USER));
        assertThat(SystemActor.call(() -> userAdmin.list())).hasSize(before);
    }

    @Test
    void a_malformed_username_is_refused() {
        navigate(UserAdminView.class);

        fillCreateDialog("空 格", "坏名", null, "long-enough-password");

        TextField username = $(TextField.class).id("user-username");
        assertThat(username.isInvalid()).isTrue();
        assertThat(username.getErrorMessage()).isEqualTo(t("user.error.username-format"));
        assertThat(account("空 格")).isEmpty();
    }
}
