package io.keyuan.pricing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.TestPipelines;
import io.keyuan.pricing.QuotableProduct;
import io.keyuan.pricing.QuoteFilter;
import io.keyuan.pricing.QuoteRow;
import io.keyuan.pricing.QuoteService;
import io.keyuan.pricing.QuoteStatus;
import io.keyuan.pricing.RuleKind;
import io.keyuan.pricing.TestPricing;
import io.keyuan.pricing.domain.Quote;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

class QuoteSimulatorViewTest extends KeyuanViewTest {
    @Autowired
    QuoteService quotes;

    @Autowired
    CustomerService customers;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEventPublisher events;

    TestPricing pricing;
    long productA;
    Customer customer;

    @BeforeEach
    void catalogue() {
        pricing = new TestPricing(jdbc, events);
        long category = pricing.category("VC");
        productA = pricing.product(category, "VA", "视图产品A", "100.00", "60.00");
        pricing.productRule("VR10", productA, RuleKind.PERCENT_OFF, "10", 1, null, null, null, true);
        pricing.productRule("VRBULK", productA, RuleKind.FIXED_PRICE, "70", 10, null, null, null, true);
        pricing.forget();
        customer = TestPipelines.customer(customers, "视图客户" + unique(), c -> c.setProvince("浙江"));
    }

    private QuoteSimulatorView view() {
        return $(QuoteSimulatorView.class).single();
    }

    private QuotableProduct productA() {
        return SystemActor.call(() -> quotes.findProducts(pricing.code("VA"), 0, 5))
                .getFirst();
    }

    @Test
    @AsStaff
    void staff_adds_lines_and_sees_the_winning_rule_and_why_the_others_lost() {
        navigate(QuoteSimulatorView.class);
        QuoteSimulatorView view = view();
        view.customer.setValue(new CustomerRef(customer.getId(), customer.getCode(), customer.getName()));

        view.product.setValue(productA());
        test(view.quantity).setValue(2);
        test(view.addLine).click();

        assertThat(test(view.lines).size()).isEqualTo(1);
        assertThat(test(view.results).size()).isEqualTo(1);
        assertThat(test(view.results).getCellText(0, 6)).isEqualTo(pricing.code("VR10") + " · 规则 VR10");
        assertThat(test(view.results).getCellText(0, 3)).contains("90");
        // only this test's rules are looked at: others may be left in the shared database
        var beatenRows = test(view.beaten);
        List<String> mine = new java.util.ArrayList<>();
        for (int i = 0; i < beatenRows.size(); i++) {
            if (beatenRows.getCellText(i, 2).startsWith(pricing.code("VRBULK"))) {
                mine.add(beatenRows.getCellText(i, 3));
            }
        }
        assertThat(mine).containsExactly(t("pricing.beaten.MIN_QUANTITY", "10"));
        assertThat(view.totals.getText()).contains("180");
        // the quantity field is refused below 1 and nothing is added
        view.product.setValue(productA());
        view.quantity.setValue(0);
        test(view.addLine).click();
        assertThat(test(view.lines).size()).isEqualTo(1);
        assertThat(view.quantity.isInvalid()).isTrue();
    }

    @Test
    @AsStaff
    void choosing_a_customer_shows_their_tier_and_region_in_place_of_the_tier_and_region_fields() {
        long tier = pricing.tier("VT", "视图等级");
        pricing.customerTier(customer.getId(), tier);
        navigate(QuoteSimulatorView.class);
        QuoteSimulatorView view = view();
        assertThat(view.tier.isVisible()).isTrue();
        assertThat(view.pricedFor.isVisible()).isFalse();

        view.customer.setValue(new CustomerRef(customer.getId(), customer.getCode(), customer.getName()));

        assertThat(view.tier.isVisible()).isFalse();
        assertThat(view.province.isVisible()).isFalse();
        assertThat(view.pricedFor.isVisible()).isTrue();
        assertThat(view.pricedFor.getText())
                .isEqualTo(t(
                        "pricing.quote.priced-for",
                        t("pricing.quote.priced-for.manual", "视图等级 " + pricing.tag, "test"),
                        "浙江"));

        view.customer.clear();
        assertThat(view.tier.isVisible()).isTrue();
        assertThat(view.pricedFor.isVisible()).isFalse();
    }

    @Test
    @AsStaff
    void staff_saves_a_quote_and_moves_it_on_from_the_simulator() {
        navigate(QuoteSimulatorView.class);
        QuoteSimulatorView view = view();
        view.customer.setValue(new CustomerRef(customer.getId(), customer.getCode(), customer.getName()));
        view.product.setValue(productA());
        test(view.quantity).setValue(10);
        test(view.addLine).click();

        test(view.save).click();

        List<QuoteRow> rows =
                SystemActor.call(() -> quotes.page(new QuoteFilter(customer.getId(), null, null, null, null), 0, 5));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(QuoteStatus.DRAFT);
            assertThat(r.total()).isEqualByComparingTo("700.00");
        });
        assertThat(view.status.getText()).contains(rows.getFirst().number());
        assertThat(view.markSent.isVisible()).isTrue();
        test(view.markSent).click();
        assertThat(SystemActor.call(() -> quotes.get(rows.getFirst().id())).getStatus())
                .isEqualTo(QuoteStatus.SENT);
        test(view.accept).click();
        assertThat(view.expire.isEnabled()).isFalse();
        test(view.recordPurchases).click();
        assertThat(SystemActor.call(() -> quotes.get(rows.getFirst().id())).getPurchasesRecordedAt())
                .isNotNull();
        assertThat(view.recordPurchases.isEnabled()).isFalse();
    }

    @Test
    @AsStaff
    void a_saved_quote_opens_by_its_address_with_its_lines_and_explanations() {
        Quote q = SystemActor.call(() -> quotes.save(io.keyuan.pricing.QuoteDraft.create(
                customer.getId(), null, List.of(new io.keyuan.pricing.engine.LineRequest(productA, 1)))));

        navigate(QuoteSimulatorView.class, q.getId());

        QuoteSimulatorView view = view();
        assertThat(view.customer.getValue().id()).isEqualTo(customer.getId());
        assertThat(test(view.lines).size()).isEqualTo(1);
        assertThat(test(view.savedLines).size()).isEqualTo(1);
        assertThat(test(view.savedLines).getCellText(0, 5))
                .contains(pricing.code("VRBULK"))
                .contains(t("pricing.beaten.MIN_QUANTITY", "10"));
        assertThat(view.status.getText()).contains(q.getNumber());
        assertThat($(Button.class).id("quote-save").isEnabled()).isTrue();
    }

    @Test
    @AsStaff
    void without_a_customer_the_quote_is_priced_for_a_tier_and_region_but_not_saved() {
        navigate(QuoteSimulatorView.class);
        QuoteSimulatorView view = view();
        view.province.setValue("浙江");
        view.product.setValue(productA());
        test(view.addLine).click();

        assertThat(test(view.results).size()).isEqualTo(1);
        test(view.save).click();
        assertThat(view.customer.isInvalid()).isTrue();
    }
}
