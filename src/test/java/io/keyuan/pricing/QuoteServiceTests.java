package io.keyuan.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.pricing.domain.QuoteLine;
import io.keyuan.pricing.engine.LineQuote;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.StaleEditException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@KeyuanIntegrationTest
@WithMockUser(
        username = "quote-staff",
        roles = {"STAFF"})
class QuoteServiceTests {
    @Autowired
    QuoteService quotes;

    @Autowired
    CustomerService customers;

    @Autowired
    DealService deals;

    @Autowired
    PipelineService pipelines;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    TestPricing pricing;
    long productA;
    long productB;
    String ruleTen;
    String ruleBulk;
    String bundleCode;
    Customer customer;

    /**
     * A at 100 (cost 60), B at 50 (cost 20); 10 % off A for everyone, 70 for A from 10, B at its list price by a
     * rule of its own (0 off); A + B together for 130. The rules are promotions on the products: no rule another
     * test leaves in the shared database (a promotion on all products, say) can beat them.
     */
    @BeforeEach
    void catalogue() {
        pricing = new TestPricing(jdbc, events);
        long category = pricing.category("QC");
        productA = pricing.product(category, "QA", "报价产品A", "100.00", "60.00");
        productB = pricing.product(category, "QB", "报价产品B", "50.00", "20.00");
        pricing.productRule("QR10", productA, RuleKind.PERCENT_OFF, "10", 1, null, null, null, true);
        pricing.productRule("QRBULK", productA, RuleKind.FIXED_PRICE, "70", 10, null, null, null, true);
        pricing.productRule("QRB", productB, RuleKind.AMOUNT_OFF, "0", 1, null, null, null, true);
        ruleTen = pricing.code("QR10");
        ruleBulk = pricing.code("QRBULK");
        pricing.bundle("QBUN", BundleKind.PRICE, "130", Map.of(productA, 1, productB, 1));
        bundleCode = pricing.code("QBUN");
        pricing.forget();
        customer = TestPipelines.customer(customers, "报价客户" + TestData.unique(), c -> {
            c.setProvince("浙江");
            c.setCity("杭州");
        });
    }

    private List<LineRequest> aAndB() {
        return List.of(new LineRequest(productA, 1), new LineRequest(productB, 1));
    }

    private Quote saveFor(Customer c, LocalDate date, List<LineRequest> lines) {
        return quotes.save(QuoteDraft.create(c.getId(), date, lines));
    }

    @Test
    void a_customer_quote_uses_their_region_and_shows_the_winner_and_why_others_lost() {
        QuoteSimulation s = quotes.simulate(QuoteRequest.forCustomer(customer.getId(), null, aAndB()));

        assertThat(s.customerName()).isEqualTo(customer.getName());
        assertThat(s.result().context().province()).isEqualTo("浙江");
        assertThat(s.result().context().tierId()).isNull();
        LineQuote a = s.result().lines().getFirst();
        assertThat(a.product().code()).isEqualTo(pricing.code("QA"));
        assertThat(a.winner().code()).isEqualTo(ruleTen);
        assertThat(a.unitPrice()).isEqualByComparingTo("90.00");
        assertThat(a.beaten()).anySatisfy(b -> {
            assertThat(b.rule().code()).isEqualTo(ruleBulk);
            assertThat(b.reason()).isEqualTo(io.keyuan.pricing.engine.BeatenRule.Reason.MIN_QUANTITY);
            assertThat(b.detail()).isEqualTo("10");
        });
        assertThat(s.result().bundleDiscount()).isEqualByComparingTo("10.00");
        assertThat(s.result().total()).isEqualByComparingTo("130.00");
    }

    @Test
    void a_quote_for_a_tier_names_the_tier() {
        long tier = pricing.tier("QT", "报价等级");
        pricing.forget();

        QuoteSimulation s = quotes.simulate(QuoteRequest.forTier(tier, "浙江", "杭州", null, aAndB()));

        assertThat(s.tierId()).isEqualTo(tier);
        assertThat(s.tierCode()).isEqualTo(pricing.code("QT"));
        assertThat(s.customerId()).isNull();
        assertThat(s.result().context().city()).isEqualTo("杭州");
    }

