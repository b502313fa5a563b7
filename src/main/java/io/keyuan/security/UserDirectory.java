package io.keyuan.security;

import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.shared.Roles;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who the users are, for owner pickers and names in grids, and who is signed in. */
@Service
@PreAuthorize(Roles.HAS_STAFF)
@Transactional(readOnly = true)
public class UserDirectory {
    private final AppUserRepository users;

    UserDirectory(AppUserRepository users) {
        this.users = users;
    }

    public List<UserRef> activeUsers() {
        return users.findAllByOrderByUsernameAsc().stream()
                .filter(u -> u.isEnabled())
                .map(u -> new UserRef(u.getId(), u.getUsername(), u.getDisplayName()))
                .toList();
    }

    public List<UserRef> allUsers() {
        return users.findAllByOrderByUsernameAsc().stream()
                .map(u -> new UserRef(u.getId(), u.getUsername(), u.getDisplayName()))
                .toList();
    }

    public Optional<UserRef> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        return users.findByUsername(auth.getName())
                .map(u -> new UserRef(u.getId(), u.getUsername(), u.getDisplayName()));
    }
}
