package io.keyuan.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in user as the session keeps them: with the account's security stamp at sign-in, so that a session
 * outlived by an administrator's change (disable, role, password) is recognised on its next request.
 */
final class StampedUser extends User {
    private static final long serialVersionUID = 1L;
    private final int securityStamp;

    StampedUser(
            String username,
            String password,
            boolean enabled,
            boolean accountNonLocked,
            Collection<? extends GrantedAuthority> authorities,
            int securityStamp) {
        super(username, password, enabled, true, true, accountNonLocked, authorities);
        this.securityStamp = securityStamp;
    }

    int securityStamp() {
        return securityStamp;
    }

    // User's equals/hashCode compare the user name only, which is what session bookkeeping needs.
    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