    @Test
    void a_customer_s_tier_is_used_and_a_rule_for_another_tier_loses_for_that_reason() {
        long vip = pricing.tier("QVIP", "报价贵宾");
        long other = pricing.tier("QOTH", "报价其他");
        pricing.productRule("QRVIP", productB, RuleKind.FIXED_PRICE, "40", 1, vip, null, null, true);
        pricing.productRule("QROTH", productB, RuleKind.FIXED_PRICE, "30", 1, other, null, null, true);
        pricing.customerTier(customer.getId(), vip);
        pricing.forget();

        QuoteSimulation s = quotes.simulate(
                QuoteRequest.forCustomer(customer.getId(), null, List.of(new LineRequest(productB, 1))));

        assertThat(s.tierId()).isEqualTo(vip);
        assertThat(s.tierName()).isEqualTo("报价贵宾 " + pricing.tag);
        LineQuote b = s.result().lines().getFirst();
        assertThat(b.winner().code()).isEqualTo(pricing.code("QRVIP"));
        assertThat(b.beaten()).anySatisfy(r -> {
            assertThat(r.rule().code()).isEqualTo(pricing.code("QROTH"));
            assertThat(r.reason()).isEqualTo(io.keyuan.pricing.engine.BeatenRule.Reason.OTHER_TIER);
        });
        Quote q = saveFor(customer, null, List.of(new LineRequest(productB, 1)));
        assertThat(q.getTierId()).isEqualTo(vip);
        assertThat(q.getTotal()).isEqualByComparingTo("40.00");
    }

    @Test
    void a_quote_without_lines_with_a_zero_quantity_or_an_unknown_product_is_refused_on_its_field() {
        assertThatThrownBy(() -> quotes.simulate(QuoteRequest.forCustomer(customer.getId(), null, List.of())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("lines"));
        assertThatThrownBy(() -> quotes.simulate(
                        QuoteRequest.forCustomer(customer.getId(), null, List.of(new LineRequest(productA, 0)))))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("quantity");
                    assertThat(e.messageKey()).isEqualTo("pricing.quote.error.quantity");
                });
        assertThatThrownBy(() -> quotes.save(QuoteDraft.create(customer.getId(), null, List.of())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("lines"));
    }

