package io.keyuan.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.shared.ui.LocaleSupport;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final LoginForm login = new LoginForm();

    public LoginView(LocaleSupport localeSupport) {
        addClassName("keyuan-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setI18n(i18n(null));

        H1 title = new H1(getTranslation("app.name"));
        title.addClassName("keyuan-login-title");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));

        HorizontalLayout languages = new HorizontalLayout();
        languages.setId("login-languages");
        Locale current = KeyuanI18NProvider.supported(getLocale());
        KeyuanI18NProvider.LOCALES.forEach(locale ->
                languages.add(language(localeSupport, locale, KeyuanI18NProvider.NATIVE_NAMES.get(locale), current)));
        add(title, tagline, login, languages);
    }

    private Button language(LocaleSupport localeSupport, Locale locale, String label, Locale current) {
        Button b = new Button(label, e -> localeSupport.switchTo(locale));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        b.setEnabled(!locale.equals(current));
        b.setId("login-lang-" + locale.toLanguageTag());
        return b;
    }

    private LoginI18n i18n(String errorKey) {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Form form = i18n.getForm();
        form.setTitle(getTranslation("login.title"));
        form.setUsername(getTranslation("login.username"));
        form.setPassword(getTranslation("login.password"));
        form.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        String key = errorKey == null ? "login.error.bad-credentials" : errorKey;
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation(key));
        error.setUsername(getTranslation("login.error.username-required"));
        error.setPassword(getTranslation("login.error.password-required"));
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            login.setI18n(i18n(errorKey()));
            login.setError(true);
        }
    }

    private static String errorKey() {
        if (!(com.vaadin.flow.server.VaadinRequest.getCurrent() instanceof VaadinServletRequest request)) {
            return null;
        }
        HttpSession session = request.getHttpServletRequest().getSession(false);
        if (session == null) {
            return null;
        }
        Object last = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (last instanceof io.keyuan.security.SignInThrottledException) {
            return "login.error.throttled";
        }
        if (last instanceof LockedException) {
            return "login.error.locked";
        }
        if (last instanceof DisabledException) {
            return "login.error.disabled";
        }
        return null;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · " + getTranslation("app.name");
    }
}
