package io.keyuan.security.domain;

import io.keyuan.shared.Roles;
import java.util.List;

/** A user's role; each includes the ones below it. */
public enum Role {
    STAFF(List.of(Roles.STAFF)),
    MANAGER(List.of(Roles.STAFF, Roles.MANAGER)),
    ADMIN(List.of(Roles.STAFF, Roles.MANAGER, Roles.ADMIN));

    private final List<String> grants;

    Role(List<String> grants) {
        this.grants = grants;
    }

    public List<String> grants() {
        return grants;
    }
}