    @Test
    void an_unknown_product_is_refused_on_its_field() {
        assertThatThrownBy(() -> quotes.simulate(
                        QuoteRequest.forCustomer(customer.getId(), null, List.of(new LineRequest(-5, 1)))))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("product");
                    assertThat(e.messageKey()).isEqualTo("pricing.quote.error.product-unknown");
                });
    }

    @Test
    void a_saved_quote_keeps_its_prices_rules_bundle_and_explanation_as_a_numbered_draft() {
        LocalDate date = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);

        Quote q = saveFor(customer, date, aAndB());

        assertThat(q.getNumber()).matches("Q-" + date.getYear() + "-\\d{6}");
        assertThat(q.getStatus()).isEqualTo(QuoteStatus.DRAFT);
        assertThat(q.getValidUntil()).isEqualTo(date.plusDays(QuoteService.DEFAULT_VALIDITY_DAYS));
        assertThat(q.getProvince()).isEqualTo("浙江");
        assertThat(q.getListTotal()).isEqualByComparingTo("150.00");
        assertThat(q.getBundleDiscount()).isEqualByComparingTo("10.00");
        assertThat(q.getTotal()).isEqualByComparingTo("130.00");
        assertThat(q.getCostTotal()).isEqualByComparingTo("80.00");
        assertThat(q.getCreatedBy()).isEqualTo("quote-staff");
        Quote read = quotes.get(q.getId());
        assertThat(read.getLines()).extracting(QuoteLine::getLineNo).containsExactly(1, 2);
        QuoteLine a = read.getLines().getFirst();
        assertThat(a.getUnitPrice()).isEqualByComparingTo("90.00");
        assertThat(a.getLineTotal()).isEqualByComparingTo("90.00");
        assertThat(a.getCost()).isEqualByComparingTo("60.00");
        assertThat(a.getRuleCode()).isEqualTo(ruleTen);
        assertThat(a.getRuleName()).isEqualTo("规则 QR10");
        assertThat(a.getBundleCode()).isEqualTo(bundleCode);
        QuoteExplanation why = QuoteExplanation.parse(a.getExplanation());
        assertThat(why.ruleCode()).isEqualTo(ruleTen);
        assertThat(why.beaten()).contains(new QuoteExplanation.Beaten(ruleBulk, "MIN_QUANTITY", "10"));
        QuoteLine b = read.getLines().get(1);
        assertThat(b.getUnitPrice()).isEqualByComparingTo("50.00");
        assertThat(QuoteExplanation.parse(b.getExplanation()).ruleCode()).isEqualTo(pricing.code("QRB"));
    }

    @Test
    void valid_until_before_the_quote_date_is_refused_and_a_customer_is_required() {
        LocalDate date = LocalDate.of(2026, 5, 10);
        assertThatThrownBy(() ->
                        quotes.save(new QuoteDraft(null, 0, customer.getId(), date, date.minusDays(1), null, aAndB())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("validUntil"));
        assertThatThrownBy(() -> quotes.save(new QuoteDraft(null, 0, null, date, null, null, aAndB())))
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.field()).isEqualTo("customerId"));
    }

    @Test
    void numbers_stay_unique_when_quotes_are_saved_at_the_same_time() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> TestData.as(
                        "quote-staff",
                        () -> saveFor(customer, LocalDate.of(2026, 6, 1), aAndB())
                                .getNumber(),
                        "STAFF")));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<String> f : futures) {
                numbers.add(f.get());
            }
            assertThat(numbers).doesNotHaveDuplicates().hasSize(12).allMatch(n -> n.startsWith("Q-2026-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void re_saving_a_draft_quotes_it_again_and_a_stale_edit_is_refused() {
        Quote q = saveFor(customer, null, aAndB());
        List<LineRequest> more = List.of(new LineRequest(productA, 10));

        Quote again = quotes.save(
                new QuoteDraft(q.getId(), q.getVersion(), customer.getId(), q.getQuoteDate(), null, "改", more));

        assertThat(again.getNumber()).isEqualTo(q.getNumber());
        assertThat(again.getTotal()).isEqualByComparingTo("700.00");
        assertThat(quotes.get(q.getId()).getLines())
                .singleElement()
                .satisfies(l -> assertThat(l.getRuleCode()).isEqualTo(ruleBulk));
        assertThatThrownBy(() -> quotes.save(
                        new QuoteDraft(q.getId(), q.getVersion(), customer.getId(), null, null, null, more)))
                .isInstanceOf(StaleEditException.class);
    }

    @Test
    void statuses_move_forward_and_an_accepted_quote_never_goes_back() {
        Quote q = saveFor(customer, null, aAndB());

        Quote sent = quotes.markSent(q.getId(), q.getVersion());
        assertThat(sent.getStatus()).isEqualTo(QuoteStatus.SENT);
        assertThatThrownBy(() -> quotes.save(
                        new QuoteDraft(q.getId(), sent.getVersion(), customer.getId(), null, null, null, aAndB())))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.not-draft"));
        Quote accepted = quotes.accept(q.getId(), sent.getVersion());
        assertThat(accepted.getStatus()).isEqualTo(QuoteStatus.ACCEPTED);

        for (Runnable r : List.<Runnable>of(
                () -> quotes.markSent(q.getId(), accepted.getVersion()),
                () -> quotes.expire(q.getId(), accepted.getVersion()),
                () -> quotes.accept(q.getId(), accepted.getVersion()))) {
            assertThatThrownBy(r::run)
                    .isInstanceOfSatisfying(
                            KeyuanException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.accepted-final"));
        }
        assertThatThrownBy(() -> quotes.markSent(q.getId(), q.getVersion())).isInstanceOf(StaleEditException.class);
    }

    @Test
    void an_expired_quote_cannot_be_accepted() {
        Quote q = saveFor(customer, null, aAndB());
        Quote expired = quotes.expire(q.getId(), q.getVersion());
        assertThat(expired.getStatus()).isEqualTo(QuoteStatus.EXPIRED);

        assertThatThrownBy(() -> quotes.accept(q.getId(), expired.getVersion()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.expired"));
        assertThatThrownBy(() -> quotes.markSent(q.getId(), expired.getVersion()))
                .isInstanceOf(KeyuanException.class);
    }

    @Test
    void expire_overdue_expires_only_drafts_and_sent_quotes_past_their_last_day() {
        LocalDate today = LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);
        Quote overdueDraft = saveFor(customer, today.minusDays(40), aAndB());
        Quote overdueSent = saveFor(customer, today.minusDays(40), aAndB());
        quotes.markSent(overdueSent.getId(), overdueSent.getVersion());
        Quote lastDayToday =
                quotes.save(new QuoteDraft(null, 0, customer.getId(), today.minusDays(3), today, null, aAndB()));
        Quote acceptedThenOverdue = saveFor(customer, today, aAndB());
        quotes.accept(acceptedThenOverdue.getId(), acceptedThenOverdue.getVersion());
        jdbc.update(
                "UPDATE quote SET quote_date = ?, valid_until = ? WHERE id = ?",
                today.minusDays(50),
                today.minusDays(20),
                acceptedThenOverdue.getId());
        assertThatThrownBy(() -> quotes.accept(overdueDraft.getId(), overdueDraft.getVersion()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.expired"));

        int n = quotes.expireOverdue();

        assertThat(n).isGreaterThanOrEqualTo(2);
        assertThat(quotes.get(overdueDraft.getId()).getStatus()).isEqualTo(QuoteStatus.EXPIRED);
        assertThat(quotes.get(overdueSent.getId()).getStatus()).isEqualTo(QuoteStatus.EXPIRED);
        assertThat(quotes.get(overdueSent.getId()).getUpdatedBy()).isEqualTo("quote-staff");
        assertThat(quotes.get(lastDayToday.getId()).getStatus()).isEqualTo(QuoteStatus.DRAFT);
        assertThat(quotes.get(acceptedThenOverdue.getId()).getStatus()).isEqualTo(QuoteStatus.ACCEPTED);
    }

    @Test
    void recorded_purchases_sum_to_the_quote_total_and_are_recorded_only_once() {
        // 3 x A at 90 and 1 x B at 50: one set of the bundle, 10 off, shared over the bundle's two lines
        Quote q = saveFor(customer, null, List.of(new LineRequest(productA, 3), new LineRequest(productB, 1)));
        assertThatThrownBy(() -> quotes.recordPurchases(q.getId()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.not-accepted"));
        Quote accepted = quotes.accept(q.getId(), q.getVersion());
        assertThat(accepted.getBundleDiscount()).isEqualByComparingTo("10.00");

        int n = quotes.recordPurchases(q.getId());

        assertThat(n).isEqualTo(2);
        BigDecimal sum = jdbc.queryForObject(
                "SELECT SUM(amount) FROM purchase WHERE customer_id = ?", BigDecimal.class, customer.getId());
        assertThat(sum).isEqualByComparingTo(accepted.getTotal());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM purchase WHERE customer_id = ? AND product LIKE ?",
                        Integer.class,
                        customer.getId(),
                        pricing.code("QA") + "%"))
                .isEqualTo(1);
        assertThat(quotes.get(q.getId()).getPurchasesRecordedAt()).isNotNull();
        assertThatThrownBy(() -> quotes.recordPurchases(q.getId()))
                .isInstanceOfSatisfying(
                        KeyuanException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("pricing.quote.error.purchases-recorded"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM purchase WHERE customer_id = ?", Integer.class, customer.getId()))
                .isEqualTo(2);
    }

    @Test
    void purchase_amounts_share_the_bundle_discount_so_that_they_sum_to_the_total() {
        Quote q = new Quote();
        q.setBundleDiscount(new BigDecimal("10.00"));
        for (String[] l : new String[][] {{"33.33", "B"}, {"33.33", "B"}, {"33.34", "B"}, {"7.00", null}}) {
            QuoteLine line = new QuoteLine();
            line.setLineTotal(new BigDecimal(l[0]));
            line.setBundleCode(l[1]);
            q.addLine(line);
        }

        List<BigDecimal> amounts = QuoteService.purchaseAmounts(q);

        assertThat(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("97.00");
        assertThat(amounts.get(3)).isEqualByComparingTo("7.00");
        assertThat(amounts).allMatch(a -> a.scale() == 2 && a.signum() >= 0);
    }

    @Test
    void an_attached_deal_follows_the_quote_total_through_re_quotes_and_acceptance() {
        PipelineDetail funnel =
                TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "报价漏斗" + TestData.unique());
        Deal deal =
                TestPipelines.deal(deals, funnel.pipeline().id(), customer.getId(), "报价商机" + TestData.unique(), "1");
        Quote q = saveFor(customer, null, aAndB());

        Quote attached = quotes.attachToDeal(q.getId(), deal.getId());

        assertThat(attached.getDealId()).isEqualTo(deal.getId());
        assertThat(deals.card(deal.getId()).value()).isEqualByComparingTo("130.00");
        assertThat(quotes.dealsOf(customer.getId())).extracting(d -> d.id()).contains(deal.getId());
        Quote again = quotes.save(new QuoteDraft(
                q.getId(),
                attached.getVersion(),
                customer.getId(),
                null,
                null,
                null,
                List.of(new LineRequest(productA, 10))));
        assertThat(deals.card(deal.getId()).value()).isEqualByComparingTo("700.00");
        quotes.accept(q.getId(), again.getVersion());
        assertThat(deals.card(deal.getId()).value()).isEqualByComparingTo(again.getTotal());
    }

    @Test
    void a_deal_of_another_customer_is_refused() {
        Customer other = TestPipelines.customer(customers, "别的客户" + TestData.unique());
        PipelineDetail funnel =
                TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "报价漏斗" + TestData.unique());
        Deal theirs = TestPipelines.deal(deals, funnel.pipeline().id(), other.getId(), "别人的" + TestData.unique(), "5");
        Quote q = saveFor(customer, null, aAndB());

        assertThatThrownBy(() -> quotes.attachToDeal(q.getId(), theirs.getId()))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("dealId");
                    assertThat(e.messageKey()).isEqualTo("pricing.quote.error.deal-other-customer");
                });
        assertThat(deals.card(theirs.getId()).value()).isEqualByComparingTo("5");
        assertThat(quotes.get(q.getId()).getDealId()).isNull();
    }

    @Test
    void the_list_filters_by_customer_status_dates_and_number() {
        Quote first = saveFor(customer, LocalDate.of(2026, 3, 1), aAndB());
        Quote second = saveFor(customer, LocalDate.of(2026, 3, 20), aAndB());
        quotes.markSent(second.getId(), second.getVersion());

        QuoteFilter mine = new QuoteFilter(customer.getId(), null, null, null, null);
        assertThat(quotes.page(mine, 0, 10)).extracting(QuoteRow::id).containsExactly(second.getId(), first.getId());
        assertThat(quotes.count(mine)).isEqualTo(2);
        assertThat(quotes.page(new QuoteFilter(customer.getId(), QuoteStatus.SENT, null, null, null), 0, 10))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.id()).isEqualTo(second.getId());
                    assertThat(r.customerName()).isEqualTo(customer.getName());
                    assertThat(r.total()).isEqualByComparingTo("130.00");
                });
        assertThat(quotes.count(new QuoteFilter(
                        customer.getId(), null, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1), null)))
                .isEqualTo(1);
        assertThat(quotes.page(
                        new QuoteFilter(
                                null, null, null, null, first.getNumber().substring(2)),
                        0,
                        10))
                .extracting(QuoteRow::id)
                .containsExactly(first.getId());
    }

    @Test
    void pickers_find_products_by_code_prefix_without_cost() {
        assertThat(quotes.findProducts(pricing.code("QA"), 0, 10))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.id()).isEqualTo(productA);
                    assertThat(p.listPrice()).isEqualByComparingTo("100.00");
                });
        assertThat(quotes.products(List.of(productA, productB))).containsKeys(productA, productB);
    }

    @Test
    void a_user_without_staff_is_refused() {
        for (Runnable r : List.<Runnable>of(
                () -> quotes.simulate(QuoteRequest.forCustomer(customer.getId(), null, aAndB())),
                () -> quotes.save(QuoteDraft.create(customer.getId(), null, aAndB())),
                () -> quotes.page(QuoteFilter.none(), 0, 10),
                () -> quotes.count(QuoteFilter.none()),
                () -> quotes.get(1),
                () -> quotes.expireOverdue(),
                () -> quotes.recordPurchases(1),
                () -> quotes.attachToDeal(1, 1),
                () -> quotes.findProducts("", 0, 10),
                () -> quotes.exportWorkbook(1, Locale.ENGLISH, new ByteArrayOutputStream()))) {
            assertThatThrownBy(() -> TestData.as("no-role", r)).isInstanceOf(AccessDeniedException.class);
        }
    }
}
