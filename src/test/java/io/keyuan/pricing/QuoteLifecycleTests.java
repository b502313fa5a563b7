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
import io.keyuan.shared.KeyuanException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * A saved quote's life, on quotes written straight to the tables as the service saves them (so that these run
 * whatever the engine does): statuses, expiry, purchases, the deal's value and the customer's workbook.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "quote-life",
        roles = {"STAFF"})
class QuoteLifecycleTests {
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
    Customer customer;

    @BeforeEach
    void rows() {
        pricing = new TestPricing(jdbc, events);
        long category = pricing.category("LFC");
        productA = pricing.product(category, "LFA", "生命周期A", "100.00", "60.00");
        productB = pricing.product(category, "LFB", "生命周期B", "50.00", "20.00");
        customer = TestPipelines.customer(customers, "生命周期客户" + TestData.unique());
    }

    /** 3 x A at 90 and 1 x B at 50, both in bundle BUN (10 off): total 310. */
    private long quote(String status, LocalDate date, LocalDate validUntil) {
        Timestamp now = Timestamp.from(Instant.now());
        String number = "T-" + TestData.unique();
        jdbc.update(
                "INSERT INTO quote (number, customer_id, quote_date, valid_until, status, list_total, bundle_discount,"
                        + " total, cost_total, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, ?, ?, ?, 350.00, 10.00, 310.00, 200.00, ?, 'test', ?, 'test')",
                number,
                customer.getId(),
                Date.valueOf(date),
                Date.valueOf(validUntil),
                status,
                now,
                now);
        long id = jdbc.queryForObject("SELECT id FROM quote WHERE number = ?", Long.class, number);
        jdbc.update(
                "INSERT INTO quote_line (quote_id, line_no, product_id, quantity, list_price, unit_price, line_total,"
                        + " cost, rule_code, rule_name, bundle_code, explanation)"
                        + " VALUES (?, 1, ?, 3, 100.00, 90.00, 270.00, 60.00, 'R10', '九折', 'BUN', 'rule:R10'),"
                        + " (?, 2, ?, 1, 50.00, 50.00, 50.00, 20.00, NULL, NULL, 'BUN', 'rule:-')",
                id,
                productA,
                id,
                productB);
        return id;
    }

    private LocalDate today() {
        return LocalDate.now(io.keyuan.shared.BusinessTime.ZONE);
    }

    private long quote(String status) {
        return quote(status, today(), today().plusDays(30));
    }

