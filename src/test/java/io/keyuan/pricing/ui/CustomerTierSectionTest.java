package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.pricing.TierService;
import io.keyuan.pricing.domain.PriceTier;
import io.keyuan.segmentation.Operator;
import io.keyuan.segmentation.RuleNode;
import io.keyuan.segmentation.RuleSetMode;
import io.keyuan.segmentation.SegmentField;
import io.keyuan.segmentation.SegmentService;
import io.keyuan.segmentation.SegmentSummary;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The customer page says which tier prices the customer and why; staff set and clear a manual tier there. */
class CustomerTierSectionTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    TierService tiers;

    @Autowired
    SegmentService segments;

    @Autowired
    JdbcTemplate jdbc;

    private PriceTier tier(String name, Long... segmentIds) {
        PriceTier t = new PriceTier();
        t.setCode("CT" + unique());
        t.setName(name);
        t.setSegmentIds(Set.of(segmentIds));
        return SystemActor.call(() -> tiers.save(t));
    }

    private CustomerTierSection.Panel section() {
        return $(CustomerTierSection.Panel.class).single();
    }

    @Test
    @AsStaff
    void staff_see_no_tier_then_set_a_manual_tier_with_a_reason_and_clear_it() {
        String u = unique();
        Customer customer = TestCustomers.create(customers, "CTS" + u, "等级客户");
        PriceTier vip = tier("贵宾" + u);
        open("customers/" + customer.getId());

        assertThat(section().summary.getText()).isEqualTo(t("pricing.tier.section.none"));
        assertThat(section().why.getText()).isEqualTo(t("pricing.tier.section.none-why"));
        assertThat(section().clearManual.isVisible()).isFalse();

        test(section().setManual).click();
        CustomerTierSection.ManualTierDialog dialog =
                $(CustomerTierSection.ManualTierDialog.class).single();
        test(dialog.save).click(); // nothing chosen: refused on the field
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.tier.isInvalid()).isTrue();
        dialog.tier.setValue(dialog.tier
                .getListDataView()
                .getItems()
                .filter(r -> r.id() == vip.getId())
                .findFirst()
                .orElseThrow());
        test(dialog.save).click();
        assertThat(dialog.reason.isInvalid()).isTrue();
        test(dialog.reason).setValue("老客户续约");
        LocalDate until = LocalDate.now(BusinessTime.ZONE).plusDays(30);
        dialog.until.setValue(until);
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat(section().summary.getText()).isEqualTo(vip.getName());
        assertThat(section().why.getText())
                .contains(STAFF_USER)
                .contains("老客户续约")
                .contains(Formats.date(until));
        assertThat(section().clearManual.isVisible()).isTrue();

        test(section().clearManual).click();
        assertThat(section().summary.getText()).isEqualTo(t("pricing.tier.section.none"));
        assertThat(SystemActor.call(() -> tiers.manual(customer.getId()))).isEmpty();
    }

    @Test
    @AsManager
    void the_segment_that_gives_the_tier_is_named() {
        String u = unique();
        Customer customer = TestCustomers.create(customers, "CTG" + u, "细分客户");
        SegmentSummary segment = SystemActor.call(() -> {
            var set = segments.createRuleSet("区段" + u, RuleSetMode.OVERLAPPING);
            return segments.createSegment(
                    set.id(), "常客" + u, RuleNode.when(SegmentField.CITY, Operator.EQ, "城" + u), null);
        });
        // membership written directly for this test's own segment, as a refresh would
        jdbc.update(
                "INSERT INTO segment_membership (segment_id, customer_id, entered_at) VALUES (?, ?, NOW(6))",
                segment.id(),
                customer.getId());
        PriceTier regular = tier("常规" + u, segment.id());

        open("customers/" + customer.getId());

        assertThat(section().summary.getText()).isEqualTo(regular.getName());
        assertThat(section().why.getText()).isEqualTo(t("pricing.tier.section.segment", "常客" + u));
        assertThat(section().setManual.isVisible()).isTrue();
    }
}
