package io.keyuan.security;

import io.keyuan.security.domain.AppUser;
import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: create, set role, enable/disable, reset password, unlock. Administrators only. */
@Service
@PreAuthorize(Roles.HAS_ADMIN)
@Transactional
public class UserAdminService {
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 72;

    private final AppUserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final LoginThrottle throttle;

    UserAdminService(
            AppUserRepository users,
            PasswordEncoder encoder,
            Clock clock,
            ApplicationEventPublisher events,
            LoginThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.events = events;
        this.throttle = throttle;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return users.findAllByOrderByUsernameAsc().stream().map(this::toAccount).toList();
    }

    public UserAccount create(String username, String displayName, String role, String password) {
        String name = username == null ? "" : username.strip();
        if (!name.matches(AppUser.USERNAME_PATTERN)) {
            throw KeyuanException.onField("username", "user.error.username-format");
        }
        if (users.existsByUsername(name)) {
            throw KeyuanException.onField("username", "user.error.username-taken", name);
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > AppUser.DISPLAY_NAME_LENGTH) {
            throw KeyuanException.onField("displayName", "user.error.display-name");
        }
        checkPassword(name, password);
        AppUser user = new AppUser();
        user.setUsername(name);
        user.setDisplayName(displayName.strip());
        user.setRole(parseRole(role));
        user.setPasswordHash(encoder.encode(password));
        return toAccount(users.saveAndFlush(user));
    }

    public UserAccount update(long id, long expectedVersion, String displayName, String role, boolean enabled) {
        AppUser user = load(id, expectedVersion);
        if (displayName == null || displayName.isBlank() || displayName.length() > AppUser.DISPLAY_NAME_LENGTH) {
            throw KeyuanException.onField("displayName", "user.error.display-name");
        }
        Role newRole = parseRole(role);
        if (isSelf(user) && (!enabled || newRole != Role.ADMIN)) {
            throw new KeyuanException("user.error.self-demote");
        }
        boolean rightsChange = newRole != user.getRole() || (user.isEnabled() && !enabled);
        user.setDisplayName(displayName.strip());
        user.setRole(newRole);
        user.setEnabled(enabled);
        if (rightsChange) {
            endSessions(user);
        }
        return toAccount(users.saveAndFlush(user));
    }

    public UserAccount resetPassword(long id, long expectedVersion, String newPassword) {
        AppUser user = load(id, expectedVersion);
        checkPassword(user.getUsername(), newPassword);
        user.setPasswordHash(encoder.encode(newPassword));
        user.setFailedAttempts(0);
        user.setLockedUntil(null);
        throttle.forgetUser(user.getUsername());
        endSessions(user);
        return toAccount(users.saveAndFlush(user));
    }

    /** Every open session of the user ends on its next request (and at once on this node, after commit). */
    private void endSessions(AppUser user) {
        user.bumpSecurityStamp();
        events.publishEvent(new AccountRightsChanged(user.getUsername(), user.getSecurityStamp()));
    }

    public UserAccount unlock(long id, long expectedVersion) {
        AppUser user = load(id, expectedVersion);
        user.setFailedAttempts(0);
        user.setLockedUntil(null);
        throttle.forgetUser(user.getUsername());
        return toAccount(users.saveAndFlush(user));
    }

    private AppUser load(long id, long expectedVersion) {
        AppUser user = users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
        if (user.getVersion() != expectedVersion) {
            throw new StaleEditException(user.getUpdatedBy(), user.getUpdatedAt());
        }
        return user;
    }

    private static boolean isSelf(AppUser user) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && user.getUsername().equals(auth.getName());
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role);
        } catch (RuntimeException e) {
            throw KeyuanException.onField("role", "user.error.role");
        }
    }

    static void checkPassword(String username, String password) {
        PasswordPolicy.check(username, password);
    }

    private UserAccount toAccount(AppUser u) {
        return new UserAccount(
                u.getId(),
                u.getVersion(),
                u.getUsername(),
                u.getDisplayName(),
                u.getRole().name(),
                u.isEnabled(),
                u.isLockedAt(clock.instant()),
                u.getLockedUntil(),
                u.getFailedAttempts(),
                u.getCreatedAt(),
                u.getCreatedBy(),
                u.getUpdatedAt(),
                u.getUpdatedBy());
    }
}
