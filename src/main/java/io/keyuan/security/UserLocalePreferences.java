package io.keyuan.security;

import io.keyuan.security.domain.AppUserRepository;
import io.keyuan.shared.LocalePreferences;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps each user's UI language with the account. A user may only read and change their own. */
@Service
class UserLocalePreferences implements LocalePreferences {
    private final AppUserRepository users;

    UserLocalePreferences(AppUserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Locale> load(String username) {
        if (!isCaller(username)) {
            return Optional.empty();
        }
        return users.findByUsername(username)
                .map(u -> u.getLocale())
                .filter(s -> s != null && !s.isBlank())
                .map(Locale::forLanguageTag);
    }

    @Override
    @Transactional
    public void store(String username, Locale locale) {
        if (isCaller(username)) {
            users.updateLocale(username, locale.toLanguageTag());
        }
    }

    private static boolean isCaller(String username) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getName().equals(username);
    }
}
