package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.PurchaseReturns;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The customer page's purchases show what was returned, and a dialog records a return within what is left. */
class PurchaseReturnsViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @Autowired
    PurchaseReturns returns;

    @Test
    @AsStaff
    void staff_record_a_return_and_more_than_is_left_is_refused_on_the_field() {
        Customer c = TestCustomers.create(customers, "PRV" + unique(), "退货页" + unique());
        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now(BusinessTime.ZONE).minusDays(2));
        p.setProduct("电热水壶");
        p.setQuantity(2);
        p.setAmount(new BigDecimal("300.00"));
        Purchase saved = SystemActor.call(() -> customers.addPurchase(c.getId(), p));
        open("customers/" + c.getId());
        assertThat(figure("purchase.return.rate")).isEqualTo("0%");
        @SuppressWarnings("unchecked")
        Grid<Purchase> grid = $(Grid.class).id("purchase-grid");
        assertThat(test(grid).getCellText(0, test(grid).getColumnPosition("returned")))
                .isEmpty();

        test((Button) test(grid).getCellComponent(0, "return")).click();
        ReturnDialog dialog = $(ReturnDialog.class).single();
        assertThat(dialog.left.getText())
                .contains("2")
                .contains(Formats.money(new BigDecimal("300.00"), getLocaleOfUi()));
        test(dialog.amount).setValue(new BigDecimal("300.01"));
        test(dialog.reason).setValue("<i>漏水</i>");
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.amount.isInvalid()).isTrue();
        assertThat(dialog.amount.getErrorMessage())
                .isEqualTo(t(
                        "purchase.return.error.amount-exceeds",
                        new BigDecimal("300.01"),
                        new BigDecimal("300.00"),
                        new BigDecimal("300.00")));

        test(dialog.amount).setValue(new BigDecimal("150.00"));
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        @SuppressWarnings("unchecked")
        Grid<Purchase> after = $(Grid.class).id("purchase-grid");
        assertThat(test(after).getCellText(0, test(after).getColumnPosition("returned")))
                .isEqualTo(t("purchase.return.summary", 1, Formats.money(new BigDecimal("150.00"), getLocaleOfUi())));
        assertThat(figure("purchase.return.rate")).isEqualTo("50%");
        assertThat(SystemActor.call(() -> returns.ofPurchase(saved.getId())))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo("<i>漏水</i>");
                    assertThat(r.recordedBy()).isEqualTo(STAFF_USER);
                });
    }

    @Test
    @AsStaff
    void a_purchases_returns_are_listed_under_it_and_one_recorded_by_mistake_is_deleted() {
        Customer c = TestCustomers.create(customers, "PRD" + unique(), "退货明细" + unique());
        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now(BusinessTime.ZONE));
        p.setProduct("保温杯");
        p.setQuantity(3);
        p.setAmount(new BigDecimal("90.00"));
        Purchase saved = SystemActor.call(() -> customers.addPurchase(c.getId(), p));
        SystemActor.run(() -> returns.record(new io.keyuan.customer.NewPurchaseReturn(
                saved.getId(), LocalDate.now(BusinessTime.ZONE), 1, new BigDecimal("30.00"), "<b>记错了</b>")));
        open("customers/" + c.getId());
        @SuppressWarnings("unchecked")
        Grid<Purchase> grid = $(Grid.class).id("purchase-grid");

        assertThat(grid.isDetailsVisibleOnClick()).isTrue();
        // what the row shows when it opens (browserless renders no item details of its own)
        CustomerDetailView page = $(CustomerDetailView.class).single();
        com.vaadin.flow.component.Component details = page.returnsOf(test(grid).getRow(0));
        page.add(details);

        Span line = $(Span.class, details).withClassName("purchase-return-line").single();
        assertThat(line.getText()).contains("<b>记错了</b>").contains(SystemActor.NAME);
        test($(Button.class, details).withClassName("purchase-return-delete").single())
                .click();
        com.vaadin.flow.component.confirmdialog.ConfirmDialog confirm =
                $(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class).id("return-delete-dialog");
        test(confirm).confirm();

        assertThat(SystemActor.call(() -> returns.ofPurchase(saved.getId()))).isEmpty();
    }

    /** The value shown under a figure's label on the customer page. */
    private String figure(String labelKey) {
        Div figures = $(Div.class).id("customer-figures");
        return $(Div.class, figures).withClassName("keyuan-figure").all().stream()
                .filter(box -> $(Span.class, box)
                        .withClassName("label")
                        .single()
                        .getText()
                        .equals(t(labelKey)))
                .map(box -> $(Span.class, box).withClassName("value").single().getText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + labelKey));
    }

    private static java.util.Locale getLocaleOfUi() {
        return com.vaadin.flow.component.UI.getCurrent().getLocale();
    }
}
