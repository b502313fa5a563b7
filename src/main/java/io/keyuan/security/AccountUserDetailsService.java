package io.keyuan.security;

import io.keyuan.security.domain.AppUser;
import io.keyuan.security.domain.AppUserRepository;
import java.time.Clock;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads users for login: disabled accounts are refused, locked ones until their lock ends. */
@Service
class AccountUserDetailsService implements UserDetailsService {
    private final AppUserRepository users;
    private final Clock clock;

    AccountUserDetailsService(AppUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        AppUser user = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new StampedUser(
                user.getUsername(),
                user.getPasswordHash(),
                user.isEnabled(),
                !user.isLockedAt(clock.instant()),
                user.getRole().grants().stream()
                        .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList(),
                user.getSecurityStamp());
    }
}
