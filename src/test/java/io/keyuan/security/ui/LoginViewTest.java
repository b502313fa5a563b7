package io.keyuan.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.login.AbstractLogin;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/** The sign-in page, as an anonymous visitor sees it. */
class LoginViewTest extends KeyuanViewTest {

    private LoginForm form() {
        return $(LoginForm.class).single();
    }

    /** The texts the form was given (LoginForm keeps its getter package-private). */
    private static LoginI18n i18n(LoginForm form) throws Exception {
        Method getter = AbstractLogin.class.getDeclaredMethod("getI18n");
        getter.setAccessible(true);
        return (LoginI18n) getter.invoke(form);
    }

    private void openWithError() {
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
    }

    @Test
    void anonymous_visitor_sees_the_login_form() throws Exception {
        assertThat(open("login")).isInstanceOf(LoginView.class);

        LoginForm form = form();
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(i18n(form).getForm().getUsername()).isEqualTo(t("login.username"));
        assertThat(i18n(form).getForm().getSubmit()).isEqualTo(t("login.submit"));
        assertThat($(H1.class).single().getText()).isEqualTo(t("app.name"));
        assertThat($(Button.class).id("login-lang-zh-CN").isEnabled())
                .as("the current language")
                .isFalse();
        assertThat($(Button.class).id("login-lang-en").isEnabled()).isTrue();
    }

    @Test
    void a_failed_login_shows_the_error_state() throws Exception {
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new BadCredentialsException("bad"));

        openWithError();

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(form().isError()).isTrue();
        assertThat(i18n(form()).getErrorMessage().getMessage()).isEqualTo(t("login.error.bad-credentials"));
        assertThat(i18n(form()).getErrorMessage().getTitle()).isEqualTo(t("login.error.title"));
    }

    @Test
    void a_locked_account_is_told_so() throws Exception {
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, new LockedException("locked"));

        openWithError();

        assertThat(form().isError()).isTrue();
        assertThat(i18n(form()).getErrorMessage().getMessage()).isEqualTo(t("login.error.locked"));
    }

    @Test
    void a_paused_address_is_told_to_wait_in_words_that_fit_any_name() throws Exception {
        VaadinSession.getCurrent()
                .getSession()
                .setAttribute(
                        WebAttributes.AUTHENTICATION_EXCEPTION, new io.keyuan.security.SignInThrottledException());

        openWithError();

        assertThat(form().isError()).isTrue();
        assertThat(i18n(form()).getErrorMessage().getMessage()).isEqualTo(t("login.error.throttled"));
    }
}
