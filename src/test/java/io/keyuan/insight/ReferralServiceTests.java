package io.keyuan.insight;

import static io.keyuan.insight.TestInsight.buy;
import static io.keyuan.insight.TestInsight.currentMonth;
import static io.keyuan.insight.TestInsight.customer;
import static io.keyuan.insight.TestInsight.referred;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.channel.ChannelService;
import io.keyuan.customer.CustomerService;
import io.keyuan.shared.KeyuanException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The referral report against a case worked out by hand (docs/insight.md has it). In channel R, A refers B and C; B
 * buys 100 and C 50 in month M0 (14 months ago), B another 999 in M0+12 (its 13th month); D, not referred, buys 30
 * in M0. A has bought nothing, so it counts as acquired this month, outside M0. Over M0: referred customers 2 with an
 * average 12-month revenue of 75, the others 1 with 30; the top promoter A with 2 customers and 150.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "referral-manager",
        roles = {"MANAGER", "STAFF"})
class ReferralServiceTests {
    @Autowired
    ReferralService referrals;

    @Autowired
    ReferralReportExport export;

    @Autowired
    ChannelRollup rollup;

    @Autowired
    ChannelService channels;

    @Autowired
    CustomerService customers;

    YearMonth now;
    YearMonth m0;
    long r;
    long a;
    long b;
    long c;

    @BeforeEach
    void handCase() {
        now = currentMonth();
        m0 = now.minusMonths(14);
        r = TestInsight.channel(channels, "口碑R", ChannelCategory.REFERRAL, AcquisitionMethod.REFERRAL);
        a = customer(customers, r);
        b = referred(customers, r, a);
        buy(customers, b, m0.atDay(3), "100.00");
        buy(customers, b, m0.plusMonths(12).atDay(3), "999.00");
        c = referred(customers, r, a);
        buy(customers, c, m0.atDay(9), "50.00");
        long d = customer(customers, r);
        buy(customers, d, m0.atDay(12), "30.00");
        if (rollup.state().asOf() == null) {
            TestInsight.rebuild(rollup);
        }
    }

    private ReferralReport report(YearMonth from, YearMonth to, ReferralRanking rank) {
        return referrals.report(new ReferralQuery(from, to, r, rank));
    }

    @Test
    void referred_customers_are_worth_75_each_against_30_and_a_leads_the_promoters_with_2_customers_and_150() {
        for (boolean rebuilt : List.of(false, true)) {
            if (rebuilt) {
                TestInsight.rebuild(rollup);
            }
            ReferralReport rep = report(m0, m0, ReferralRanking.CUSTOMERS);
            assertThat(rep.empty()).isNull();
            assertThat(rep.referred().customers()).isEqualTo(2);
            assertThat(rep.referred().converted()).isEqualTo(2);
            assertThat(rep.referred().revenue()).isEqualByComparingTo("150.00");
            assertThat(rep.referred().averageRevenue())
                    .as("(100 + 50) / 2; B's 999 is its 13th month")
                    .isEqualByComparingTo("75.00");
            assertThat(rep.referred().conversion()).isEqualByComparingTo("1");
            assertThat(rep.others().customers())
                    .as("D only: A was acquired this month")
                    .isEqualTo(1);
            assertThat(rep.others().averageRevenue()).isEqualByComparingTo("30.00");
            assertThat(rep.all().customers()).isEqualTo(3);
            assertThat(rep.referredShare()).isEqualByComparingTo("0.6667");
            assertThat(rep.referrers()).isEqualTo(1);
            assertThat(rep.promoters()).hasSize(1);
            ReferralReport.Promoter top = rep.promoters().getFirst();
            assertThat(top.id()).isEqualTo(a);
            assertThat(top.customers()).isEqualTo(2);
            assertThat(top.converted()).isEqualTo(2);
            assertThat(top.revenue()).isEqualByComparingTo("150.00");
            assertThat(top.averageRevenue()).isEqualByComparingTo("75.00");
            assertThat(rep.depths()).containsExactly(new ReferralReport.Depth(1, 2));
            assertThat(rep.valuePartial())
                    .as("M0 is 14 months back: every customer has had 12 months")
                    .isFalse();
        }
    }

