package io.keyuan.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarTester;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.channel.ui.ChannelListView;
import io.keyuan.customer.ui.CustomerListView;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.LocalePreferences;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The views speak the UI's language: Simplified Chinese by default, Traditional Chinese and English on request. */
class LocalizedViewsTest extends KeyuanViewTest {
    @Autowired
    UserAdminService userAdmin;

    @Autowired
    LocalePreferences preferences;

    /** Opens the customer list afresh (a view already showing keeps the texts it was built with). */
    private void reopenCustomers() {
        navigate(ChannelListView.class);
        navigate(CustomerListView.class);
    }

    @Test
    @AsStaff
    void the_default_language_is_simplified_chinese() {
        reopenCustomers();

        assertThat(UI.getCurrent().getLocale()).isEqualTo(KeyuanI18NProvider.ZH_CN);
        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("新建客户");
    }

    @Test
    @AsStaff
    void customer_list_speaks_english_when_the_ui_locale_is_english() {
        setLocale(Locale.ENGLISH);
        reopenCustomers();

        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("New customer");
        assertThat($(TextField.class).id("customer-quick-search").getPlaceholder())
                .isEqualTo("Name, pinyin, code, phone or e-mail");
    }

    @Test
    @AsStaff
    void customer_list_speaks_traditional_chinese_for_taiwan() {
        setLocale(Locale.TRADITIONAL_CHINESE);
        reopenCustomers();

        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("新建客戶");
    }

    @Test
    @AsStaff
    void switching_back_to_simplified_chinese_shows_chinese_again() {
        setLocale(Locale.ENGLISH);
        reopenCustomers();
        setLocale(Locale.SIMPLIFIED_CHINESE);
        reopenCustomers();

        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("新建客户");
    }

    @Test
    @AsStaff
    void the_feedback_list_speaks_each_language() {
        open("feedback");
        assertThat($(Button.class).id("feedback-new").getText()).isEqualTo("新建反馈");

        setLocale(Locale.TRADITIONAL_CHINESE);
        open("customers");
        open("feedback");
        assertThat($(Button.class).id("feedback-new").getText()).isEqualTo("新建回饋");

        setLocale(Locale.ENGLISH);
        open("customers");
        open("feedback");
        assertThat($(Button.class).id("feedback-new").getText()).isEqualTo("New feedback");
        assertThat($(com.vaadin.flow.component.checkbox.Checkbox.class)
                        .id("feedback-filter-overdue")
                        .getLabel())
                .isEqualTo("Overdue only");
    }

    @Test
    @AsManager
    void survey_views_speak_the_ui_language() {
        navigate(io.keyuan.survey.ui.SurveyListView.class);
        assertThat($(Button.class).id("survey-new").getText()).isEqualTo("新建问卷");

        setLocale(Locale.ENGLISH);
        navigate(io.keyuan.survey.ui.CampaignListView.class);
        assertThat($(Button.class).id("campaign-new").getText()).isEqualTo("New campaign");
        navigate(io.keyuan.survey.ui.SurveyListView.class);
        assertThat($(Button.class).id("survey-new").getText()).isEqualTo("New survey");

        navigate(io.keyuan.survey.ui.SurveyResultsView.class);
        assertThat($(com.vaadin.flow.component.select.Select.class)
                        .id("results-by")
                        .getLabel())
                .isEqualTo("Break down by");

        setLocale(Locale.TRADITIONAL_CHINESE);
        navigate(io.keyuan.survey.ui.CampaignListView.class);
        assertThat($(Button.class).id("campaign-new").getText()).isEqualTo("新建調查活動");
        navigate(io.keyuan.survey.ui.SurveyResultsView.class);
        assertThat($(com.vaadin.flow.component.select.Select.class)
                        .id("results-by")
                        .getLabel())
                .isEqualTo("細分維度");
    }

    @Test
    void the_language_chosen_in_the_user_menu_is_remembered_for_the_next_session() {
        String username = "view.lang." + unique();
        SystemActor.run(() -> userAdmin.create(username, "语言", "STAFF", "language-" + unique()));
        loginAs(username, Role.STAFF);
        open("customers");
        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("新建客户");

        // user menu → language → English
        new MenuBarTester<>($(MenuBar.class).id("user-menu")).clickItem(0, 0, 2);
        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(preferences.load(username)).contains(Locale.ENGLISH);

        restartVaadin();
        open("customers");

        assertThat(UI.getCurrent().getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat($(Button.class).id("customer-new").getText()).isEqualTo("New customer");
        assertThat($(SideNav.class).id("main-nav").getItems())
                .extracting(SideNavItem::getLabel)
                .containsExactly(
                        "Home",
                        "Customers",
                        "Source channels",
                        "Pipelines",
                        "Deals",
                        "Segments",
                        "Segment members",
                        "Products",
                        "Price tiers",
                        "Price rules",
                        "Bundles",
                        "Quote",
                        "Quotes",
                        "Feedback",
                        "Import",
                        "Import history",
                        "Survey campaigns");
    }
}
