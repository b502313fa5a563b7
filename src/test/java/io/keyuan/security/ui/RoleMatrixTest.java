package io.keyuan.security.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelFilter;
import io.keyuan.channel.ChannelService;
import io.keyuan.channel.domain.SourceChannel;
import io.keyuan.channel.ui.ChannelListView;
import io.keyuan.customer.CustomerMetricsService;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.LifecycleThresholds;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.CustomerDetailView;
import io.keyuan.customer.ui.CustomerFormView;
import io.keyuan.customer.ui.CustomerListView;
import io.keyuan.customer.ui.LifecycleSettingsView;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pipeline.ui.DealListView;
import io.keyuan.pipeline.ui.PipelineBoardView;
import io.keyuan.pipeline.ui.PipelineReportView;
import io.keyuan.pipeline.ui.PipelineSettingsView;
import io.keyuan.security.UserAdminService;
import io.keyuan.security.domain.Role;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AccessDeniedView;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.shared.ui.NotFoundView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which views each role opens, which it is refused, what its menu lists — and that the services refuse a role
 * the UI merely hides things from. Roles are cumulative: a manager holds STAFF and MANAGER, an administrator all
 * three.
 */
class RoleMatrixTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerMetricsService metrics;

    @Autowired
    UserAdminService userAdmin;

    @Autowired
    io.keyuan.survey.FeedbackService feedback;

    private Customer customer;
    private long feedbackId;

    @BeforeEach
    void aCustomer() {
        customer = TestCustomers.create(customers, "RM" + unique(), "矩阵" + unique());
        // on a customer of its own: feedback keeps its customer from being deleted
        Customer other = TestCustomers.create(customers, "RMF" + unique(), "矩阵反馈" + unique());
        feedbackId = SystemActor.call(() -> feedback.create(new io.keyuan.survey.NewFeedback(
                        io.keyuan.survey.FeedbackKind.SUGGESTION,
                        io.keyuan.survey.FeedbackCategory.OTHER,
                        io.keyuan.survey.FeedbackSeverity.LOW,
                        "矩阵建议",
                        null,
                        other.getId(),
                        null,
                        null,
                        null,
                        null)))
                .id();
    }

    /** Role, address ({id} is a customer), the view it must open, or null when the role must be refused. */
    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Role role : Role.values()) {
            boolean manager = role != Role.STAFF;
            boolean admin = role == Role.ADMIN;
            rows.add(Arguments.of(role, "", io.keyuan.insight.ui.HomeView.class));
            rows.add(Arguments.of(role, "customers", CustomerListView.class));
            rows.add(Arguments.of(role, "customers/{id}", CustomerDetailView.class));
            rows.add(Arguments.of(role, "customers/new", CustomerFormView.class));
            rows.add(Arguments.of(role, "customers/{id}/edit", CustomerFormView.class));
            rows.add(Arguments.of(role, "channels", ChannelListView.class));
            rows.add(Arguments.of(role, "imports/new", io.keyuan.exchange.ui.ImportView.class));
            rows.add(Arguments.of(role, "imports", io.keyuan.exchange.ui.ImportHistoryView.class));
            rows.add(Arguments.of(role, "settings/lifecycle", manager ? LifecycleSettingsView.class : null));
            rows.add(Arguments.of(role, "pipelines", PipelineBoardView.class));
            rows.add(Arguments.of(role, "deals", DealListView.class));
            rows.add(Arguments.of(role, "pipelines/reports", manager ? PipelineReportView.class : null));
            rows.add(Arguments.of(role, "settings/pipelines", manager ? PipelineSettingsView.class : null));
            rows.add(Arguments.of(role, "segments", io.keyuan.segmentation.ui.SegmentEditorView.class));
            rows.add(Arguments.of(role, "segments/membership", io.keyuan.segmentation.ui.SegmentMembershipView.class));
            rows.add(Arguments.of(role, "products", io.keyuan.pricing.ui.ProductListView.class));
            rows.add(Arguments.of(role, "tiers", io.keyuan.pricing.ui.TierListView.class));
            rows.add(Arguments.of(role, "rules", io.keyuan.pricing.ui.RuleListView.class));
            rows.add(Arguments.of(role, "bundles", io.keyuan.pricing.ui.BundleListView.class));
            rows.add(Arguments.of(
                    role, "pricing-health", manager ? io.keyuan.pricing.ui.PriceBookHealthView.class : null));
            rows.add(Arguments.of(role, "quote", io.keyuan.pricing.ui.QuoteSimulatorView.class));
            rows.add(Arguments.of(role, "quotes", io.keyuan.pricing.ui.QuoteListView.class));
            rows.add(Arguments.of(role, "feedback", io.keyuan.survey.ui.FeedbackListView.class));
            rows.add(Arguments.of(role, "feedback/{feedback}", io.keyuan.survey.ui.FeedbackView.class));
            rows.add(Arguments.of(role, "surveys", manager ? io.keyuan.survey.ui.SurveyListView.class : null));
            rows.add(Arguments.of(role, "surveys/new", manager ? io.keyuan.survey.ui.SurveyDesignerView.class : null));
            rows.add(Arguments.of(role, "campaigns", io.keyuan.survey.ui.CampaignListView.class));
            rows.add(
                    Arguments.of(role, "survey-results", manager ? io.keyuan.survey.ui.SurveyResultsView.class : null));
            rows.add(Arguments.of(
                    role, "insight/customers", manager ? io.keyuan.insight.ui.CustomerInsightView.class : null));
            rows.add(Arguments.of(
                    role, "insight/channels", manager ? io.keyuan.insight.ui.ChannelReportView.class : null));
            rows.add(Arguments.of(
                    role, "insight/referrals", manager ? io.keyuan.insight.ui.ReferralReportView.class : null));
            rows.add(
                    Arguments.of(role, "insight/summaries", manager ? io.keyuan.insight.ui.SummariesView.class : null));
            rows.add(Arguments.of(role, "admin/users", admin ? UserAdminView.class : null));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} at /{1} gets {2}")
    @MethodSource("matrix")
    void each_role_opens_exactly_the_views_it_may(Role role, String location, Class<?> expected) {
        loginAs(role);

        HasElement view = open(location.replace("{id}", String.valueOf(customer.getId()))
                .replace("{feedback}", String.valueOf(feedbackId)));

        if (expected != null) {
            assertThat(view).isInstanceOf(expected);
            assertThat($(AccessDeniedView.class).exists()).isFalse();
        } else {
            assertThat(view).isInstanceOf(AccessDeniedView.class);
            assertThat(view.getElement().getAttribute("id")).isEqualTo("access-denied");
            assertThat(view.getElement().getTextRecursively())
                    .contains(t("error.forbidden.title"), t("error.forbidden.text"));
        }
        assertNoTechnicalText(view);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void side_navigation_lists_exactly_the_views_the_role_may_open(Role role) {
        loginAs(role);
        open("customers");

        List<SideNavItem> items = $(SideNav.class).id("main-nav").getItems();

        List<String> labels = new ArrayList<>(List.of(t("home.nav"), t("nav.customers")));
        List<String> paths = new ArrayList<>(List.of("", "customers"));
        if (role != Role.STAFF) {
            labels.add(t("insight.nav.customers"));
            paths.add("insight/customers");
        }
        labels.add(t("nav.channels"));
        paths.add("channels");
        if (role != Role.STAFF) {
            labels.add(t("insight.nav.channels"));
            paths.add("insight/channels");
            labels.add(t("insight.nav.referrals"));
            paths.add("insight/referrals");
            labels.add(t("insight.nav.summaries"));
            paths.add("insight/summaries");
        }
        labels.addAll(List.of(t("pipeline.nav.board"), t("pipeline.nav.deals")));
        paths.addAll(List.of("pipelines", "deals"));
        if (role != Role.STAFF) {
            labels.add(t("pipeline.nav.reports"));
            paths.add("pipelines/reports");
        }
        labels.add(t("segment.nav.editor"));
        paths.add("segments");
        labels.add(t("segment.membership.nav"));
        paths.add("segments/membership");
        labels.addAll(List.of(
                t("pricing.catalogue.nav"), t("pricing.tier.nav"), t("pricing.nav.rules"), t("pricing.nav.bundles")));
        paths.addAll(List.of("products", "tiers", "rules", "bundles"));
        if (role != Role.STAFF) {
            labels.add(t("pricing.nav.health"));
            paths.add("pricing-health");
        }
        labels.addAll(List.of(t("pricing.nav.quote"), t("pricing.nav.quotes")));
        paths.addAll(List.of("quote", "quotes"));
        labels.add(t("feedback.nav"));
        paths.add("feedback");
        labels.addAll(List.of(t("nav.import"), t("nav.imports")));
        paths.addAll(List.of("imports/new", "imports"));
        if (role != Role.STAFF) {
            labels.add(t("survey.nav.surveys"));
            paths.add("surveys");
        }
        labels.add(t("survey.nav.campaigns"));
        paths.add("campaigns");
        if (role != Role.STAFF) {
            labels.add(t("survey.nav.results"));
            paths.add("survey-results");
        }
        if (role != Role.STAFF) {
            labels.add(t("nav.lifecycle"));
            paths.add("settings/lifecycle");
            labels.add(t("pipeline.nav.settings"));
            paths.add("settings/pipelines");
        }
        if (role == Role.ADMIN) {
            labels.add(t("nav.users"));
            paths.add("admin/users");
        }
        assertThat(items).extracting(SideNavItem::getLabel).containsExactlyElementsOf(labels);
        assertThat(items).extracting(SideNavItem::getPath).containsExactlyElementsOf(paths);
    }

    @Test
    void staff_does_not_see_lifecycle_rules_or_user_admin_in_menu() {
        loginAs(Role.STAFF);
        open("customers");

        assertThat($(SideNav.class).id("main-nav").getItems())
                .extracting(SideNavItem::getPath)
                .doesNotContain("settings/lifecycle", "admin/users");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void unknown_address_shows_the_not_found_page(Role role) {
        loginAs(role);

        HasElement view = open("no/such/page");

        assertThat(view).isInstanceOf(NotFoundView.class);
        assertThat(view.getElement().getAttribute("id")).isEqualTo("not-found");
        assertThat(view.getElement().getTextRecursively()).contains(t("error.not-found.title"));
        assertNoTechnicalText(view);
    }

    @Test
    void a_customer_that_does_not_exist_shows_a_calm_not_found_page() {
        loginAs(Role.STAFF);

        HasElement view = open("customers/999999999");

        assertThat(view.getElement().getAttribute("id")).isEqualTo("not-found");
        assertThat(view.getElement().getTextRecursively()).contains(t("error.record-not-found"));
        assertNoTechnicalText(view);
    }

    @Test
    void anonymous_visitor_is_sent_to_the_login_page() {
        HasElement view = open("customers");

        assertThat(view).isInstanceOf(LoginView.class);
    }

    @Test
    void anonymous_visitor_opens_a_survey_answer_link_without_signing_in_and_nothing_else() {
        HasElement view = open("a/no-such-link-" + unique());

        assertThat(view).isInstanceOf(io.keyuan.survey.ui.PublicAnswerView.class);
        assertThat(view.getElement().getTextRecursively()).contains(t("survey.public.error.link"));
        assertThat(open("surveys")).isInstanceOf(LoginView.class);
        assertThat(open("campaigns")).isInstanceOf(LoginView.class);
    }

    @Test
    void staff_cannot_read_the_business_dashboard_or_everyone_s_deal_totals_through_the_services() {
        loginAs(Role.STAFF);
        io.keyuan.insight.DashboardService dashboards =
                applicationContext.getBean(io.keyuan.insight.DashboardService.class);
        io.keyuan.pipeline.DealService deals = applicationContext.getBean(io.keyuan.pipeline.DealService.class);
        java.time.Instant now = java.time.Instant.now();

        assertThatThrownBy(dashboards::business).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> deals.totals(now.minusSeconds(60), now)).isInstanceOf(AccessDeniedException.class);
        assertThat(dashboards.work().tiles()).isNotEmpty();
    }

    @Test
    void staff_cannot_design_surveys_or_run_campaigns_through_the_services() {
        loginAs(Role.STAFF);
        io.keyuan.survey.SurveyService surveys = applicationContext.getBean(io.keyuan.survey.SurveyService.class);
        io.keyuan.survey.CampaignService campaigns = applicationContext.getBean(io.keyuan.survey.CampaignService.class);

        assertThatThrownBy(() -> surveys.save(new io.keyuan.survey.SurveyDraft(
                        null, 0, "RM-" + unique(), "矩阵", io.keyuan.survey.SurveyStatus.DRAFT, List.of())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.send(1, 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> campaigns.issueLink(1)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anonymous_visitor_gets_the_login_page_for_an_unknown_address() {
        HasElement view = open("no/such/page");

        assertThat(view).isInstanceOf(LoginView.class);
    }

    // ---- the services refuse what the UI hides ----

    @Test
    void staff_cannot_change_lifecycle_thresholds_through_the_service() {
        loginAs(Role.STAFF);
        LifecycleThresholds before = metrics.thresholds();

        assertThatThrownBy(() -> metrics.updateThresholds(before)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> metrics.refreshAll(n -> {})).isInstanceOf(AccessDeniedException.class);
        assertThat(metrics.thresholds().version()).isEqualTo(before.version());
    }

    @Test
    void staff_cannot_create_channels_through_the_service() {
        loginAs(Role.STAFF);
        String name = "矩阵渠道" + unique();
        SourceChannel channel = new SourceChannel();
        channel.setName(name);
        channel.setCategory(ChannelCategory.ONLINE);
        channel.setAcquisitionMethod(AcquisitionMethod.ADVERTISING);

        assertThatThrownBy(() -> channels.save(channel)).isInstanceOf(AccessDeniedException.class);
        assertThat(channels.count(new ChannelFilter(name, null, null, null))).isZero();
    }

    @Test
    void staff_cannot_delete_customers_through_the_service() {
        loginAs(Role.STAFF);

        assertThatThrownBy(() -> customers.delete(customer.getId(), customer.getVersion(), 0))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(customers.ref(customer.getId())).isPresent();
    }

    @Test
    void manager_cannot_administer_users_through_the_service() {
        loginAs(Role.MANAGER);

        assertThatThrownBy(() -> userAdmin.list()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> userAdmin.create("rm." + unique(), "x", "ADMIN", "long-enough-password"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void manager_may_delete_customers_through_the_service() {
        loginAs(Role.MANAGER);

        customers.delete(customer.getId(), customer.getVersion(), 0);

        assertThat(SystemActor.call(() -> customers.ref(customer.getId()))).isEmpty();
    }

    /** No exception names, stack frames or missing-translation markers on screen. */
    private static void assertNoTechnicalText(HasElement view) {
        String text = view.getElement().getTextRecursively();
        assertThat(text).doesNotContain("Exception", "\tat ", ".java:", "java.", "io.keyuan");
        assertThat(text).doesNotContainPattern("![a-z]+\\.[a-z]");
    }
}
