package io.keyuan.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.shared.jobs.JobService;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * The portal's frame: side navigation built from the views the signed-in user may open (menu titles are i18n
 * keys), and a user menu with the language switch and logout.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    private final AuthenticationContext authentication;
    private final LocaleSupport localeSupport;
    private final H1 viewTitle = new H1();

    public MainLayout(AuthenticationContext authentication, LocaleSupport localeSupport, JobService jobs) {
        this.authentication = authentication;
        this.localeSupport = localeSupport;
        setPrimarySection(Section.DRAWER);
        addClassName("keyuan-layout");

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("layout.menu-toggle"));
        viewTitle.addClassName("keyuan-view-title");
        addToNavbar(true, toggle, viewTitle);
        addToNavbar(new JobsButton(jobs, authentication.getPrincipalName().orElse(""), authentication::hasRole));

        Span brand = new Span(getTranslation("app.name"));
        brand.addClassName("keyuan-brand");
        Header header = new Header(brand);
        header.addClassName("keyuan-drawer-header");
        Scroller scroller = new Scroller(buildNav());
        addToDrawer(header, scroller, buildFooter());
    }

    private SideNav buildNav() {
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null && entry.icon().contains(":")) {
                String[] icon = entry.icon().split(":", 2);
                item.setPrefixComponent(new Icon(icon[0], icon[1]));
            }
            nav.addItem(item);
        }
        return nav;
    }

    private Footer buildFooter() {
        Footer footer = new Footer();
        footer.addClassName("keyuan-drawer-footer");
        String name = authentication.getPrincipalName().orElse("");
        MenuBar userMenu = new MenuBar();
        userMenu.setId("user-menu");
        userMenu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(name);
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        MenuItem root = userMenu.addItem(avatar);
        root.add(new Span(name));
        SubMenu sub = root.getSubMenu();
        MenuItem language = sub.addItem(new Icon(VaadinIcon.GLOBE));
        language.add(new Span(getTranslation("layout.language")));
        Locale current = KeyuanI18NProvider.supported(getLocale());
        KeyuanI18NProvider.LOCALES.forEach(locale ->
                addLanguage(language.getSubMenu(), locale, KeyuanI18NProvider.NATIVE_NAMES.get(locale), current));
        MenuItem logout = sub.addItem(new Icon(VaadinIcon.SIGN_OUT), e -> authentication.logout());
        logout.add(new Span(getTranslation("layout.logout")));
        logout.setId("logout");
        footer.add(userMenu);
        return footer;
    }

    private void addLanguage(SubMenu menu, Locale locale, String label, Locale current) {
        MenuItem item = menu.addItem(label, e -> localeSupport.switchTo(locale));
        item.setCheckable(true);
        item.setChecked(locale.equals(current));
        item.setId("lang-" + locale.toLanguageTag());
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String title = MenuConfiguration.getPageHeader(getContent()).orElse("");
        viewTitle.setText(title);
        UI.getCurrent()
                .getPage()
                .setTitle(title.isEmpty() ? getTranslation("app.name") : title + " · " + getTranslation("app.name"));
    }
}
