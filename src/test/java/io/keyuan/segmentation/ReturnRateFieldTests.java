package io.keyuan.segmentation;

import static io.keyuan.segmentation.RuleNode.and;
import static io.keyuan.segmentation.RuleNode.not;
import static io.keyuan.segmentation.RuleNode.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchaseReturn;
import io.keyuan.customer.PurchaseReturnRow;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.shared.BusinessTime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The return rate (退货率) as a segment field: returned ÷ purchased amount in %, two decimals, worked out by hand,
 * empty for a customer who bought nothing, the same in SQL and in memory, and up to date the moment a return is
 * recorded or removed (the customer's metrics follow in the same transaction).
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "return-rate-manager",
        roles = {"STAFF", "MANAGER"})
class ReturnRateFieldTests {
    @Autowired
    CustomerService customers;

    @Autowired
    PurchaseReturns returns;

    @Autowired
    SegmentService segments;

    @Autowired
    SegmentMembershipService membership;

    @Autowired
    CustomerFactsLoader facts;

    private final String city = "退" + TestData.unique();

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private Customer customer(String name) {
        return TestCustomers.inCity(customers, "RR" + TestData.unique(), name, city, null);
    }

    private Purchase bought(Customer c, String amount) {
        Purchase p = new Purchase();
        p.setPurchaseDate(today().minusDays(5));
        p.setProduct("茶叶");
        p.setQuantity(2);
        p.setAmount(new BigDecimal(amount));
        return customers.addPurchase(c.getId(), p);
    }

    private PurchaseReturnRow returned(Purchase p, String amount) {
        return returns.record(new NewPurchaseReturn(p.getId(), today(), 0, new BigDecimal(amount), "破损"));
    }

    /** The customers of this test's city a rule selects, by SQL (as counts and refreshes do). */
    private Set<Long> selected(RuleNode condition) {
        RuleNode rule = and(when(SegmentField.CITY, Operator.EQ, city), condition);
        Set<Long> ids = new TreeSet<>();
        segments.sample(rule, 100).forEach(m -> ids.add(m.id()));
        assertThat(segments.count(rule)).isEqualTo(ids.size());
        return ids;
    }

    /** The same, by the in-memory evaluator over the loaded facts (as the customer page's "why" does). */
    private Set<Long> selectedInMemory(RuleNode condition, List<Customer> population) {
        Predicate<CustomerFacts> p = PredicateCompiler.compile(condition, today());
        Set<Long> ids = new TreeSet<>();
        for (CustomerFacts f :
                facts.byIds(population.stream().map(Customer::getId).toList())) {
            if (p.test(f)) {
                ids.add(f.id());
            }
        }
        return ids;
    }

    private BigDecimal rateInMemory(Customer c) {
        return (BigDecimal)
                SegmentField.RETURN_RATE.valueOf(facts.byIds(List.of(c.getId())).getFirst(), today());
    }

