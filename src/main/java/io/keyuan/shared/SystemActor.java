package io.keyuan.shared;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work as the built-in "system" actor (startup seeding, scheduled refreshes, the command line), which holds
 * every role, so that services keep their role checks for everyone else.
 */
public final class SystemActor {
    public static final String NAME = "system";

    private SystemActor() {}

    public static Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(
                NAME,
                null,
                List.of(
                        new SimpleGrantedAuthority("ROLE_" + Roles.ADMIN),
                        new SimpleGrantedAuthority("ROLE_" + Roles.MANAGER),
                        new SimpleGrantedAuthority("ROLE_" + Roles.STAFF)));
    }

    public static <T> T call(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication());
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