    @Test
    void promoters_rank_by_customers_brought_or_by_their_revenue_and_chains_count_their_length() {
        // P refers Q (500 in M0); Q refers S (10 in M0): S's chain is 2 long (Q was referred by P, who was not).
        long p = customer(customers, r);
        long q = referred(customers, r, p);
        buy(customers, q, m0.atDay(20), "500.00");
        long s = referred(customers, r, q);
        buy(customers, s, m0.atDay(21), "10.00");

        ReferralReport byCustomers = report(m0, m0, ReferralRanking.CUSTOMERS);
        assertThat(byCustomers.promoters())
                .extracting(ReferralReport.Promoter::id)
                .as("A brought 2; Q (10) and P (500) one each, the bigger revenue first")
                .containsExactly(a, p, q);
        ReferralReport byRevenue = report(m0, m0, ReferralRanking.REVENUE);
        assertThat(byRevenue.promoters())
                .extracting(ReferralReport.Promoter::id)
                .containsExactly(p, a, q);
        assertThat(byRevenue.referrers()).isEqualTo(3);
        assertThat(byRevenue.referred().customers()).isEqualTo(4);
        assertThat(byRevenue.referred().revenue()).isEqualByComparingTo("660.00");
        assertThat(byRevenue.depths()).containsExactly(new ReferralReport.Depth(1, 3), new ReferralReport.Depth(2, 1));
        assertThat(referrals
                        .report(new ReferralQuery(m0, m0, r, ReferralRanking.CUSTOMERS), 1)
                        .promoters())
                .extracting(ReferralReport.Promoter::id)
                .containsExactly(a);
    }

    @Test
    void a_period_without_referrals_says_so_and_still_shows_the_other_customers() {
        YearMonth m = m0.minusMonths(3);
        long e = customer(customers, r);
        buy(customers, e, m.atDay(2), "40.00");

        ReferralReport rep = report(m, m, ReferralRanking.CUSTOMERS);
        assertThat(rep.empty()).isEqualTo(ReferralReport.Empty.NO_REFERRALS);
        assertThat(rep.referred().customers()).isZero();
        assertThat(rep.referred().averageRevenue()).as("no division by zero").isNull();
        assertThat(rep.referred().conversion()).isNull();
        assertThat(rep.others().customers()).isEqualTo(1);
        assertThat(rep.others().averageRevenue()).isEqualByComparingTo("40.00");
        assertThat(rep.promoters()).isEmpty();
        assertThat(rep.referredShare()).isEqualByComparingTo("0");
    }

    @Test
    void no_customers_a_future_period_and_bad_periods_are_explained() {
        YearMonth old = m0.minusYears(7);
        assertThat(report(old, old, null).empty()).isEqualTo(ReferralReport.Empty.NO_CUSTOMERS);
        assertThat(report(old, old, null).referredShare()).isNull();
        assertThat(report(now.plusMonths(1), now.plusMonths(2), null).empty()).isEqualTo(ReferralReport.Empty.FUTURE);
        ReferralReport reaching = report(m0, now.plusMonths(3), null);
        assertThat(reaching.to()).isEqualTo(now);
        assertThat(reaching.endsEarly()).isTrue();
        assertThat(reaching.valuePartial()).isTrue();
        assertThatThrownBy(() -> report(m0, m0.minusMonths(1), null))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-order"));
        assertThatThrownBy(() -> report(null, m0, null))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-required"));
        assertThatThrownBy(() -> report(m0.minusMonths(200), m0, null))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("insight.error.period-too-long"));
    }

    @Test
    void a_deleted_referrer_leaves_its_customers_unreferred() {
        long version = customers.get(a).getVersion();
        customers.delete(a, version, 0);

        ReferralReport rep = report(m0, m0, ReferralRanking.CUSTOMERS);
        assertThat(rep.empty()).isEqualTo(ReferralReport.Empty.NO_REFERRALS);
        assertThat(rep.others().customers()).isEqualTo(3);
        assertThat(rep.others().revenue()).isEqualByComparingTo("180.00");
    }

    @Test
    void the_workbook_has_the_comparison_first_with_referred_others_and_total() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = export.export(new ReferralQuery(m0, m0, r, ReferralRanking.CUSTOMERS), Locale.ENGLISH, out);

        assertThat(rows).as("3 comparison lines, 1 promoter, 1 chain length").isEqualTo(5);
        List<List<String>> sheet = new ArrayList<>();
        io.keyuan.exchange.WorkbookRows.read(new java.io.ByteArrayInputStream(out.toByteArray()), cells -> {
            sheet.add(Arrays.asList(cells));
            return true;
        });
        assertThat(sheet.getFirst()).contains("Customers acquired", "Conversion (%)", "Per customer");
        assertThat(sheet.get(1)).startsWith("Referred", "2", "2");
        assertThat(new BigDecimal(sheet.get(1).get(5))).isEqualByComparingTo("75");
        assertThat(sheet.get(2).getFirst()).isEqualTo("Not referred");
        assertThat(sheet.get(3).getFirst()).isEqualTo("Total");
    }

    @Test
    @WithMockUser(username = "referral-staff", roles = "STAFF")
    void staff_may_not_read_or_export_the_referral_report() {
        ReferralQuery q = ReferralQuery.lastTwelveMonths(now);
        assertThatThrownBy(() -> referrals.report(q)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> export.export(q, Locale.ENGLISH, new ByteArrayOutputStream()))
                .isInstanceOf(AccessDeniedException.class);
    }
}
