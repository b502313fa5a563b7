package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pricing.QuoteDraft;
import io.keyuan.pricing.QuoteService;
import io.keyuan.pricing.QuoteStatus;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.TestPricing;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.pricing.engine.LineRequest;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

class QuoteListViewTest extends KeyuanViewTest {
    @Autowired
    QuoteService quotes;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    private QuoteListView view() {
        return $(QuoteListView.class).single();
    }

    private Quote aQuote(Customer customer) {
        TestPricing pricing = new TestPricing(jdbc, events);
        long product = pricing.product(pricing.category("LC"), "LA", "列表产品", "20.00", "5.00");
        pricing.productRule("LR", product, RuleKind.AMOUNT_OFF, "2", 1, null, null, null, true);
        pricing.forget();
        return SystemActor.call(() -> quotes.save(
                QuoteDraft.create(customer.getId(), LocalDate.of(2026, 4, 2), List.of(new LineRequest(product, 3)))));
    }

    @Test
    @AsStaff
    void staff_filters_quotes_by_customer_and_status_and_opens_one() {
        Customer customer = TestPipelines.customer(customers, "列表客户" + unique());
        Quote q = aQuote(customer);
        navigate(QuoteListView.class);
        QuoteListView view = view();

        view.customer.setValue(new CustomerRef(customer.getId(), customer.getCode(), customer.getName()));

        assertThat(test(view.grid).size()).isEqualTo(1);
        assertThat(test(view.grid).getCellText(0, 0)).isEqualTo(q.getNumber());
        assertThat(test(view.grid).getCellText(0, 1)).isEqualTo(customer.getName());
        assertThat(test(view.grid).getCellText(0, 2)).isEqualTo("2026-04-02");
        assertThat(test(view.grid).getCellText(0, 4)).isEqualTo(t("pricing.quote.status.DRAFT"));
        assertThat(test(view.grid).getCellText(0, 5)).contains("54");
        view.status.setValue(QuoteStatus.SENT);
        assertThat(test(view.grid).size()).isZero();
        view.status.setValue(null);

        test(view.grid).clickRow(0);

        QuoteSimulatorView simulator = $(QuoteSimulatorView.class).single();
        assertThat(simulator.status.getText()).contains(q.getNumber());
    }

    @Test
    @AsManager
    void a_manager_finds_a_quote_by_part_of_its_number() {
        Customer customer = TestPipelines.customer(customers, "列表客户" + unique());
        Quote q = aQuote(customer);
        navigate(QuoteListView.class);

        test(view().number).setValue(q.getNumber().substring(2));

        assertThat(test(view().grid).size()).isEqualTo(1);
        assertThat(test(view().grid).getCellText(0, 0)).isEqualTo(q.getNumber());
    }

    @Test
    @AsStaff
    void an_empty_filter_result_says_so() {
        navigate(QuoteListView.class);
        test(view().number).setValue("no-such-" + unique());
        assertThat(test(view().grid).size()).isZero();
        assertThat(view().grid.getEmptyStateText()).isEqualTo(t("pricing.quote.empty"));
    }
}
