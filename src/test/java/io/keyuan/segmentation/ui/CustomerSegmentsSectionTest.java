package io.keyuan.segmentation.ui;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.segmentation.CustomerSegmentStay;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RefreshWait;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.RuleSetSummary;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The customer page says which segments the customer is in, why each rule matches or not, and since when. */
class CustomerSegmentsSectionTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Test
    @AsStaff
    void each_condition_shows_true_or_false_with_the_customers_value_and_the_membership_history() {
        String city = "因" + TestData.unique();
        Customer customer = TestCustomers.create(customers, "WHY" + TestData.unique(), "为什么", c -> {
            c.setCity(city);
            c.setIncome(new BigDecimal("80000"));
        });
        SegmentSummary[] made = SystemActor.call(() -> {
            RuleSetSummary set = segments.createRuleSet("解释" + TestData.unique(), RuleSetMode.EXCLUSIVE);
            SegmentSummary rich = segments.createSegment(
                    set.id(),
                    "高收入",
                    and(
                            when(SegmentField.CITY, Operator.EQ, city),
                            not(when(SegmentField.INCOME, Operator.LT, "100000"))),
                    null);
            SegmentSummary local =
                    segments.createSegment(set.id(), "本地", when(SegmentField.CITY, Operator.EQ, city), null);
            return new SegmentSummary[] {rich, local};
        });
        SystemActor.run(this::refresh);

        open("customers/" + customer.getId());

        VerticalLayout section = $(VerticalLayout.class).id("customer-segments");
        assertThat(section.getElement().getTextRecursively()).contains(t("segment.why.title"));
        Details rich = $(Details.class).id("why-" + made[0].id());
        Details local = $(Details.class).id("why-" + made[1].id());
        String richText = rich.getElement().getTextRecursively();
        String localText = local.getElement().getTextRecursively();
        assertThat(richText)
                .contains("✗ " + t("segment.why.no-match"))
                .contains(t("segment.why.value", "80000"))
                .contains(t("segment.why.value", city))
                .contains(t("segment.why.not-member"));
        assertThat(localText).contains("✓ " + t("segment.why.matches")).doesNotContain(t("segment.why.not-member"));
        @SuppressWarnings("unchecked")
        Grid<CustomerSegmentStay> history = $(Grid.class).id("customer-segment-history");
        assertThat(test(history).size()).isEqualTo(1);
        assertThat(test(history).getCellText(0, 0)).endsWith("本地");
        assertThat(test(history).getCellText(0, 2)).isEqualTo(t("segment.why.still-in"));

        // "see members" opens the membership page on that segment
        com.vaadin.flow.component.html.Anchor members =
                $(com.vaadin.flow.component.html.Anchor.class).id("why-members-" + made[1].id());
        assertThat(members.getText()).isEqualTo(t("segment.why.members-link"));
        assertThat(members.getHref()).isEqualTo("segments/membership?segment=" + made[1].id());
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(SegmentMembershipView.class, SegmentMembershipView.query(made[1].id()));
        SegmentMembershipView page = $(SegmentMembershipView.class).single();
        assertThat(page.segments.asSingleSelect().getValue().segmentId()).isEqualTo(made[1].id());
        assertThat(page.selectedTitle.getText()).contains("本地");
        open("customers/" + customer.getId());
        com.vaadin
                .flow
                .component
                .UI
                .getCurrent()
                .navigate(
                        SegmentMembershipView.class,
                        com.vaadin.flow.router.QueryParameters.of("segment", "not-a-number"));
        assertThat($(SegmentMembershipView.class)
                        .single()
                        .segments
                        .asSingleSelect()
                        .getValue())
                .isNull();
    }

    private void refresh() {
        assertThat(RefreshWait.ended(membership, membership.startRefresh()).running())
                .isFalse();
    }
}
