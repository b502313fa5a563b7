package io.keyuan.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsManager;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerDetailViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    private Customer customer;

    @BeforeEach
    void aCustomerWithoutPurchases() {
        customer = TestCustomers.create(customers, "DV" + unique(), "详情" + unique(), c -> c.setCity("杭州"));
    }

    /** The value shown under a figure's label in the figures panel. */
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

    private String lifecycleBadge() {
        return $(Span.class).withClassName("keyuan-badge").all().stream()
                .filter(s -> s.getClassNames().stream().anyMatch(c -> c.startsWith("lifecycle-")))
                .map(Span::getText)
                .findFirst()
                .orElseThrow();
    }

    @Test
    @AsStaff
    void shows_the_customer_with_figures_and_lifecycle() {
        open("customers/" + customer.getId());

        assertThat(getCurrentView()).isInstanceOf(CustomerDetailView.class);
        assertThat($(Span.class).id("detail-code").getText()).isEqualTo(customer.getCode());
        assertThat($(Div.class).id("customer-figures").isVisible()).isTrue();
        assertThat(figure("customer.metric.frequency")).isEqualTo("0");
        assertThat(figure("customer.metric.recency")).isEqualTo("—");
        assertThat(lifecycleBadge()).isEqualTo(t("enum.Lifecycle.POTENTIAL"));
        assertThat($(Div.class).id("customer-details").getElement().getTextRecursively())
                .contains("杭州");
    }

    @Test
    @AsStaff
    void add_purchase_opens_the_purchase_dialog() {
        open("customers/" + customer.getId());

        test($(Button.class).id("purchase-add")).click();

        PurchaseDialog dialog = $(PurchaseDialog.class).single();
        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.date.getValue()).isEqualTo(LocalDate.now(io.keyuan.shared.BusinessTime.ZONE));
    }

    @Test
    @AsStaff
    void recording_a_purchase_updates_the_figures() {
        open("customers/" + customer.getId());
        assertThat(figure("customer.metric.frequency")).isEqualTo("0");

        test($(Button.class).id("purchase-add")).click();
        PurchaseDialog dialog = $(PurchaseDialog.class).single();
        test(dialog.product).setValue("茶叶礼盒");
        test(dialog.quantity).setValue(2);
        test(dialog.amount).setValue(new BigDecimal("388.00"));
        test(dialog.channel).selectItem(t("enum.SalesChannel.STORE"));
        test($(Button.class).id("purchase-save")).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat(figure("customer.metric.frequency")).isEqualTo("1");
        assertThat(figure("customer.metric.recency")).isEqualTo(t("customer.metric.days", 0));
        assertThat(lifecycleBadge()).isEqualTo(t("enum.Lifecycle.NEW"));
        @SuppressWarnings("unchecked")
        Grid<Purchase> purchases = $(Grid.class).id("purchase-grid");
        assertThat(test(purchases).size()).isEqualTo(1);
        assertThat(test(purchases).getRow(0).getProduct()).isEqualTo("茶叶礼盒");
        assertThat(SystemActor.call(() -> customers.purchaseCount(customer.getId())))
                .isEqualTo(1);
    }

    @Test
    @AsStaff
    void a_purchase_without_product_is_not_recorded() {
        open("customers/" + customer.getId());
        test($(Button.class).id("purchase-add")).click();
        PurchaseDialog dialog = $(PurchaseDialog.class).single();
        test(dialog.quantity).setValue(1);
        test(dialog.amount).setValue(new BigDecimal("10"));
        test(dialog.channel).selectItem(t("enum.SalesChannel.ONLINE"));

        test($(Button.class).id("purchase-save")).click();

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.product.isInvalid()).isTrue();
        assertThat(SystemActor.call(() -> customers.purchaseCount(customer.getId())))
                .isZero();
    }

    @Test
    @AsStaff
    void staff_sees_no_delete_button() {
        open("customers/" + customer.getId());

        assertThat($(Button.class).withId("customer-delete").exists()).isFalse();
        assertThat($(Button.class).id("customer-edit").isVisible()).isTrue();
    }

    @Test
    @AsManager
    void manager_sees_the_delete_button_and_deletes_after_confirming() {
        open("customers/" + customer.getId());
        Button delete = $(Button.class).id("customer-delete");
        assertThat(delete.isVisible()).isTrue();

        test(delete).click();
        ConfirmDialog confirm = $(ConfirmDialog.class).id("customer-delete-dialog");
        assertThat(confirm.isOpened()).isTrue();
        test(confirm).confirm();

        assertThat(SystemActor.call(() -> customers.ref(customer.getId()))).isEmpty();
        assertThat(getCurrentView()).isInstanceOf(CustomerListView.class);
    }

    @Test
    @AsStaff
    void edit_button_opens_the_form_for_this_customer() {
        open("customers/" + customer.getId());

        test($(Button.class).id("customer-edit")).click();

        assertThat(getCurrentView()).isInstanceOf(CustomerFormView.class);
        assertThat($(com.vaadin.flow.component.textfield.TextField.class)
                        .id("customer-name")
                        .getValue())
                .isEqualTo(customer.getName());
    }
}
