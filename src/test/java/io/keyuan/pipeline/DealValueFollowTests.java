package io.keyuan.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerRegion;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.domain.Deal;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** The API quotes use: a deal's value set by the record that drives it, a customer's deals, a customer's region. */
@KeyuanIntegrationTest
@WithMockUser(
        username = "follow-staff",
        roles = {"STAFF"})
class DealValueFollowTests {
    @Autowired
    DealService deals;

    @Autowired
    PipelineService pipelines;

    @Autowired
    CustomerService customers;

    @Test
    void a_deal_value_follows_without_a_version_and_a_customer_lists_only_their_deals() {
        PipelineDetail funnel = TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "跟随" + TestData.unique());
        Customer mine = TestPipelines.customer(customers, "跟随客户" + TestData.unique());
        Customer other = TestPipelines.customer(customers, "其他客户" + TestData.unique());
        Deal deal = TestPipelines.deal(deals, funnel.pipeline().id(), mine.getId(), "跟随商机" + TestData.unique(), "1");
        Deal theirs = TestPipelines.deal(deals, funnel.pipeline().id(), other.getId(), "其他商机" + TestData.unique(), "2");

        DealCard card = deals.followValue(deal.getId(), new BigDecimal("1234.50"));

        assertThat(card.value()).isEqualByComparingTo("1234.50");
        assertThat(deals.get(deal.getId()).getUpdatedBy()).isEqualTo("follow-staff");
        assertThat(deals.ofCustomer(mine.getId(), 10)).extracting(DealCard::id).containsExactly(deal.getId());
        assertThat(deals.ofCustomer(other.getId(), 10)).extracting(DealCard::id).containsExactly(theirs.getId());
        assertThatThrownBy(() -> deals.followValue(deal.getId(), new BigDecimal("-1")))
                .isInstanceOf(io.keyuan.shared.KeyuanException.class);
    }

    @Test
    void a_customer_region_is_read_through_the_customer_api() {
        Customer c = TestPipelines.customer(customers, "地区客户" + TestData.unique(), x -> {
            x.setProvince("浙江");
            x.setCity("宁波");
        });

        assertThat(customers.region(c.getId())).contains(new CustomerRegion(c.getId(), "浙江", "宁波"));
        assertThat(customers.region(-1)).isEmpty();
    }

    @Test
    void a_user_without_staff_cannot_set_a_value_or_list_deals_or_read_a_region() {
        assertThatThrownBy(() -> TestData.as("nobody", () -> deals.followValue(1, BigDecimal.ONE)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestData.as("nobody", () -> deals.ofCustomer(1, 10)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> TestData.as("nobody", () -> customers.region(1)))
                .isInstanceOf(AccessDeniedException.class);
    }
}
