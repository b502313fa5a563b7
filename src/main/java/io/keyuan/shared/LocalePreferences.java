package io.keyuan.shared;

import java.util.Locale;
import java.util.Optional;

/** Where the user's chosen UI language is kept; the security module stores it with the user. */
public interface LocalePreferences {
    Optional<Locale> load(String username);

    void store(String username, Locale locale);
}