    @Test
    void the_return_rate_is_the_returned_share_of_the_purchased_amount_in_percent_and_empty_without_purchases() {
        // by hand: bought 120 + 80 = 200, returned 30 + 20 = 50 → 50 / 200 = 25 %
        Customer quarter = customer("四分之一");
        Purchase tea = bought(quarter, "120.00");
        Purchase cups = bought(quarter, "80.00");
        returned(tea, "30.00");
        returned(cups, "20.00");
        Customer none = customer("未购买");
        // 49.50 / 99.99 = 0.495049504… → 0.4950 → 49.50 %, not 49.51 (no rounding twice)
        Customer repeating = customer("循环小数");
        returned(bought(repeating, "99.99"), "49.50");
        // 1.25 / 1000 = 0.00125 exactly → half up → 0.0013 → 0.13 %
        Customer half = customer("半数进位");
        returned(bought(half, "1000.00"), "1.25");
        // bought, nothing returned: 0 %, not empty
        Customer kept = customer("未退货");
        bought(kept, "300.00");
        // bought only for 0: no rate, as for no purchases
        Customer free = customer("赠品");
        bought(free, "0.00");
        List<Customer> all = List.of(quarter, none, repeating, half, kept, free);

        assertThat(rateInMemory(quarter)).isEqualByComparingTo("25");
        assertThat(rateInMemory(repeating)).isEqualByComparingTo("49.50");
        assertThat(rateInMemory(half)).isEqualByComparingTo("0.13");
        assertThat(rateInMemory(kept)).isEqualByComparingTo("0");
        assertThat(rateInMemory(none)).isNull();
        assertThat(rateInMemory(free)).isNull();
        assertThat(returns.returnRate(quarter.getId()).percent()).isEqualByComparingTo("25");

        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.EQ, "25"))).containsExactly(quarter.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.GT, "20")))
                .containsExactlyInAnyOrder(quarter.getId(), repeating.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.GT, "0")))
                .as("no purchases is no rate: not above 0")
                .containsExactlyInAnyOrder(quarter.getId(), repeating.getId(), half.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.LT, "10")))
                .as("nor below 10")
                .containsExactlyInAnyOrder(half.getId(), kept.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.EQ, "49.5")))
                .containsExactly(repeating.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.EQ, "0.13")))
                .containsExactly(half.getId());
        assertThat(selected(when(SegmentField.RETURN_RATE, Operator.IS_EMPTY)))
                .containsExactlyInAnyOrder(none.getId(), free.getId());
        assertThat(selected(not(when(SegmentField.RETURN_RATE, Operator.GT, "20"))))
                .as("NOT of a condition on no rate holds, as for every field")
                .containsExactlyInAnyOrder(none.getId(), half.getId(), kept.getId(), free.getId());

        List<RuleNode> conditions = new ArrayList<>();
        for (String v : List.of("0", "0.12", "0.13", "10", "20", "25", "49.5", "49.51", "100")) {
            for (Operator op : List.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE)) {
                conditions.add(when(SegmentField.RETURN_RATE, op, v));
            }
        }
        conditions.add(when(SegmentField.RETURN_RATE, Operator.BETWEEN, "0.13", "25"));
        conditions.add(when(SegmentField.RETURN_RATE, Operator.IS_NOT_EMPTY));
        for (RuleNode c : conditions) {
            assertThat(selected(c)).as(RuleText.write(c)).isEqualTo(selectedInMemory(c, all));
        }
    }

    @Test
    void a_rule_on_a_rate_above_zero_reads_only_the_customers_who_returned_something() {
        for (RuleNode needsReturns : List.of(
                when(SegmentField.RETURN_RATE, Operator.GT, "20"),
                when(SegmentField.RETURN_RATE, Operator.GT, "0"),
                when(SegmentField.RETURN_RATE, Operator.GE, "0.01"),
                when(SegmentField.RETURN_RATE, Operator.EQ, "25"),
                when(SegmentField.RETURN_RATE, Operator.BETWEEN, "0.13", "25"))) {
            assertThat(SqlRuleCompiler.compile(needsReturns, today()).where())
                    .as(RuleText.write(needsReturns))
                    .contains("m.returned_amount > 0 AND ");
        }
        for (RuleNode zeroMeets : List.of(
                when(SegmentField.RETURN_RATE, Operator.LT, "10"),
                when(SegmentField.RETURN_RATE, Operator.GE, "0"),
                when(SegmentField.RETURN_RATE, Operator.EQ, "0"),
                when(SegmentField.RETURN_RATE, Operator.GT, "-1"),
                when(SegmentField.RETURN_RATE, Operator.NE, "5"),
                when(SegmentField.RETURN_RATE, Operator.BETWEEN, "0", "25"),
                when(SegmentField.RETURN_RATE, Operator.IS_EMPTY))) {
            assertThat(SqlRuleCompiler.compile(zeroMeets, today()).where())
                    .as(RuleText.write(zeroMeets))
                    .doesNotContain("m.returned_amount > 0");
        }
    }

    @Test
    void recording_and_removing_a_return_moves_the_customer_in_and_out_of_a_return_rate_segment() {
        Customer steady = customer("常退");
        returned(bought(steady, "200.00"), "50.00");
        Customer mover = customer("偶退");
        Purchase p = bought(mover, "100.00");
        RuleNode rule =
                and(when(SegmentField.CITY, Operator.EQ, city), when(SegmentField.RETURN_RATE, Operator.GT, "20"));
        RuleSetSummary set = segments.createRuleSet("退货率" + TestData.unique(), RuleSetMode.OVERLAPPING);
        SegmentSummary high = segments.createSegment(set.id(), "退货率高", rule, null);

        RefreshWait.ended(membership, membership.startRefresh(set.id()));
        assertThat(membership.memberCount(high.id())).isEqualTo(1);

        PurchaseReturnRow r = returned(p, "30.00");
        assertThat(segments.count(rule)).as("the live count, at once").isEqualTo(2);
        RefreshWait.ended(membership, membership.startRefresh(set.id()));
        assertThat(membership.memberCount(high.id())).isEqualTo(2);
        assertThat(membership.members(high.id(), 0, 10))
                .extracting(SegmentMember::customerId)
                .containsExactlyInAnyOrder(steady.getId(), mover.getId());

        returns.delete(r.id());
        assertThat(segments.count(rule)).isEqualTo(1);
        RefreshWait.ended(membership, membership.startRefresh(set.id()));
        assertThat(membership.memberCount(high.id())).isEqualTo(1);
        assertThat(membership.members(high.id(), 0, 10))
                .extracting(SegmentMember::customerId)
                .containsExactly(steady.getId());
    }
}