    private static void refusedWith(Runnable r, String key) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(
                        KeyuanException.class, e -> assertThat(e.messageKey()).isEqualTo(key));
    }

    @Test
    void a_draft_is_sent_then_accepted_and_an_accepted_quote_stays_accepted() {
        long id = quote("DRAFT");
        Quote sent = quotes.markSent(id, 0);
        assertThat(sent.getStatus()).isEqualTo(QuoteStatus.SENT);
        assertThat(sent.getUpdatedBy()).isEqualTo("quote-life");

        Quote accepted = quotes.accept(id, sent.getVersion());

        assertThat(accepted.getStatus()).isEqualTo(QuoteStatus.ACCEPTED);
        long v = accepted.getVersion();
        refusedWith(() -> quotes.markSent(id, v), "pricing.quote.error.accepted-final");
        refusedWith(() -> quotes.expire(id, v), "pricing.quote.error.accepted-final");
        refusedWith(() -> quotes.accept(id, v), "pricing.quote.error.accepted-final");
        assertThatThrownBy(() -> quotes.accept(id, 0)).isInstanceOf(io.keyuan.shared.StaleEditException.class);
    }

    @Test
    void an_expired_quote_or_one_past_its_last_day_cannot_be_accepted() {
        long expired = quote("EXPIRED");
        refusedWith(() -> quotes.accept(expired, 0), "pricing.quote.error.expired");
        refusedWith(() -> quotes.markSent(expired, 0), "pricing.quote.error.expired");
        refusedWith(() -> quotes.expire(expired, 0), "pricing.quote.error.already-expired");
        long overdue = quote("SENT", today().minusDays(40), today().minusDays(1));
        refusedWith(() -> quotes.accept(overdue, 0), "pricing.quote.error.expired");
    }

    @Test
    void expire_overdue_turns_only_open_quotes_past_their_last_day_into_expired() {
        long overdueDraft = quote("DRAFT", today().minusDays(40), today().minusDays(10));
        long overdueSent = quote("SENT", today().minusDays(40), today().minusDays(1));
        long lastDayToday = quote("SENT", today().minusDays(5), today());
        long acceptedOverdue = quote("ACCEPTED", today().minusDays(40), today().minusDays(10));

        assertThat(quotes.expireOverdue()).isGreaterThanOrEqualTo(2);

        assertThat(quotes.get(overdueDraft).getStatus()).isEqualTo(QuoteStatus.EXPIRED);
        assertThat(quotes.get(overdueSent).getStatus()).isEqualTo(QuoteStatus.EXPIRED);
        assertThat(quotes.get(overdueSent).getVersion()).isEqualTo(1);
        assertThat(quotes.get(overdueSent).getUpdatedBy()).isEqualTo("quote-life");
        assertThat(quotes.get(lastDayToday).getStatus()).isEqualTo(QuoteStatus.SENT);
        assertThat(quotes.get(acceptedOverdue).getStatus()).isEqualTo(QuoteStatus.ACCEPTED);
    }

    @Test
    void an_accepted_quote_becomes_purchases_summing_to_its_total_once() {
        long draft = quote("DRAFT");
        refusedWith(() -> quotes.recordPurchases(draft), "pricing.quote.error.not-accepted");
        long id = quote("ACCEPTED");

        assertThat(quotes.recordPurchases(id)).isEqualTo(2);

        BigDecimal sum = jdbc.queryForObject(
                "SELECT SUM(amount) FROM purchase WHERE customer_id = ?", BigDecimal.class, customer.getId());
        assertThat(sum).isEqualByComparingTo("310.00");
        assertThat(jdbc.queryForList(
                        "SELECT amount FROM purchase WHERE customer_id = ? ORDER BY amount",
                        BigDecimal.class,
                        customer.getId()))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("48.44"), new BigDecimal("261.56"));
        assertThat(jdbc.queryForObject(
                        "SELECT product FROM purchase WHERE customer_id = ? AND quantity = 3",
                        String.class,
                        customer.getId()))
                .isEqualTo(pricing.code("LFA") + " · 生命周期A");
        refusedWith(() -> quotes.recordPurchases(id), "pricing.quote.error.purchases-recorded");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM purchase WHERE customer_id = ?", Integer.class, customer.getId()))
                .isEqualTo(2);
    }

    @Test
    void an_attached_deal_takes_the_quote_total_and_a_deal_of_another_customer_is_refused() {
        PipelineDetail funnel =
                TestPipelines.copy(pipelines, TestPipelines.FUNNEL_TEMPLATE, "生命周期" + TestData.unique());
        Deal deal =
                TestPipelines.deal(deals, funnel.pipeline().id(), customer.getId(), "生命周期商机" + TestData.unique(), "1");
        Customer other = TestPipelines.customer(customers, "别人" + TestData.unique());
        Deal theirs =
                TestPipelines.deal(deals, funnel.pipeline().id(), other.getId(), "别人的商机" + TestData.unique(), "7");
        long id = quote("SENT");

        assertThatThrownBy(() -> quotes.attachToDeal(id, theirs.getId()))
                .isInstanceOfSatisfying(KeyuanException.class, e -> {
                    assertThat(e.field()).isEqualTo("dealId");
                    assertThat(e.messageKey()).isEqualTo("pricing.quote.error.deal-other-customer");
                });
        assertThat(deals.card(theirs.getId()).value()).isEqualByComparingTo("7");

        Quote attached = quotes.attachToDeal(id, deal.getId());

        assertThat(attached.getDealId()).isEqualTo(deal.getId());
        assertThat(deals.card(deal.getId()).value()).isEqualByComparingTo("310.00");
        jdbc.update("UPDATE deal SET deal_value = 5 WHERE id = ?", deal.getId());
        quotes.accept(id, attached.getVersion());
        assertThat(deals.card(deal.getId()).value()).isEqualByComparingTo("310.00");
        assertThat(quotes.dealsOf(customer.getId())).extracting(d -> d.id()).containsExactly(deal.getId());
    }

    @Test
    void the_workbook_of_a_saved_quote_has_its_lines_and_totals_but_no_cost() throws Exception {
        long id = quote("SENT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        quotes.exportWorkbook(id, Locale.TRADITIONAL_CHINESE, out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            StringBuilder all = new StringBuilder();
            for (Row row : wb.getSheetAt(0)) {
                for (Cell c : row) {
                    all.append(c.getCellType() == CellType.STRING ? c.getStringCellValue() : c.getNumericCellValue())
                            .append('|');
                }
            }
            assertThat(all.toString())
                    .startsWith("報價單 T-")
                    .contains(customer.getName(), "生命周期A", "270.0", "310.0", "-10.0", "組合優惠")
                    .doesNotContain("|60.0|", "|20.0|", "200.0", "毛利");
            assertThat(quotes.workbookFileName(id)).endsWith(".xlsx").startsWith("T-");
        }
    }
}
