package io.keyuan.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import io.keyuan.shared.LocalePreferences;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import jakarta.servlet.http.Cookie;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Picks each UI's language: the signed-in user's choice, else the language cookie, else Simplified Chinese —
 * never the browser's Accept-Language, because the portal's default language is a company decision.
 */
@Component
public class LocaleSupport implements VaadinServiceInitListener {
    static final String COOKIE = "keyuan-lang";
    private final LocalePreferences preferences;

    LocaleSupport(LocalePreferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> {
            UI ui = e.getUI();
            Locale locale = resolve(VaadinRequest.getCurrent());
            ui.setLocale(locale);
            VaadinSession.getCurrent().setLocale(locale);
        });
    }

    Locale resolve(VaadinRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
            Optional<Locale> stored = preferences.load(auth.getName());
            if (stored.isPresent()) {
                return KeyuanI18NProvider.supported(stored.get());
            }
        }
        if (request != null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName()) && c.getValue() != null) {
                    return KeyuanI18NProvider.supported(Locale.forLanguageTag(c.getValue()));
                }
            }
        }
        return KeyuanI18NProvider.ZH_CN;
    }

    /** Switches the language now, remembers it for the user and in a cookie for the login page, and reloads. */
    public void switchTo(Locale locale) {
        Locale target = KeyuanI18NProvider.supported(locale);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated()) {
            preferences.store(auth.getName(), target);
        }
        VaadinResponse response = VaadinService.getCurrentResponse();
        if (response != null) {
            Cookie cookie = new Cookie(COOKIE, target.toLanguageTag());
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            response.addCookie(cookie);
        }
        VaadinSession.getCurrent().setLocale(target);
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.setLocale(target);
            ui.getPage().reload();
        }
    }
}
