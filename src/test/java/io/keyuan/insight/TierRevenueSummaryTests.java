package io.keyuan.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.NewPurchase;
import io.keyuan.customer.NewPurchaseReturn;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.SalesChannel;
import io.keyuan.insight.InsightSummaries.TierMonth;
import io.keyuan.insight.InsightSummaries.TierRevenue;
import io.keyuan.pricing.TestPricing;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Revenue and margin by price tier against a case worked out by hand (product P costs 30.00):
 *
 * <pre>
 *   customer  tier  month  product          qty  amount  returned        net    known cost
 *   a         G     T1     "P · 名"          2    100.00                  100.00  60.00
 *   a         G     T1     free text         1     50.00                   50.00  —
 *   a         G     T2     "P" (code only)   3    150.00  1 unit, 50.00   100.00  60.00 (2 kept)
 *   b         S     T1     free text         1     80.00                   80.00  —
 * </pre>
 *
 * G in T1: revenue 150.00, with known cost 100.00, cost 60.00, margin 40.00 = 40.0 %, known cost 66.7 % of revenue;
 * G in T2: 100.00, 100.00, 60.00, 40.00, 40.0 %, 100.0 %; G over both: 250.00, 200.00, 120.00, 80.00, 40.0 %, 80.0 %.
 * S in T1: 80.00 and nothing with a known cost: margin "—", known cost 0.0 %.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "summary-manager",
        roles = {"STAFF", "MANAGER"})
class TierRevenueSummaryTests {
    @Autowired
    InsightSummaries summaries;

    @Autowired
    CustomerService customers;

    @Autowired
    PurchaseReturns returns;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TierRevenueRollup rollup;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void revenue_and_margin_per_tier_and_month_match_the_hand_computed_case() {
        TestPricing pricing = new TestPricing(jdbc, events);
        long category = pricing.category("IC");
        pricing.product(category, "IP", "汇总产品", "60.00", "30.00");
        String code = pricing.code("IP");
        long gold = pricing.tier("IG", "汇总金");
        long silver = pricing.tier("IS", "汇总银");
        long a = TestInsight.customer(customers, null);
        long b = TestInsight.customer(customers, null);
        pricing.customerTier(a, gold);
        pricing.customerTier(b, silver);
        YearMonth t1 = TestInsight.currentMonth().minusMonths(44);
        YearMonth t2 = t1.plusMonths(1);
        buy(a, t1, code + " · 汇总产品", 2, "100.00");
        buy(a, t1, "手写的产品", 1, "50.00");
        long returned = buy(a, t2, code, 3, "150.00");
        SystemActor.run(
                () -> returns.record(new NewPurchaseReturn(returned, t2.atDay(20), 1, new BigDecimal("50.00"), "坏了")));
        buy(b, t1, "手写的产品", 1, "80.00");

        assertThat(rollup.rebuild(n -> {}, () -> false)).isGreaterThanOrEqualTo(45);
        assertThat(rollup.asOf()).isPresent();

        TierRevenue r = summaries.tierRevenue(new SummaryQuery(t1, t2, null, null, null), Locale.ENGLISH);

        assertThat(r.months()).containsExactly(t1, t2);
        TierMonth g1 = one(r.byMonth(), gold, t1);
        assertThat(g1.purchases()).isEqualTo(2);
        assertThat(g1.revenue()).isEqualByComparingTo("150.00");
        assertThat(g1.costedRevenue()).isEqualByComparingTo("100.00");
        assertThat(g1.cost()).isEqualByComparingTo("60.00");
        assertThat(g1.margin()).isEqualByComparingTo("40.00");
        assertThat(g1.marginPercent()).isEqualTo(d("40.0"));
        assertThat(g1.costedPercent()).isEqualTo(d("66.7"));
        assertThat(g1.tier()).startsWith("汇总金");
        TierMonth g2 = one(r.byMonth(), gold, t2);
        assertThat(g2.revenue()).isEqualByComparingTo("100.00");
        assertThat(g2.cost()).as("2 units kept × 30.00").isEqualByComparingTo("60.00");
        assertThat(g2.margin()).isEqualByComparingTo("40.00");
        assertThat(g2.costedPercent()).isEqualTo(d("100.0"));
        TierMonth s1 = one(r.byMonth(), silver, t1);
        assertThat(s1.revenue()).isEqualByComparingTo("80.00");
        assertThat(s1.costedRevenue()).isNull();
        assertThat(s1.margin()).as("no cost known: no margin, not 80.00").isNull();
        assertThat(s1.marginPercent()).isNull();
        assertThat(s1.costedPercent()).isEqualTo(d("0.0"));
        assertThat(r.byMonth().stream().filter(m -> m.tierId() != null && m.tierId() == silver))
                .as("no row for a month without purchases")
                .hasSize(1);

        TierMonth gold2 = r.totals().stream()
                .filter(m -> m.tierId() != null && m.tierId() == gold)
                .findFirst()
                .orElseThrow();
        assertThat(gold2.purchases()).isEqualTo(3);
        assertThat(gold2.revenue()).isEqualByComparingTo("250.00");
        assertThat(gold2.costedRevenue()).isEqualByComparingTo("200.00");
        assertThat(gold2.cost()).isEqualByComparingTo("120.00");
        assertThat(gold2.margin()).isEqualByComparingTo("80.00");
        assertThat(gold2.marginPercent()).isEqualTo(d("40.0"));
        assertThat(gold2.costedPercent()).isEqualTo(d("80.0"));

        var tables = summaries.tierTables(r, Locale.ENGLISH);
        assertThat(tables.get(0).columns().get(6).kind()).isEqualTo(SummaryTable.Kind.PERCENT);
        assertThat(tables.get(1).rows().stream().filter(row -> row.get(1).equals(s1.tier())))
                .singleElement()
                .satisfies(row -> assertThat(row.get(6)).isNull());
    }

    private long buy(long customer, YearMonth month, String product, int quantity, String amount) {
        return SystemActor.call(() -> customers.recordPurchase(new NewPurchase(
                customer, month.atDay(15), product, quantity, new BigDecimal(amount), SalesChannel.STORE)));
    }

    private static TierMonth one(List<TierMonth> rows, long tier, YearMonth month) {
        List<TierMonth> found = rows.stream()
                .filter(m ->
                        m.tierId() != null && m.tierId() == tier && m.month().equals(month))
                .toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }
}
