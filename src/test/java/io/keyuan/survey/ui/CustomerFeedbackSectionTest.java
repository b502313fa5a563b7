package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.domain.Purchase;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.FeedbackCategory;
import io.keyuan.survey.FeedbackFilter;
import io.keyuan.survey.FeedbackKind;
import io.keyuan.survey.FeedbackRow;
import io.keyuan.survey.FeedbackService;
import io.keyuan.survey.TestFeedback;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The customer page lists the customer's feedback and opens a complaint for them, about one of their purchases. */
class CustomerFeedbackSectionTest extends KeyuanViewTest {
    @Autowired
    FeedbackService feedback;

    @Autowired
    CustomerService customers;

    private CustomerFeedbackSection.Panel section() {
        return $(CustomerFeedbackSection.Panel.class).single();
    }

    @Test
    @AsStaff
    void staff_open_a_complaint_about_a_purchase_from_the_customer_page() {
        Customer c = TestFeedback.customer(customers, null);
        Purchase p = new Purchase();
        p.setPurchaseDate(LocalDate.now(BusinessTime.ZONE));
        p.setProduct("加湿器");
        p.setQuantity(1);
        p.setAmount(new BigDecimal("199.00"));
        long purchaseId =
                SystemActor.call(() -> customers.addPurchase(c.getId(), p).getId());
        open("customers/" + c.getId());
        assertThat(test(section().grid).size()).isZero();

        test(section().newComplaint).click();
        FeedbackDialog dialog = $(FeedbackDialog.class).single();
        assertThat(dialog.customer.getValue().id()).isEqualTo(c.getId());
        assertThat(dialog.customer.isReadOnly()).isTrue();
        assertThat(dialog.kind.getValue()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(dialog.purchase.getListDataView().getItems().map(r -> r.id()).toList())
                .containsExactly(purchaseId);
        dialog.category.setValue(FeedbackCategory.PRODUCT);
        test(dialog.title).setValue("加湿器漏水");
        dialog.purchase.setValue(
                dialog.purchase.getListDataView().getItems().findFirst().orElseThrow());
        test(dialog.save).click();

        assertThat(dialog.isOpened()).isFalse();
        assertThat(test(section().grid).size()).isEqualTo(1);
        assertThat(test(section().grid).getRow(0).title()).isEqualTo("加湿器漏水");
        List<FeedbackRow> stored = SystemActor.call(() -> feedback.page(FeedbackFilter.ofCustomer(c.getId()), 0, 10));
        assertThat(SystemActor.call(() -> feedback.get(stored.getFirst().id()).purchaseId()))
                .isEqualTo(purchaseId);

        test(section().grid).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(FeedbackView.class);
    }
}
