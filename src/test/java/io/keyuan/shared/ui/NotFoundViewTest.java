package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import io.keyuan.security.domain.Role;
import io.keyuan.security.ui.LoginView;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mistyped or unknown address, or one whose id does not parse: the portal's not-found page inside its frame (with
 * the navigation) and a link home for a signed-in user, in the user's language; the login page for anyone else.
 */
class NotFoundViewTest extends KeyuanViewTest {

    @Test
    void a_signed_in_user_on_an_unknown_address_sees_the_not_found_page_inside_the_portal_frame() {
        loginAs(Role.STAFF);

        HasElement view = open("nope");

        assertThat(view).isInstanceOf(NotFoundView.class);
        assertThat(chain()).anyMatch(MainLayout.class::isInstance);
        assertThat($(com.vaadin.flow.component.sidenav.SideNav.class).id("main-nav"))
                .isNotNull();
        assertThat(textOf((NotFoundView) view)).contains(t("error.not-found.title"), "/nope");
        Anchor home = $(Anchor.class).id("error-home");
        assertThat(home.getHref()).isEmpty(); // the start page, relative to the app's base
        assertThat(home.getText()).isEqualTo(t("error.back-home"));
    }

    @Test
    void an_id_that_does_not_parse_lands_on_the_not_found_page_not_on_an_exception() {
        loginAs(Role.MANAGER);

        for (String address : List.of("customers/abc", "customers/abc/edit", "customers/99999999999999999999")) {
            HasElement view = open(address);

            assertThat(view).as(address).isInstanceOf(NotFoundView.class);
            assertThat(chain()).as(address).anyMatch(MainLayout.class::isInstance);
        }
    }

    @Test
    void a_customer_that_does_not_exist_says_so_inside_the_portal_frame() {
        loginAs(Role.STAFF);

        HasElement view = open("customers/999999999");

        assertThat(view).isInstanceOf(NotFoundView.class);
        assertThat(chain()).anyMatch(MainLayout.class::isInstance);
        assertThat(textOf((NotFoundView) view)).contains(t("error.record-not-found"));
    }

    @Test
    void the_not_found_page_speaks_the_users_language() {
        loginAs(Role.ADMIN);
        setLocale(KeyuanI18NProvider.EN);
        assertThat(textOf((NotFoundView) open("nope"))).contains("Page not found", "There is no page at /nope.");
        setLocale(KeyuanI18NProvider.ZH_TW);
        assertThat(textOf((NotFoundView) open("nope2"))).contains("頁面不存在", "位址 /nope2 下沒有頁面。");
        setLocale(KeyuanI18NProvider.ZH_CN);
        assertThat(textOf((NotFoundView) open("nope3"))).contains("页面不存在", "地址 /nope3 下没有页面。");
    }

    @Test
    void someone_not_signed_in_on_an_unknown_address_gets_the_login_page() {
        HasElement view = open("nope");

        assertThat(view).isInstanceOf(LoginView.class);
    }

    private static List<HasElement> chain() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain();
    }
}
