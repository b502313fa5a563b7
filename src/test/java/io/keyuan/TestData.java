package io.keyuan;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Unique values for test rows, and running code as a named user. */
public final class TestData {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private TestData() {}

    /** Lower-case letters only, so that the database collation sorts them as Java does. */
    public static String letters(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return sb.toString();
    }

    public static String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }

    /** A suffix that makes names, codes and usernames unique in the shared test database. */
    public static String unique() {
        return letters(10);
    }

    /** Runs {@code work} as {@code username} holding exactly {@code roles} (e.g. "STAFF", "MANAGER"). */
    public static <T> T as(String username, Supplier<T> work, String... roles) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username,
                null,
                List.of(roles).stream()
                        .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void as(String username, Runnable work, String... roles) {
        as(
                username,
                () -> {
                    work.run();
                    return null;
                },
                roles);
    }
}
