package io.keyuan.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import io.keyuan.security.UserAccount;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.domain.AppUser;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/** Accounts: create users, set roles, disable, reset passwords, unlock. Administrators only. */
@Route("admin/users")
@Menu(title = "nav.users", order = 90, icon = "vaadin:user-star")
@RolesAllowed(Roles.ADMIN)
public class UserAdminView extends VerticalLayout implements HasDynamicTitle {
    private final UserAdminService users;
    final Grid<UserAccount> grid = new Grid<>();

    public UserAdminView(UserAdminService users) {
        this.users = users;
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        Button create = new Button(getTranslation("user.new"), VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("user-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.KEY_N, KeyModifier.ALT);

        grid.setId("user-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(UserAccount::username)
                .setHeader(getTranslation("user.field.username"))
                .setAutoWidth(true);
        grid.addColumn(UserAccount::displayName)
                .setHeader(getTranslation("user.field.display-name"))
                .setAutoWidth(true);
        grid.addColumn(u -> getTranslation("enum.Role." + u.role()))
                .setHeader(getTranslation("user.field.role"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::state)
                .setHeader(getTranslation("user.field.state"))
                .setAutoWidth(true);
        grid.addColumn(u -> u.updatedBy() + " · " + Formats.dateTime(u.updatedAt()))
                .setHeader(getTranslation("audit.updated"))
                .setAutoWidth(true);
        grid.addComponentColumn(u -> {
                    Button edit = new Button(getTranslation("action.edit"), e -> openEdit(u));
                    edit.setId("user-edit-" + u.username());
                    edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    Button reset = new Button(getTranslation("user.reset-password"), e -> openReset(u));
                    reset.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                    HorizontalLayout actions = new HorizontalLayout(edit, reset);
                    if (u.locked()) {
                        Button unlock = new Button(getTranslation("user.unlock"), e -> {
                            if (Notifications.attempt(this, () -> users.unlock(u.id(), u.version()))) {
                                Notifications.success(this, "user.unlocked", u.username());
                                refresh();
                            }
                        });
                        unlock.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                        actions.add(unlock);
                    }
                    return actions;
                })
                .setHeader(getTranslation("user.actions"))
                .setAutoWidth(true);
        add(new HorizontalLayout(create), grid);
        refresh();
    }

    private Span state(UserAccount u) {
        String key = !u.enabled() ? "user.state.disabled" : u.locked() ? "user.state.locked" : "user.state.active";
        Span s = new Span(getTranslation(key));
        s.addClassNames("keyuan-badge", u.enabled() && !u.locked() ? "lifecycle-active" : "lifecycle-churned");
        return s;
    }

    void refresh() {
        grid.setItems(users.list());
    }

    void openCreate() {
        Dialog d = new Dialog();
        d.setId("user-create-dialog");
        d.setHeaderTitle(getTranslation("user.new"));
        TextField username = new TextField(getTranslation("user.field.username"));
        username.setId("user-username");
        username.setMaxLength(AppUser.USERNAME_LENGTH);
        username.setHelperText(getTranslation("user.error.username-format"));
        TextField displayName = new TextField(getTranslation("user.field.display-name"));
        displayName.setId("user-display-name");
        displayName.setMaxLength(AppUser.DISPLAY_NAME_LENGTH);
        Select<Role> role = roleSelect();
        PasswordField password = new PasswordField(getTranslation("user.field.password"));
        password.setId("user-password");
        password.setHelperText(getTranslation(
                "user.error.password", UserAdminService.MIN_PASSWORD_LENGTH, UserAdminService.MAX_PASSWORD_LENGTH));
        d.add(new FormLayout(username, displayName, role, password));
        Map<String, com.vaadin.flow.component.HasValidation> fields =
                Map.of("username", username, "displayName", displayName, "role", role, "password", password);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                users.create(
                        username.getValue(),
                        displayName.getValue(),
                        role.getValue() == null ? null : role.getValue().name(),
                        password.getValue());
                Notifications.success(this, "user.created", username.getValue());
                d.close();
                refresh();
            } catch (KeyuanException ex) {
                Notifications.showOnField(this, fields, ex);
            }
        });
        save.setId("user-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).resetFocusOnActiveElement();
        d.getFooter().add(new Button(getTranslation("action.cancel"), e -> d.close()), save);
        d.open();
        username.focus();
    }

    void openEdit(UserAccount u) {
        Dialog d = new Dialog();
        d.setId("user-edit-dialog");
        d.setHeaderTitle(u.username());
        TextField displayName = new TextField(getTranslation("user.field.display-name"));
        displayName.setValue(u.displayName());
        displayName.setMaxLength(AppUser.DISPLAY_NAME_LENGTH);
        Select<Role> role = roleSelect();
        role.setValue(Role.valueOf(u.role()));
        Checkbox enabled = new Checkbox(getTranslation("user.field.enabled"), u.enabled());
        enabled.setId("user-enabled");
        d.add(new FormLayout(displayName, role, enabled));
        Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("displayName", displayName, "role", role);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                users.update(
                        u.id(),
                        u.version(),
                        displayName.getValue(),
                        role.getValue() == null ? null : role.getValue().name(),
                        enabled.getValue());
                Notifications.success(this, "user.saved", u.username());
                d.close();
                refresh();
            } catch (KeyuanException ex) {
                Notifications.showOnField(this, fields, ex);
            }
        });
        save.setId("user-edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).resetFocusOnActiveElement();
        d.getFooter().add(new Button(getTranslation("action.cancel"), e -> d.close()), save);
        d.open();
    }

    void openReset(UserAccount u) {
        Dialog d = new Dialog();
        d.setId("user-reset-dialog");
        d.setHeaderTitle(getTranslation("user.reset-password") + " · " + u.username());
        PasswordField password = new PasswordField(getTranslation("user.field.new-password"));
        password.setId("user-new-password");
        password.setHelperText(getTranslation(
                "user.error.password", UserAdminService.MIN_PASSWORD_LENGTH, UserAdminService.MAX_PASSWORD_LENGTH));
        d.add(password);
        Button save = new Button(getTranslation("action.save"), e -> {
            try {
                users.resetPassword(u.id(), u.version(), password.getValue());
                Notifications.success(this, "user.password-reset", u.username());
                d.close();
                refresh();
            } catch (KeyuanException ex) {
                Notifications.showOnField(this, Map.of("password", password), ex);
            }
        });
        save.setId("user-reset-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).resetFocusOnActiveElement();
        d.getFooter().add(new Button(getTranslation("action.cancel"), e -> d.close()), save);
        d.open();
        password.focus();
    }

    private Select<Role> roleSelect() {
        Select<Role> role = new Select<>();
        role.setId("user-role");
        role.setLabel(getTranslation("user.field.role"));
        role.setItems(Role.values());
        role.setItemLabelGenerator(r -> getTranslation("enum.Role." + r.name()));
        role.setValue(Role.STAFF);
        return role;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.users");
    }
}
